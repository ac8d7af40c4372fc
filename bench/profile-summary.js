// Summarises a V8 .cpuprofile (node --cpu-prof) into a markdown table of its top self-time
// entries: where the process itself spent its CPU, function by function.
//
//   node bench/profile-summary.js <file.cpuprofile> [top=15] [from-ms to-ms]
//
// from-ms, to-ms: only the samples in that window after the profile began (bench/profile.js passes
// the measured load's, leaving out start-up, warm-up and shutdown).
//
// Self time per node = the sum of the sampling intervals (timeDeltas) whose sample is that node;
// nodes are merged by function, file and line (the same function reached by different paths).
// "(idle)" is time the event loop waited: shown on its own line, and left out of the percentages
// of busy time.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** A file's place, short: `pkg/file.js` inside node_modules, `src/...` for the app, as is otherwise. */
function shortLocation(url, line) {
  if (!url) return '(native)';
  let where = url.replace(/^file:\/\//, '');
  const modules = where.lastIndexOf('/node_modules/');
  if (modules >= 0) where = where.slice(modules + '/node_modules/'.length);
  else {
    const dist = where.indexOf('/dist/');
    if (dist >= 0) where = where.slice(dist + '/dist/'.length);
  }
  return `${where}:${line + 1}`;
}

function packageOf(location) {
  if (location === '(native)') return '(native: syscalls, GC, the engine)';
  if (location.startsWith('node:')) return 'node: (Node.js itself)';
  if (location.startsWith('src/')) return location.split('/').slice(0, 3).join('/').replace(/:\d+$/, '');
  const parts = location.split('/');
  return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
}

/**
 * `window` ({ fromMs, toMs }, optional): only the samples taken that long after the profile began
 * (it begins as the process starts), e.g. the measured load without start-up and warm-up.
 */
export function summarise(profile, top = 15, window = undefined) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map();
  const { samples = [], timeDeltas = [] } = profile;
  let at = 0;
  for (let i = 0; i < samples.length; i++) {
    // timeDeltas[i] is the time since the previous sample: it belongs to sample i - 1's node; V8's
    // own tools attribute it to sample i, and so do we (the difference is one interval).
    at += timeDeltas[i] ?? 0;
    if (window && (at < window.fromMs * 1000 || at > window.toMs * 1000)) continue;
    const id = samples[i];
    self.set(id, (self.get(id) ?? 0) + (timeDeltas[i] ?? 0));
  }
  const merged = new Map();
  let total = 0;
  let idle = 0;
  for (const [id, micros] of self) {
    const { callFrame } = byId.get(id);
    const name = callFrame.functionName || '(anonymous)';
    if (name === '(idle)') {
      idle += micros;
      continue;
    }
    total += micros;
    const key = `${name}\u0000${callFrame.url}\u0000${callFrame.lineNumber}`;
    const entry = merged.get(key) ?? { name, location: shortLocation(callFrame.url, callFrame.lineNumber), micros: 0 };
    entry.micros += micros;
    merged.set(key, entry);
  }
  const entries = [...merged.values()].sort((a, b) => b.micros - a.micros).slice(0, top);
  // The same self time by package: node_modules/<package>, the app's dist/src/<folder>, Node's own, native.
  const packages = new Map();
  for (const { location, micros } of merged.values()) {
    const name = packageOf(location);
    packages.set(name, (packages.get(name) ?? 0) + micros);
  }
  const byPackage = [...packages].map(([name, micros]) => ({ name, micros })).sort((a, b) => b.micros - a.micros).slice(0, top);
  return { entries, byPackage, busyMs: total / 1000, idleMs: idle / 1000 };
}

export function summaryTable({ entries, busyMs, idleMs }) {
  const lines = [
    `Busy ${busyMs.toFixed(0)} ms, idle ${idleMs.toFixed(0)} ms (${((100 * busyMs) / (busyMs + idleMs || 1)).toFixed(0)} % busy).`,
    '',
    '| # | self ms | % of busy | function | where |',
    '|---:|---:|---:|---|---|',
  ];
  entries.forEach(({ name, location, micros }, i) => {
    lines.push(`| ${i + 1} | ${(micros / 1000).toFixed(0)} | ${((100 * micros) / 1000 / (busyMs || 1)).toFixed(1)} | \`${name}\` | ${location} |`);
  });
  return lines.join('\n');
}

export function packageTable({ byPackage, busyMs }) {
  const lines = ['| self ms | % of busy | package |', '|---:|---:|---|'];
  for (const { name, micros } of byPackage) lines.push(`| ${(micros / 1000).toFixed(0)} | ${((100 * micros) / 1000 / (busyMs || 1)).toFixed(1)} | ${name} |`);
  return lines.join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [file, top = '15', fromMs, toMs] = process.argv.slice(2);
  if (!file) {
    console.error('usage: node bench/profile-summary.js <file.cpuprofile> [top=15] [from-ms to-ms]');
    process.exit(2);
  }
  const window = fromMs !== undefined ? { fromMs: Number(fromMs), toMs: Number(toMs ?? Infinity) } : undefined;
  const summary = summarise(JSON.parse(readFileSync(file, 'utf8')), Number(top), window);
  console.log(`${summaryTable(summary)}\n\nBy package:\n\n${packageTable(summary)}`);
}
