import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Request } from 'express';
import type { StorageEngine } from 'multer';

/** How many leading bytes file-type needs to recognise a format. */
const HEAD_BYTES = 4100;

/** An upload on the local disk, waiting for the database to accept it. */
export interface StagedFile {
  originalname: string;
  path: string;
  size: number;
  sha256: string;
  /** The first bytes, to decide the type from the content. */
  head: Buffer;
}

const STAGED = Symbol('stagedFiles');
type WithStaged = Request & { [STAGED]?: { path: string; written: Promise<unknown> }[] };

/**
 * Removes every file this request staged, once its writing has settled: a body that breaks midway
 * can fail the request while a file is still being written, which would otherwise stay behind.
 */
export async function discardStagedFiles(request: Request): Promise<void> {
  const staged = (request as WithStaged)[STAGED] ?? [];
  await Promise.allSettled(staged.map((file) => file.written));
  await Promise.all(staged.map((file) => rm(file.path, { force: true })));
}

/**
 * Multer storage that streams each upload to a staging file while hashing and counting it: memory
 * stays flat whatever the size, and multer's size limit cuts the stream off as it arrives.
 */
export class StagedFileStorage implements StorageEngine {
  constructor(private readonly directory: string) {}

  _handleFile(request: Request, file: Express.Multer.File, callback: (error?: unknown, info?: Partial<StagedFile>) => void): void {
    const target = path.join(this.directory, randomUUID());
    const hash = createHash('sha256');
    const head: Buffer[] = [];
    let size = 0;
    const meter = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        hash.update(chunk);
        if (size < HEAD_BYTES) head.push(chunk.subarray(0, HEAD_BYTES - size));
        size += chunk.length;
        done(null, chunk);
      },
    });
    const written = mkdir(this.directory, { recursive: true }).then(() => pipeline(file.stream, meter, createWriteStream(target, { flags: 'wx' })));
    ((request as WithStaged)[STAGED] ??= []).push({ path: target, written });
    written
      .then(() => callback(null, { path: target, size, sha256: hash.digest('hex'), head: Buffer.concat(head) }))
      .catch(async (error: unknown) => {
        await rm(target, { force: true });
        callback(error);
      });
  }

  _removeFile(_request: Request, file: Express.Multer.File & Partial<StagedFile>, callback: (error: Error | null) => void): void {
    if (!file.path) return callback(null);
    rm(file.path, { force: true }).then(() => callback(null), callback);
  }
}
