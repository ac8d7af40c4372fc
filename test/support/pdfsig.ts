import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * pdfsig (poppler-utils), an independent verifier of PDF signatures. CI sets REQUIRE_PDFSIG=1 and
 * installs it: there a missing pdfsig fails, never skips quietly. Elsewhere the checks skip.
 */
export const pdfsigMissing = spawnSync('pdfsig', ['-v']).error !== undefined;
export const pdfsigRequired = process.env.REQUIRE_PDFSIG === '1';
export const withPdfsig = pdfsigMissing && !pdfsigRequired ? it.skip : it;

/** pdfsig's report on `pdf` (pdfinfo must open it too). */
export function pdfsig(pdf: Uint8Array): string {
  const folder = mkdtempSync(path.join(tmpdir(), 'faireplace-pdfsig-'));
  try {
    const file = path.join(folder, 'signed.pdf');
    writeFileSync(file, pdf);
    const run = spawnSync('pdfsig', [file], { encoding: 'utf8' });
    if (run.error) throw new Error(`pdfsig could not run (${run.error.message}); install poppler-utils`);
    const pdfinfo = spawnSync('pdfinfo', [file], { encoding: 'utf8' });
    if (pdfinfo.status !== 0) throw new Error(`pdfinfo cannot open the file: ${pdfinfo.stderr}`);
    return run.stdout;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
