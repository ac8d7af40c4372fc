import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

/**
 * Debian's chromium (apt package `chromium`), driven by playwright-core: no browser is downloaded.
 * CI installs it and sets REQUIRE_CHROMIUM=1: there a missing browser fails the suite, never skips
 * it quietly. Elsewhere the browser suite skips when it is not installed. CHROMIUM_PATH overrides.
 */
function findChromium(): string | undefined {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  // The real binary; /usr/bin/chromium is Debian's shell wrapper around it.
  for (const candidate of ['/usr/lib/chromium/chromium', '/usr/bin/chromium', '/usr/bin/chromium-browser']) if (existsSync(candidate)) return candidate;
  const found = spawnSync('sh', ['-c', 'command -v chromium || command -v chromium-browser'], { encoding: 'utf8' }).stdout.trim();
  return found || undefined;
}

export const chromiumPath = findChromium();
export const chromiumRequired = process.env.REQUIRE_CHROMIUM === '1';
export const describeWithChromium = chromiumPath || chromiumRequired ? describe : describe.skip;
