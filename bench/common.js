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
