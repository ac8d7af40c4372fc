// `npm run bench:media`: what uploading and downloading files costs the API, in time and memory.
//
// Plain ESM JavaScript, like bench/run.js: it imports the compiled app from dist/ (npm run build).
//
//  1. the bench database (bench/database.js: `faireplace_bench` on DATABASE_ADMIN_URL's server, or
//     an embedded PostgreSQL in .data/bench), one tenant with a real API key (OnboardingService),
//     then an owner, a place and an estate made through the HTTP API with that key;
//  2. the API as child processes (bench/servers.js), one after the other, isolation on, with
//     STORAGE_DRIVER=local, MEDIA_ROOT=.data/bench/media and MEDIA_MAX_BYTES=16 MiB;
//  3. memory, each row on a fresh API process: its RSS (/proc/<pid>/status VmRSS) sampled every
//     20 ms, idle after a warm-up of small files only (the baseline), during 5 sequential 10 MiB
//     uploads (or downloads of a 10 MiB file), and after; once with default V8 settings, once with
//     the young generation capped (NODE_OPTIONS=--max-semi-space-size=1), and once more with
//     default settings and a 64 MiB file (MEDIA_MAX_BYTES=80 MiB on those processes only): does
//     memory grow with the file? (see memoryVerdicts);
//  4. throughput, on one more fresh API process: after one 5 MiB upload and download (discarded,
//     but checked), BENCH_MEDIA_ROUNDS uploads of a 5 MiB PDF one at a time, then
//     BENCH_MEDIA_CONCURRENCY at a time; the same numbers of downloads of that first 5 MiB file,
//     the SHA-256 of every received body checked against the uploaded one;
//  5. a markdown report, printed and written to bench/results-media.md; exit 1 on any failure
//     (non-2xx, wrong size or hash, a staging file left behind, the API exiting).
// Clean-up, however the run ends: the API children stopped by their PID, the embedded database
// stopped if this run started it, .data/bench/media deleted.
//
// The client is node:http with keep-alive; an upload's multipart body is built once per file
// size (fields, then the file) and sent as one buffer with its Content-Length, so the runner
// does as little work per request as possible (it shares the machine's cores with the API and
// PostgreSQL). The warm-up uploads go through fetch + FormData instead, so the API is also
// checked against a standard client's encoding.
//
// Environment: DATABASE_ADMIN_URL (optional), BENCH_MEDIA_ROUNDS=20, BENCH_MEDIA_CONCURRENCY=4,
// DATABASE_POOL_SIZE=10.
import { createHash, randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { postgresVersion, prepareBenchDatabase, seedTenants, serverOf } from './database.js';
import { startApiServer } from './servers.js';
import { numberSetting, SettingsError, stopDatabase } from './common.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root); // .data/bench and dist/ are relative to the project
const RESULTS_FILE = path.join(root, 'bench/results-media.md');
const BENCH_DATA = path.join(root, '.data/bench');
const MEDIA_ROOT = path.join(BENCH_DATA, 'media');
const STAGING = path.join(MEDIA_ROOT, '.incoming');

const MiB = 1024 * 1024;
const THROUGHPUT_BYTES = 5 * MiB;
const MEMORY_BYTES = 10 * MiB;
const MEDIA_MAX_BYTES = 16 * MiB;
/** The scaling check: the same memory rows with a file this big, on processes with a raised limit. */
const SCALE_BYTES = 64 * MiB;
const SCALE_MAX_BYTES = 80 * MiB;
const MEMORY_ROUNDS = 5;
const SAMPLE_MS = 20;
const IDLE_MS = 1_000; // baseline and "after" windows
const SETTLE_MS = 500; // pause before a baseline and before the "after" window
const WARMUP_FILE_BYTES = 64 * 1024;
const WARMUP_ROUNDS = 3;
const REQUEST_TIMEOUT_MS = 120_000;
/** The control: V8's young generation held small, so heap sizing does not pass for memory held. */
const CAPPED_NODE_OPTIONS = '--max-semi-space-size=1';
const PDF_HEAD = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');

const log = (message) => console.log(`[bench:media] ${message}`);

function readSettings() {
  return {
    rounds: numberSetting('BENCH_MEDIA_ROUNDS', 20, { min: 1, max: 10_000 }),
    concurrency: numberSetting('BENCH_MEDIA_CONCURRENCY', 4, { min: 1, max: 64 }),
    poolSize: numberSetting('DATABASE_POOL_SIZE', 10, { min: 1, max: 200 }),
  };
}

// ---------------------------------------------------------------------------------------------
// Files and numbers

/** `size` bytes starting like a PDF, padded with spaces (as pdfOfSize in test/support/files.ts). */
function pdfOfSize(size) {
  const bytes = Buffer.alloc(size, 0x20);
  PDF_HEAD.copy(bytes, 0, 0, Math.min(size, PDF_HEAD.length));
  return bytes;
}

const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');
const toMiB = (bytes) => bytes / MiB;
function fixed(value, digits = 1) {
  if (value === undefined || value === null || Number.isNaN(value)) return '–';
  const text = value.toFixed(digits);
  return /^-0(\.0+)?$/.test(text) ? text.slice(1) : text; // no "-0.00"
}

/** Nearest-rank percentile of an unsorted list. */
function percentile(values, p) {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
}

function median(values) {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// ---------------------------------------------------------------------------------------------
// HTTP client (node:http, keep-alive, 127.0.0.1 only)

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

class RequestFailure extends Error {}

/**
 * One request. The response body is either collected (`collect`, for JSON) or only counted and
 * hashed as it streams (downloads: nothing of it is kept). Resolves { status, headers, size,
 * sha256, body?, ms }.
 */
function send(baseUrl, { method, path: urlPath, headers, body, collect = false }) {
  const url = new URL(urlPath, baseUrl);
  if (url.hostname !== '127.0.0.1') throw new Error(`refusing to send to ${url.hostname}`);
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const request = http.request(
      url,
      { method, agent, headers: { ...headers, ...(body ? { 'content-length': String(body.length) } : {}) }, timeout: REQUEST_TIMEOUT_MS },
      (response) => {
        const hash = createHash('sha256');
        const chunks = [];
        let size = 0;
        response.on('data', (chunk) => {
          size += chunk.length;
          hash.update(chunk);
          if (collect) chunks.push(chunk);
        });
        response.once('error', reject);
        response.once('end', () =>
          resolve({
            status: response.statusCode,
            headers: response.headers,
            size,
            sha256: hash.digest('hex'),
            body: collect ? Buffer.concat(chunks) : undefined,
            ms: performance.now() - started,
          }),
        );
      },
    );
    request.once('timeout', () => request.destroy(new RequestFailure(`${method} ${urlPath}: no answer within ${REQUEST_TIMEOUT_MS / 1000} s`)));
    request.once('error', reject);
    request.end(body);
  });
}

async function sendJson(baseUrl, key, method, urlPath, payload, expected) {
  const body = payload === undefined ? undefined : Buffer.from(JSON.stringify(payload));
  const headers = { authorization: `Bearer ${key}`, accept: 'application/json', ...(body ? { 'content-type': 'application/json' } : {}) };
  const response = await send(baseUrl, { method, path: urlPath, headers, body, collect: true });
  if (response.status !== expected) {
    throw new RequestFailure(`${method} ${urlPath}: ${response.status} (expected ${expected}): ${response.body.toString('utf8').slice(0, 500)}`);
  }
  return response.body.length > 0 ? JSON.parse(response.body.toString('utf8')) : undefined;
}

/** A multipart/form-data body: the text fields, then the file, in one buffer. */
function multipartBody(fields, file, filename) {
  const boundary = `----faireplace-bench-${randomUUID()}`;
  const parts = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  parts.push(
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/pdf\r\n\r\n`),
    file,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** An upload prepared once, sent many times. */
function uploadOf({ key, estateId, size, filename }) {
  const file = pdfOfSize(size);
  const { body, contentType } = multipartBody({ entity_type: 'estate', entity_id: estateId }, file, filename);
  return { key, estateId, size, filename, sha256: sha256(file), body, contentType };
}

/** POST /api/media; checks 201 and what the API says it stored. Returns { id, ms }. */
async function upload(baseUrl, prepared) {
  const response = await send(baseUrl, {
    method: 'POST',
    path: '/api/media',
    headers: { authorization: `Bearer ${prepared.key}`, 'content-type': prepared.contentType, accept: 'application/json' },
    body: prepared.body,
    collect: true,
  });
  const text = response.body.toString('utf8');
  if (response.status !== 201) throw new RequestFailure(`POST /api/media (${prepared.filename}): ${response.status}: ${text.slice(0, 500)}`);
  const media = JSON.parse(text);
  const problems = [];
  if (Number(media.size) !== prepared.size) problems.push(`size ${media.size}, sent ${prepared.size}`);
  if (media.sha256 !== prepared.sha256) problems.push(`sha256 ${media.sha256}, sent ${prepared.sha256}`);
  if (media.media_type !== 'application/pdf') problems.push(`media_type ${media.media_type}`);
  if (media.entity_id !== prepared.estateId) problems.push(`entity_id ${media.entity_id}`);
  if (problems.length > 0) throw new RequestFailure(`POST /api/media (${prepared.filename}): 201 but ${problems.join(', ')}`);
  return { id: media.id, ms: response.ms };
}

/** GET /api/media/{id}/download; checks 200, the length and the SHA-256 of the bytes received. */
async function download(baseUrl, key, { id, size, sha256: expected }) {
  const urlPath = `/api/media/${id}/download`;
  const response = await send(baseUrl, { method: 'GET', path: urlPath, headers: { authorization: `Bearer ${key}` } });
  if (response.status !== 200) throw new RequestFailure(`GET ${urlPath}: ${response.status}`);
  if (response.size !== size) throw new RequestFailure(`GET ${urlPath}: received ${response.size} bytes, expected ${size}`);
  if (response.sha256 !== expected) throw new RequestFailure(`GET ${urlPath}: SHA-256 ${response.sha256} ≠ uploaded ${expected}`);
  if (response.headers['content-length'] !== String(size)) {
    throw new RequestFailure(`GET ${urlPath}: Content-Length ${response.headers['content-length']}, expected ${size}`);
  }
  return { ms: response.ms };
}

/**
 * `count` calls of `task(index)`, at most `concurrency` at a time; the first failure stops the
 * rest. Returns each call's result, their times (ms) and the wall time of the batch.
 */
async function runBatch(count, concurrency, task) {
  const results = new Array(count);
  const times = new Array(count);
  let next = 0;
  let failed;
  const started = performance.now();
  const worker = async () => {
    while (next < count && !failed) {
      const index = next++;
      try {
        results[index] = await task(index);
        times[index] = results[index].ms;
      } catch (error) {
        failed ??= error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  if (failed) throw failed;
  return { results, times, wallMs: performance.now() - started };
}

// ---------------------------------------------------------------------------------------------
// Memory of the API child

/**
 * VmRSS of a process every `intervalMs`, read from /proc/<pid>/status, with the time of each
 * sample. Also VmHWM (the kernel's own peak RSS, which sees what falls between two samples),
 * reset on demand through /proc/<pid>/clear_refs when the kernel lets us.
 */
class RssSampler {
  constructor(pid, intervalMs) {
    this.pid = pid;
    this.samples = [];
    this.timer = setInterval(() => this.sample(), intervalMs);
    this.sample();
  }

  read() {
    try {
      const status = readFileSync(`/proc/${this.pid}/status`, 'utf8');
      const field = (name) => {
        const match = new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status);
        return match ? Number(match[1]) * 1024 : undefined;
      };
      return { rss: field('VmRSS'), hwm: field('VmHWM') };
    } catch {
      return undefined; // the process has exited
    }
  }

  sample() {
    const value = this.read();
    if (value?.rss !== undefined) this.samples.push({ t: performance.now(), rss: value.rss });
  }

  /** Resets VmHWM to the current RSS ("5" > clear_refs, Linux ≥ 4.0). */
  resetPeak() {
    try {
      writeFileSync(`/proc/${this.pid}/clear_refs`, '5');
      return true;
    } catch {
      return false;
    }
  }

  between(from, to) {
    return this.samples.filter(({ t }) => t >= from && t <= to);
  }

  stop() {
    clearInterval(this.timer);
  }
}

/** CPU time (user + system) a process has used so far, in seconds, from /proc/<pid>/stat. */
function cpuSecondsOf(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' '); // after "pid (comm) "
  const CLOCK_TICKS = 100; // USER_HZ, 100 on every mainstream Linux architecture
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS; // utime, stime (fields 14, 15)
}

/** The largest gap between two consecutive samples of a window, in ms. */
function largestGap(samples) {
  let gap = 0;
  for (let i = 1; i < samples.length; i++) gap = Math.max(gap, samples[i].t - samples[i - 1].t);
  return gap;
}

/**
 * One memory measurement: an idle baseline, `rounds` sequential calls of `task()` (each timed, and
 * its own peak kept), an idle "after". Returns the numbers of the table, in bytes.
 */
async function measureMemory(sampler, rounds, task) {
  await sleep(SETTLE_MS);
  const hwmReset = sampler.resetPeak();
  const baselineFrom = performance.now();
  await sleep(IDLE_MS);
  const baselineTo = performance.now();
  const started = performance.now();
  const windows = [];
  const results = [];
  for (let i = 0; i < rounds; i++) {
    const from = performance.now();
    results.push(await task());
    sampler.sample(); // at least one sample inside each request's window, however short
    windows.push([from, performance.now()]);
  }
  const ended = performance.now();
  const hwm = hwmReset ? sampler.read()?.hwm : undefined;
  await sleep(SETTLE_MS);
  const afterFrom = performance.now();
  await sleep(IDLE_MS);
  const afterTo = performance.now();

  const baselineSamples = sampler.between(baselineFrom, baselineTo);
  const during = sampler.between(started, ended);
  const after = sampler.between(afterFrom, afterTo);
  const baseline = median(baselineSamples.map(({ rss }) => rss));
  const peak = Math.max(...during.map(({ rss }) => rss));
  const perRequest = windows.map(([from, to]) => Math.max(...sampler.between(from, to).map(({ rss }) => rss)) - baseline);
  return {
    results,
    perRequest,
    baseline,
    peak,
    growth: peak - baseline,
    after: median(after.map(({ rss }) => rss)),
    hwm,
    samples: during.length,
    largestGapMs: largestGap(during),
    durationMs: ended - started,
  };
}

// ---------------------------------------------------------------------------------------------
// Set-up through the API

/** An owner, a place and an estate of the tenant, through the HTTP API with its key. */
async function createEstate(baseUrl, key) {
  const owner = await sendJson(baseUrl, key, 'POST', '/api/owners', { owner_category: 'individual', last_name: 'Bench media' }, 201);
  const place = await sendJson(
    baseUrl,
    key,
    'POST',
    '/api/places',
    { name: 'Bench media place', owner_id: owner.id, place_category: 'individual', street_name: '1 rue de la Paix', postal_code: '75002', city: 'Paris' },
    201,
  );
  const estate = await sendJson(baseUrl, key, 'POST', `/api/places/${place.id}/estates`, { name: 'Bench media estate', estate_type: 'apartment' }, 201);
  return estate.id;
}

/**
 * Small files only (64 KiB): loads the upload and download code paths, and checks the API
 * against fetch + FormData, without pre-growing the heap with a large file.
 */
async function warmUp(baseUrl, key, estateId) {
  const file = pdfOfSize(WARMUP_FILE_BYTES);
  const expected = sha256(file);
  for (let i = 0; i < WARMUP_ROUNDS; i++) {
    const form = new FormData();
    form.set('entity_type', 'estate');
    form.set('entity_id', estateId);
    form.set('file', new Blob([file], { type: 'application/pdf' }), `warm-up-${i + 1}.pdf`);
    const response = await fetch(`${baseUrl}/api/media`, { method: 'POST', headers: { authorization: `Bearer ${key}` }, body: form });
    const text = await response.text();
    if (response.status !== 201) throw new RequestFailure(`warm-up upload (fetch + FormData): ${response.status}: ${text.slice(0, 500)}`);
    const media = JSON.parse(text);
    if (media.sha256 !== expected) throw new RequestFailure(`warm-up upload: sha256 ${media.sha256} ≠ ${expected}`);
    await download(baseUrl, key, { id: media.id, size: file.length, sha256: expected });
    await sendJson(baseUrl, key, 'GET', `/api/media/${media.id}`, undefined, 200);
  }
  await sendJson(baseUrl, key, 'GET', `/api/media?entity_type=estate&entity_id=${estateId}&per_page=5`, undefined, 200);
}

/** Stored objects under MEDIA_ROOT (the staging area apart) and files left in the staging area. */
function storedFiles() {
  const list = (directory) => {
    try {
      return readdirSync(directory, { recursive: true, encoding: 'utf8' })
        .map((entry) => path.join(directory, entry))
        .filter((file) => statSync(file).isFile());
    } catch (error) {
      if (error.code === 'ENOENT') return [];
      throw error;
    }
  };
  const staged = list(STAGING);
  const stored = list(MEDIA_ROOT).filter((file) => !file.startsWith(`${STAGING}${path.sep}`));
  return { stored: stored.length, storedBytes: stored.reduce((sum, file) => sum + statSync(file).size, 0), staged: staged.length };
}

function removeMediaRoot() {
  // Only ever .data/bench/media of this project.
  if (path.dirname(MEDIA_ROOT) !== BENCH_DATA || path.basename(MEDIA_ROOT) !== 'media') throw new Error(`unexpected MEDIA_ROOT ${MEDIA_ROOT}`);
  rmSync(MEDIA_ROOT, { recursive: true, force: true });
}

// ---------------------------------------------------------------------------------------------
// Report

function throughputTable(rows) {
  const lines = [
    '| operation | file | concurrency | requests | MiB/s | ms per request p50 | p95 | max | API CPU (cores) | API CPU ms per MiB | runner CPU (cores) | API peak RSS MiB |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const row of rows) {
    const r = row.result;
    lines.push(
      r
        ? `| ${row.title} | ${toMiB(row.size)} MiB | ${row.concurrency} | ${r.times.length} | ${fixed(r.mibPerSecond)} | ${fixed(r.p50)} | ${fixed(r.p95)} | ${fixed(r.max)} | ${fixed(r.apiCores, 2)} | ${fixed(r.apiMsPerMiB)} | ${fixed(r.runnerCores, 2)} | ${fixed(toMiB(r.peakRss))} |`
        : `| ${row.title} | ${toMiB(row.size)} MiB | ${row.concurrency} | – | FAILED | – | – | – | – | – | – | – |`,
    );
  }
  return lines.join('\n');
}

function memoryTable(rows) {
  const lines = [
    '| requests (sequential) | API process | baseline RSS MiB | peak RSS MiB (20 ms samples) | peak − baseline MiB | peak − baseline, request by request | after MiB | kernel peak VmHWM MiB | samples / largest gap |',
    '|---|---|---:|---:|---:|---|---:|---:|---:|',
  ];
  for (const row of rows) {
    const m = row.memory;
    lines.push(
      m
        ? `| ${row.title} | ${row.process} | ${fixed(toMiB(m.baseline))} | ${fixed(toMiB(m.peak))} | **${fixed(toMiB(m.growth))}** | ${m.perRequest.map((value) => `${value < 0 ? '' : '+'}${fixed(toMiB(value))}`).join(', ')} | ${fixed(toMiB(m.after))} | ${m.hwm === undefined ? 'n/a' : fixed(toMiB(m.hwm))} | ${m.samples} / ${fixed(m.largestGapMs, 0)} ms |`
        : `| ${row.title} | ${row.process} | FAILED | – | – | – | – | – | – | – |`,
    );
  }
  return lines.join('\n');
}

/** The larger of peak − baseline from the samples and from VmHWM (which sees between samples). */
const worstGrowth = ({ growth, hwm, baseline }) => Math.max(growth, hwm === undefined ? growth : hwm - baseline);

/**
 * What the memory rows say, in words.
 *
 * Does memory grow with the file? A single size cannot say: a streamed request still allocates
 * a chunk per read, and by default V8 answers fast allocation by growing its young generation (up
 * to 2 × 16 MiB semi-spaces on 64-bit Node 20), committed once and kept. So the same requests run
 * with a 10 MiB and a 64 MiB file, each on a fresh default process: the extra RSS per extra MiB of
 * file is about 0 when the bytes are streamed, 1 or more when they are held (plus any copies).
 * The capped rows show what is left once the young generation cannot grow.
 */
function memoryVerdicts(rows) {
  const find = (kind, size, capped) => rows.find((row) => row.kind === kind && row.size === size && row.capped === capped && row.memory);
  const lines = [];
  for (const [kind, noun] of [
    ['upload', 'uploads'],
    ['download', 'downloads'],
  ]) {
    const small = find(kind, MEMORY_BYTES, false);
    const large = find(kind, SCALE_BYTES, false);
    const capped = find(kind, MEMORY_BYTES, true);
    if (small && large) {
      const slope = (worstGrowth(large.memory) - worstGrowth(small.memory)) / (SCALE_BYTES - MEMORY_BYTES);
      const verdict =
        slope < 0.25
          ? 'memory does not grow with the file size: the bytes are streamed'
          : slope < 0.75
            ? '**memory partly grows with the file size: worth a closer look**'
            : '**memory grows with the file size: the file is held in memory**';
      lines.push(
        `- ${noun[0].toUpperCase()}${noun.slice(1)}: RSS rose by at most ${fixed(toMiB(worstGrowth(small.memory)))} MiB with a ${toMiB(MEMORY_BYTES)} MiB file and ${fixed(toMiB(worstGrowth(large.memory)))} MiB with a ${toMiB(SCALE_BYTES)} MiB one, ${fixed(slope, 2)} MiB more per extra MiB of file, so ${verdict}.`,
      );
    } else {
      lines.push(`- ${noun[0].toUpperCase()}${noun.slice(1)}: no verdict, a ${toMiB(MEMORY_BYTES)} or ${toMiB(SCALE_BYTES)} MiB row is missing.`);
    }
    if (small && capped) {
      lines.push(
        `  With the young generation capped (\`${CAPPED_NODE_OPTIONS}\`), the ${toMiB(MEMORY_BYTES)} MiB ${noun} raised RSS by ${fixed(toMiB(worstGrowth(capped.memory)))} MiB instead of ${fixed(toMiB(worstGrowth(small.memory)))}: the difference is V8 sizing its young generation under allocation churn, which levels off after a few requests (request by request above) and stays committed ("after"), whatever the file's size.`,
      );
    }
  }
  return lines.join('\n');
}

function resultsDocument({ date, machine, database, settings, throughput, memory, checks, failures }) {
  const status = failures.length === 0 ? 'all runs clean (every response 2xx, every size and SHA-256 as sent)' : '**FAILED**';
  return `# Benchmark: media upload and download

${date.toISOString()} — ${status}

## Machine

- CPUs: ${machine.cpus} × ${machine.cpuModel}
- Memory: ${machine.memoryGiB} GiB; ${machine.os}
- Node.js: ${machine.node} (V8 ${machine.v8})
- PostgreSQL: ${machine.postgres}
- Database: ${database}

## Parameters

- API: \`node dist/src/main.js\` as a child process on 127.0.0.1, isolation on (app role, RLS), \`NODE_ENV=bench\`, \`LOG_LEVEL=error\`, \`DATABASE_POOL_SIZE=${settings.poolSize}\`, \`STORAGE_DRIVER=local\`, \`MEDIA_ROOT=.data/bench/media\` (staging in its \`.incoming\`, same file system), \`MEDIA_MAX_BYTES=${MEDIA_MAX_BYTES}\`
- Data: 1 tenant (admin user and live API key by OnboardingService); 1 owner, 1 place, 1 estate created through the API with that key; every file attached to that estate (\`entity_type=estate\`)
- Files: \`%PDF-1.4\` header padded with spaces (as \`pdfOfSize\` in test/support/files.ts), accepted as application/pdf
- Throughput, on its own fresh API process with default settings: after the small-file warm-up and one ${toMiB(THROUGHPUT_BYTES)} MiB upload + download (discarded, but checked), ${settings.rounds} uploads of a ${toMiB(THROUGHPUT_BYTES)} MiB file one at a time, then ${settings.rounds} at concurrency ${settings.concurrency}; the same for downloads of that first ${toMiB(THROUGHPUT_BYTES)} MiB file (\`GET /api/media/{id}/download\`). Every upload must answer 201 with the size and SHA-256 sent; every download 200 with the right Content-Length and SHA-256 of the bytes received. MiB/s = file bytes moved ÷ wall time of the batch; ms per request from sending the request to the last byte of the response; CPU (cores) = CPU time used during the batch ÷ its wall time, by the API process (\`/proc/<pid>/stat\`) and by the runner (client: sending, receiving, hashing), out of ${os.cpus().length} on this machine (PostgreSQL's share is not counted); API CPU ms per MiB = the API's CPU time ÷ the MiB moved (Linux counts it in 10 ms ticks).
- Memory: VmRSS of the API process (\`/proc/<pid>/status\`) every ${SAMPLE_MS} ms. Each row is its own fresh API process, warmed up with ${WARMUP_ROUNDS} uploads + downloads of a ${WARMUP_FILE_BYTES / 1024} KiB file only (through fetch + FormData), so that no large request has grown it beforehand; baseline = median RSS over ${IDLE_MS / 1000} s idle after a ${SETTLE_MS} ms pause; peak = largest sample while the ${MEMORY_ROUNDS} sequential requests ran (overall, and request by request); after = median over ${IDLE_MS / 1000} s idle, ${SETTLE_MS} ms after the last response. VmHWM is the kernel's peak RSS since the baseline started (reset through /proc/<pid>/clear_refs), which catches what falls between two samples. "default": the API as in production (\`NODE_OPTIONS\` empty); "young generation capped": \`NODE_OPTIONS=${CAPPED_NODE_OPTIONS}\`, a control that keeps V8's heap sizing out of the numbers; "scaling check": the same with a ${toMiB(SCALE_BYTES)} MiB file (\`MEDIA_MAX_BYTES=${SCALE_MAX_BYTES}\` on those processes only), to see whether memory grows with the file (see below the table).
- Client: node:http with keep-alive in the runner process; each upload's multipart body built once and sent as one buffer with its Content-Length; downloads hashed as they stream, nothing kept. The runner, the API and PostgreSQL share the machine's CPUs: compare rows of one run, not runs of different machines.

## Throughput

${throughputTable(throughput)}

## Memory of the API process

${memoryTable(memory)}

${memoryVerdicts(memory)}

## Checks

${checks.map((check) => `- ${check}`).join('\n')}
${failures.length > 0 ? `\n## Failures\n\n${failures.map((failure) => `- ${failure}`).join('\n')}\n` : ''}`;
}

// ---------------------------------------------------------------------------------------------
// Run

const running = new Set();
let database;
let cleaningUp;
function cleanUp() {
  cleaningUp ??= (async () => {
    for (const server of running) await server.stop().catch(() => undefined); // SIGTERM to its PID, SIGKILL after 10 s
    running.clear();
    agent.destroy();
    try {
      removeMediaRoot();
    } catch (error) {
      log(`could not delete ${path.relative(root, MEDIA_ROOT)}: ${error.message}`);
    }
    if (database) await stopDatabase(database, log);
  })();
  return cleaningUp;
}

function abort(reason, code) {
  log(reason);
  void cleanUp().finally(() => process.exit(code));
}
process.once('SIGINT', () => abort('interrupted; cleaning up', 130));
process.once('SIGTERM', () => abort('terminated; cleaning up', 143));

async function startApi(urls, settings, label, { nodeOptions = '', maxBytes = MEDIA_MAX_BYTES } = {}) {
  const server = await startApiServer({
    root,
    isolation: true,
    urls,
    poolSize: settings.poolSize,
    env: {
      NODE_OPTIONS: nodeOptions,
      STORAGE_DRIVER: 'local',
      MEDIA_ROOT: path.relative(root, MEDIA_ROOT),
      MEDIA_MAX_BYTES: String(maxBytes),
      // Never a developer's S3 settings (storage is local here).
      S3_BUCKET: '',
      S3_REGION: '',
      S3_ENDPOINT: '',
      S3_FORCE_PATH_STYLE: '',
      S3_ACCESS_KEY_ID: '',
      S3_SECRET_ACCESS_KEY: '',
      // The per-tenant rate limit stays on (its cost is part of a request) but never refuses one
      // of the bench's (one tenant, thousands of requests with large BENCH_MEDIA_ROUNDS); its
      // counters in this process's memory, never a developer's Redis.
      RATE_LIMIT_PER_HOUR: '1000000000',
      REDIS_URL: '',
    },
  });
  running.add(server);
  log(`${label}: API pid ${server.pid} on ${server.baseUrl}, MEDIA_MAX_BYTES=${maxBytes}${nodeOptions ? `, NODE_OPTIONS=${nodeOptions}` : ''}`);
  return server;
}

async function stopApi(server, label, failures) {
  if (server.crashed) {
    failures.push(`${label}: the API exited during the run (${JSON.stringify(server.exitInfo)})`);
    log(`${label} output:\n${server.output}`);
  }
  await server.stop();
  running.delete(server);
}

const memoryLine = (m) =>
  `baseline ${fixed(toMiB(m.baseline))} MiB, peak ${fixed(toMiB(m.peak))} MiB (+${fixed(toMiB(m.growth))}; per request ` +
  `${m.perRequest.map((value) => fixed(toMiB(value))).join(', ')}), after ${fixed(toMiB(m.after))} MiB, VmHWM ${fixed(toMiB(m.hwm))} MiB`;

async function main() {
  const settings = readSettings();
  const failures = [];
  const checks = [];
  const date = new Date();
  const budgetMs = (300 + settings.rounds * 4 * 10) * 1000;
  const watchdog = setTimeout(() => abort(`time budget of ${Math.round(budgetMs / 1000)} s exceeded; cleaning up`, 1), budgetMs);

  const throughput = [
    { id: 'upload-seq', title: 'upload `POST /api/media`', size: THROUGHPUT_BYTES, concurrency: 1 },
    { id: 'upload-par', title: 'upload `POST /api/media`', size: THROUGHPUT_BYTES, concurrency: settings.concurrency },
    { id: 'download-seq', title: 'download `GET /api/media/{id}/download`', size: THROUGHPUT_BYTES, concurrency: 1 },
    { id: 'download-par', title: 'download `GET /api/media/{id}/download`', size: THROUGHPUT_BYTES, concurrency: settings.concurrency },
  ];
  // One fresh API process per row, in this order (a download row needs its file uploaded before).
  const capped = `young generation capped (\`${CAPPED_NODE_OPTIONS}\`)`;
  const scaled = `default, scaling check (\`MEDIA_MAX_BYTES=${SCALE_MAX_BYTES}\`)`;
  const memory = [
    { kind: 'upload', size: MEMORY_BYTES, capped: false, process: 'default' },
    { kind: 'download', size: MEMORY_BYTES, capped: false, process: 'default' },
    { kind: 'upload', size: MEMORY_BYTES, capped: true, process: capped },
    { kind: 'download', size: MEMORY_BYTES, capped: true, process: capped },
    { kind: 'upload', size: SCALE_BYTES, capped: false, process: scaled },
    { kind: 'download', size: SCALE_BYTES, capped: false, process: scaled },
  ];
  for (const row of memory) row.title = `${MEMORY_ROUNDS} ${row.kind}s of ${toMiB(row.size)} MiB`;
  let expectedStored = 0;
  let expectedStoredBytes = 0;
  const stored = (count, size) => {
    expectedStored += count;
    expectedStoredBytes += count * size;
  };

  try {
    log(`settings: ${JSON.stringify(settings)}`);
    removeMediaRoot();
    database = await prepareBenchDatabase(log);
    const where = database.embedded ? 'embedded PostgreSQL (.data/bench)' : `DATABASE_ADMIN_URL server ${serverOf(database.urls.adminUrl)}`;
    log(`database faireplace_bench ready on ${where}`);
    const postgres = await postgresVersion(database.urls.adminUrl);
    const { keys } = await seedTenants({ appUrl: database.urls.appUrl, tenants: 1, concurrency: 1, log });
    const key = keys[0].key;
    log('1 tenant with an admin user and an API key');

    let estateId;
    const files = new Map(); // size → { prepared (its multipart body), target ({ id, size, sha256 } once uploaded) }

    // --- Memory: a fresh API process per row -------------------------------------------------------
    for (const row of memory) {
      const label = `memory, ${row.title}, ${row.capped ? 'capped' : 'default'}`;
      if (row.kind === 'download' && !files.get(row.size)?.target) {
        failures.push(`${label}: skipped, no ${toMiB(row.size)} MiB file was uploaded`);
        continue;
      }
      let server;
      let sampler;
      try {
        server = await startApi(database.urls, settings, label, {
          nodeOptions: row.capped ? CAPPED_NODE_OPTIONS : '',
          maxBytes: row.size > MEDIA_MAX_BYTES ? SCALE_MAX_BYTES : MEDIA_MAX_BYTES,
        });
        sampler = new RssSampler(server.pid, SAMPLE_MS);
        estateId ??= await createEstate(server.baseUrl, key);
        await warmUp(server.baseUrl, key, estateId);
        stored(WARMUP_ROUNDS, WARMUP_FILE_BYTES);
        if (!files.has(row.size)) files.set(row.size, { prepared: uploadOf({ key, estateId, size: row.size, filename: `bench-${toMiB(row.size)}mib.pdf` }) });
        const file = files.get(row.size);
        if (row.kind === 'upload') {
          let done = 0;
          row.memory = await measureMemory(sampler, MEMORY_ROUNDS, async () => {
            const result = await upload(server.baseUrl, file.prepared);
            done++;
            return result;
          }).finally(() => stored(done, row.size));
          file.target ??= { id: row.memory.results[0].id, size: row.size, sha256: file.prepared.sha256 };
        } else {
          row.memory = await measureMemory(sampler, MEMORY_ROUNDS, () => download(server.baseUrl, key, file.target));
        }
        log(`${label}: ${memoryLine(row.memory)}`);
      } catch (error) {
        failures.push(`${label}: ${error.message}`);
        log(`${label}: ${error.stack ?? error.message}`);
      } finally {
        sampler?.stop();
        if (server) await stopApi(server, label, failures);
      }
    }

    // --- Throughput: one more fresh API process (default settings) ----------------------------------
    if (estateId) {
      const label = 'throughput';
      let server;
      let sampler;
      try {
        server = await startApi(database.urls, settings, label);
        sampler = new RssSampler(server.pid, SAMPLE_MS);
        await warmUp(server.baseUrl, key, estateId);
        stored(WARMUP_ROUNDS, WARMUP_FILE_BYTES);
        // One 5 MiB upload and download first, discarded but checked; that file is the one downloaded.
        const prepared = uploadOf({ key, estateId, size: THROUGHPUT_BYTES, filename: 'bench-5mib.pdf' });
        const first = await upload(server.baseUrl, prepared);
        stored(1, THROUGHPUT_BYTES);
        const target = { id: first.id, size: THROUGHPUT_BYTES, sha256: prepared.sha256 };
        await download(server.baseUrl, key, target);

        for (const row of throughput) {
          if (server.crashed) break;
          let uploaded = 0;
          const task = row.id.startsWith('upload')
            ? async () => {
                const done = await upload(server.baseUrl, prepared);
                uploaded++;
                return done;
              }
            : () => download(server.baseUrl, key, target);
          try {
            const from = performance.now();
            const apiCpuBefore = cpuSecondsOf(server.pid);
            const runnerCpuBefore = process.cpuUsage();
            const batch = await runBatch(settings.rounds, row.concurrency, task);
            const apiCpu = cpuSecondsOf(server.pid) - apiCpuBefore;
            const runnerCpu = process.cpuUsage(runnerCpuBefore);
            const during = sampler.between(from, performance.now());
            row.result = {
              times: batch.times,
              wallMs: batch.wallMs,
              mibPerSecond: toMiB(settings.rounds * row.size) / (batch.wallMs / 1000),
              p50: percentile(batch.times, 50),
              p95: percentile(batch.times, 95),
              max: Math.max(...batch.times),
              peakRss: during.length ? Math.max(...during.map(({ rss }) => rss)) : undefined,
              apiCores: apiCpu / (batch.wallMs / 1000),
              apiMsPerMiB: (apiCpu * 1000) / toMiB(settings.rounds * row.size),
              runnerCores: (runnerCpu.user + runnerCpu.system) / 1e6 / (batch.wallMs / 1000),
            };
            log(
              `${row.title}, ${toMiB(row.size)} MiB, concurrency ${row.concurrency}: ${fixed(row.result.mibPerSecond)} MiB/s, ` +
                `p50 ${fixed(row.result.p50)} ms, p95 ${fixed(row.result.p95)} ms, max ${fixed(row.result.max)} ms`,
            );
          } catch (error) {
            failures.push(`${row.title}, concurrency ${row.concurrency}: ${error.message}`);
            log(`${row.title}, concurrency ${row.concurrency}: ${error.stack ?? error.message}`);
          } finally {
            stored(uploaded, THROUGHPUT_BYTES);
          }
        }
      } catch (error) {
        failures.push(`${label}: ${error.message}`);
        log(`${label}: ${error.stack ?? error.message}`);
      } finally {
        sampler?.stop();
        if (server) await stopApi(server, label, failures);
      }
    } else {
      failures.push('throughput: skipped, no estate to attach files to');
    }

    // --- What is on disk: every accepted upload stored once, nothing left in staging --------------
    const disk = storedFiles();
    checks.push(
      `Stored objects under MEDIA_ROOT: ${disk.stored} files, ${fixed(toMiB(disk.storedBytes))} MiB (expected ${expectedStored}, ${fixed(toMiB(expectedStoredBytes))} MiB)`,
      `Staging area (MEDIA_ROOT/.incoming) after the run: ${disk.staged} file(s) left`,
    );
    if (disk.stored !== expectedStored || disk.storedBytes !== expectedStoredBytes) {
      failures.push(`MEDIA_ROOT holds ${disk.stored} files / ${disk.storedBytes} bytes, expected ${expectedStored} / ${expectedStoredBytes}`);
    }
    if (disk.staged > 0) failures.push(`${disk.staged} staging file(s) left in MEDIA_ROOT/.incoming`);

    const cpus = os.cpus();
    const document = resultsDocument({
      date,
      machine: {
        cpus: cpus.length,
        cpuModel: cpus[0]?.model?.trim() ?? 'unknown',
        memoryGiB: (os.totalmem() / 1024 ** 3).toFixed(1),
        os: `${os.type()} ${os.release()} ${os.arch()}`,
        node: process.version,
        v8: process.versions.v8,
        postgres,
      },
      database: database.embedded ? 'embedded PostgreSQL (.data/bench)' : `DATABASE_ADMIN_URL server (${serverOf(database.urls.adminUrl)})`,
      settings,
      throughput,
      memory,
      checks,
      failures,
    });
    writeFileSync(RESULTS_FILE, document);

    console.log(`\n${throughputTable(throughput)}\n\n${memoryTable(memory)}\n\n${memoryVerdicts(memory)}\n`);
    console.log(`machine: ${cpus.length} CPUs, Node ${process.version}; ${postgres}`);
    console.log(`written to ${path.relative(root, RESULTS_FILE)}`);
    if (failures.length > 0) {
      console.error(`\nFAILED:\n  - ${failures.join('\n  - ')}`);
      return 1;
    }
    return 0;
  } finally {
    clearTimeout(watchdog);
    await cleanUp();
  }
}

main().then(
  (code) => process.exit(code),
  async (error) => {
    console.error(`[bench:media] failed: ${error instanceof SettingsError ? error.message : (error?.stack ?? error)}`);
    await cleanUp();
    process.exit(1);
  },
);
