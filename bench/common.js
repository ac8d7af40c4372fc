// Pieces every benchmark runner shares: settings from the environment, and a bounded stop of
// the embedded database it may have started.

export class SettingsError extends Error {}

/** A numeric setting from the environment, its default when unset, refused out of range. */
export function numberSetting(name, fallback, { min, max, integer = true }) {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || (integer && !Number.isInteger(value)) || value < min || value > max) {
    throw new SettingsError(`${name} must be ${integer ? 'an integer' : 'a number'} from ${min} to ${max} (got "${raw}")`);
  }
  return value;
}

/** Stops the embedded database, giving up (and saying so) after 20 s. */
export async function stopDatabase(database, log) {
  let timer;
  const stopped = database.stop().then(
    () => true,
    (error) => log(`could not stop the embedded database: ${error.message}`),
  );
  const late = new Promise((resolve) => {
    timer = setTimeout(() => resolve(false), 20_000);
  });
  if ((await Promise.race([stopped, late])) === false) log('the embedded database did not stop within 20 s');
  clearTimeout(timer);
}

/** The median of numbers (the lower middle for an even count), and their min and max. */
export function spread(values) {
  const sorted = values.filter((value) => value !== undefined && Number.isFinite(value)).sort((a, b) => a - b);
  if (sorted.length === 0) return undefined;
  return { median: sorted[Math.floor((sorted.length - 1) / 2)], min: sorted[0], max: sorted[sorted.length - 1], n: sorted.length };
}

/** The binary of a pinned Node.js version (the `node` package from npm, through npx; cached after the first run). */
export async function pinnedNode(version) {
  const { execFileSync } = await import('node:child_process');
  return execFileSync('npx', ['-y', '-p', `node@${version}`, '--', 'node', '-p', 'process.execPath'], { encoding: 'utf8' }).trim();
}

/** The commit a run measured: HEAD, with "+ uncommitted changes" when the tree is dirty. */
export async function measuredCommit(root) {
  const { execFileSync } = await import('node:child_process');
  try {
    const head = execFileSync('git', ['rev-parse', '--short=12', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: root, encoding: 'utf8' }).trim();
    return dirty ? `${head} + uncommitted changes` : head;
  } catch {
    return 'unknown (not a git checkout)';
  }
}
