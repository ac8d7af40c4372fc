import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Injectable } from '@nestjs/common';
import { SIGNING_PAGE_SCRIPT } from './client/signing-page.script.js';
import { SIGNING_PAGE_STYLE } from './client/signing-page.style.js';

const require = createRequire(import.meta.url);
const JAVASCRIPT = 'text/javascript; charset=utf-8';
/** So that browsers do not ask for /favicon.ico (a 404 outside the page's routes). */
const FAVICON = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#0a2540"/><path d="M9 8h12v3h-8.5v4H20v3h-7.5v6H9z" fill="#fff"/></svg>';

export interface SigningAsset {
  body: Buffer;
  type: string;
  /** `/sign/assets/<name>?v=<digest>`: a new build is a new URL, so assets can be cached for good. */
  url: string;
  /** Subresource Integrity of the file (for the tags that load it). */
  integrity: string;
}

/**
 * The only files the signing page loads, all from our own origin (no CDN, no third-party request):
 * its script and stylesheet, and pdf.js from the `pdfjs-dist` package (its legacy build, which
 * still runs in older phone browsers), with its worker. Read once at start-up.
 */
@Injectable()
export class SigningAssets {
  private readonly assets = new Map<string, SigningAsset>();

  constructor() {
    this.add('signing-page.js', Buffer.from(SIGNING_PAGE_SCRIPT), JAVASCRIPT);
    this.add('signing-page.css', Buffer.from(SIGNING_PAGE_STYLE), 'text/css; charset=utf-8');
    this.add('favicon.svg', Buffer.from(FAVICON), 'image/svg+xml');
    this.add('pdf.min.mjs', readFileSync(require.resolve('pdfjs-dist/legacy/build/pdf.min.mjs')), JAVASCRIPT);
    this.add('pdf.worker.min.mjs', readFileSync(require.resolve('pdfjs-dist/legacy/build/pdf.worker.min.mjs')), JAVASCRIPT);
  }

  get(name: string): SigningAsset | undefined {
    return this.assets.get(name);
  }

  /** The asset the page names (a programming error if it does not exist). */
  of(name: 'signing-page.js' | 'signing-page.css' | 'favicon.svg' | 'pdf.min.mjs' | 'pdf.worker.min.mjs'): SigningAsset {
    return this.assets.get(name)!;
  }

  private add(name: string, body: Buffer, type: string): void {
    const version = createHash('sha256').update(body).digest('hex').slice(0, 16);
    const integrity = `sha384-${createHash('sha384').update(body).digest('base64')}`;
    this.assets.set(name, { body, type, url: `/sign/assets/${name}?v=${version}`, integrity });
  }
}
