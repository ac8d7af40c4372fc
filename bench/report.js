// The results as markdown: printed, and written to bench/results.md with the context to read them.

const number = (value, digits = 0) =>
  value === undefined || value === null || Number.isNaN(value)
    ? '–'
    : value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

function ratio(on, off) {
  if (!on?.stats || !off?.stats || !off.stats.rps) return '–';
  const value = on.stats.rps / off.stats.rps;
  return `${value.toFixed(2)} (${value <= 1 ? '−' : '+'}${Math.abs((1 - value) * 100).toFixed(0)} %)`;
}

function latencyRatio(on, off) {
  if (!on?.stats || !off?.stats || !off.stats.p50) return '–';
  return `${(on.stats.p50 / off.stats.p50).toFixed(2)}×`;
}

export function resultsTable(rows) {
  const lines = [
    '| scenario | server | isolation | req/s (mean) | p50 ms | p99 ms | 2xx | non-2xx | errors / timeouts |',
    '|---|---|---|---:|---:|---:|---:|---:|---:|',
  ];
  for (const row of rows) {
    const s = row.stats;
    lines.push(
      `| ${row.scenario.title} | ${row.server} | ${row.isolation} | ${s ? number(s.rps, 1) : 'FAILED'} | ${number(s?.p50)} | ${number(s?.p99)} | ${number(s?.ok)} | ${number(s?.non2xx)} | ${s ? `${s.errors} / ${s.timeouts}` : '–'} |`,
    );
  }
  return lines.join('\n');
}

export function ratioTable(rows, scenarios) {
  const find = (scenario, server, isolation) =>
    rows.find((row) => row.scenario.id === scenario.id && row.server === server && row.isolation === isolation);
  const lines = [
    '| scenario | API req/s on ÷ off | API p50 on ÷ off | floor req/s on ÷ off | API on ÷ floor on (req/s) |',
    '|---|---:|---:|---:|---:|',
  ];
  for (const scenario of scenarios) {
    const apiOn = find(scenario, 'API', 'on');
    const apiOff = find(scenario, 'API', 'off');
    const floorOn = find(scenario, 'floor', 'on');
    const floorOff = find(scenario, 'floor', 'off');
    const versusFloor = apiOn?.stats && floorOn?.stats?.rps ? (apiOn.stats.rps / floorOn.stats.rps).toFixed(2) : '–';
    lines.push(
      `| ${scenario.title} | ${ratio(apiOn, apiOff)} | ${latencyRatio(apiOn, apiOff)} | ${ratio(floorOn, floorOff)} | ${versusFloor} |`,
    );
  }
  return lines.join('\n');
}

export function resultsDocument({ date, machine, database, settings, seed, rows, scenarios, failures }) {
  const status = failures.length === 0 ? 'all runs clean (every response 2xx, no error, no timeout)' : `**FAILED**`;
  return `# Benchmark: what tenant isolation costs

${date.toISOString()} — ${status}

## Machine

- CPUs: ${machine.cpus} × ${machine.cpuModel}
- Memory: ${machine.memoryGiB} GiB; ${machine.os}
- Node.js: ${machine.node}
- PostgreSQL: ${machine.postgres}
- Database: ${database}

## Parameters

- Seed: ${seed.tenants} tenants (each: an admin user and a live API key, made by OnboardingService), ${seed.ownersPerTenant} owners per tenant (${number(seed.owners)} owners in all)
- Load: autocannon, ${settings.connections} connections, pipelining 1, ${settings.warmup} s warm-up (discarded, but checked) then ${settings.duration} s measured, per scenario and server
- Requests: each picks a random (API key, owner id) pair among ${number(seed.pairs)} pairs of ${seed.tenants} tenants
- Pool: ${settings.poolSize} connections per server (\`DATABASE_POOL_SIZE\`), \`LOG_LEVEL=error\`, \`SWAGGER_ENABLED=false\`, \`NODE_ENV=bench\`
- One server runs at a time, as a child process on 127.0.0.1, with the load generator in the runner process and PostgreSQL on the same machine (they share its CPUs: compare rows of one run, not runs of different machines).
- Latencies are autocannon's, at 1 ms resolution; req/s is the mean of its per-second samples.

## Results

${resultsTable(rows)}

## Isolation on vs off

${ratioTable(rows, scenarios)}

Rows:
- **API, on**: \`node dist/src/main.js\` as the app role: per request a tenant transaction (BEGIN, \`set_config('app.tenant_id', …, true)\`, the query, COMMIT) under row-level security. The normal mode.
- **API, off**: the same app with \`NODE_ENV=bench BENCH_BYPASS_TENANCY=true\` as the owner role: no transaction, RLS bypassed, queries still filtered by \`tenant_id\`.
- **floor, on**: \`bench/floor-server.js\`, node:http + pg and nothing else, the key → tenant map in memory: BEGIN; set_config; SELECT; COMMIT as the app role.
- **floor, off**: the same server, the SELECT alone through the pool, as the owner role.

"on ÷ off" is the throughput kept with isolation (below 1: what it costs); "API on ÷ floor on" is how much of the framework-free floor the API reaches.
${failures.length > 0 ? `\n## Failures\n\n${failures.map((failure) => `- ${failure}`).join('\n')}\n` : ''}`;
}
