import path from 'node:path';
import { CallHandler, ExecutionContext, Injectable, NestInterceptor, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, RequestHandler, Response } from 'express';
import multer, { MulterError } from 'multer';
import { catchError, concatMap, from, type Observable, throwError } from 'rxjs';
import { AppConfig } from '../../config/app-config.js';
import { BadRequestError, PayloadTooLargeError, UnsupportedMediaTypeError, ValidationFailedError } from '../errors/domain-errors.js';
import { discardStagedFiles, type StagedFile, StagedFileStorage } from './staged-file.js';

export const UPLOAD_FIELD = 'file';
const STAGES_UPLOAD = 'uploads:single-file';

/** The route takes a multipart body with exactly one file in `file`, staged before anything else runs. */
export const SingleFileUpload = () => SetMetadata(STAGES_UPLOAD, true);

/**
 * Reads a multipart body holding exactly one file in `file` (plus small text fields), streaming
 * it to a staging file, on routes marked @SingleFileUpload(). Registered as the first global
 * interceptor: after authentication and permissions (guards), before the idempotency check (which
 * fingerprints the file) and before any database transaction, so a slow upload never holds a
 * connection. The staged file is removed before the response leaves, whatever happened (a
 * successful upload has moved it away by then).
 */
@Injectable()
export class UploadStagingInterceptor implements NestInterceptor {
  private readonly upload: RequestHandler;

  constructor(
    private readonly config: AppConfig,
    private readonly reflector: Reflector,
  ) {
    this.upload = multer({
      storage: new StagedFileStorage(path.join(config.MEDIA_ROOT, '.incoming')),
      limits: { fileSize: config.MEDIA_MAX_BYTES, files: 1, fields: 10, fieldSize: 4096, parts: 11, headerPairs: 100 },
      defParamCharset: 'utf8',
    }).single(UPLOAD_FIELD);
  }

  async intercept(execution: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    if (!this.reflector.get<boolean>(STAGES_UPLOAD, execution.getHandler())) return next.handle();
    const request = execution.switchToHttp().getRequest<Request & { file?: StagedFile }>();
    const response = execution.switchToHttp().getResponse<Response>();
    if (!/^multipart\/form-data/i.test(request.headers['content-type'] ?? '')) {
      throw new UnsupportedMediaTypeError('Send the upload as multipart/form-data');
    }
    const removeStaged = () => discardStagedFiles(request);
    try {
      await new Promise<void>((resolve, reject) => this.upload(request, response, (error?: unknown) => (error ? reject(this.toDomainError(error)) : resolve())));
    } catch (error) {
      await removeStaged();
      throw error;
    }
    return next.handle().pipe(
      concatMap(async (value) => {
        await removeStaged();
        return value;
      }),
      catchError((error: unknown) => from(removeStaged()).pipe(concatMap(() => throwError(() => error)))),
    );
  }

  /** Client mistakes become 4xx; a failure of ours (disk full, permissions) stays an error (500). */
  private toDomainError(error: unknown): unknown {
    if (error instanceof MulterError) {
      switch (error.code) {
        case 'LIMIT_FILE_SIZE':
          return new PayloadTooLargeError(`The file is larger than ${this.config.MEDIA_MAX_BYTES} bytes`);
        case 'LIMIT_UNEXPECTED_FILE':
        case 'LIMIT_FILE_COUNT':
          return ValidationFailedError.field(UPLOAD_FIELD, `send exactly one file, in the "${UPLOAD_FIELD}" field`);
        default:
          return new BadRequestError('The multipart body has too many or too large parts');
      }
    }
    if ((error as NodeJS.ErrnoException).code?.startsWith('E')) return error;
    return new BadRequestError('The multipart body is malformed');
  }
}
