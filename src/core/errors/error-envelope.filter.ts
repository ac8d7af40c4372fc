import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { redactedPath } from '../http/redacted-path.js';
import { requestIdOf } from '../http/request-id.middleware.js';
import { toDomainError } from './to-domain-error.js';

/**
 * The one place where failures become HTTP: every error of every layer (validation, guards,
 * body parser, unknown routes, database) leaves in the SPEC section 4 envelope.
 */
@Catch()
export class ErrorEnvelopeFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<Request>();
    const response = host.switchToHttp().getResponse<Response>();
    const error = toDomainError(exception);
    const requestId = requestIdOf(request);

    if (error.status >= 500) {
      this.logger.error(
        `${request.method} ${redactedPath(request.path)} failed with ${error.type} (request ${requestId})`,
        exception instanceof Error ? exception.stack : String(exception),
      );
    }
    response.locals.errorType = error.type; // for the request log
    if (response.headersSent) {
      // A stream failed midway: the status line is gone, all we can do is cut the connection.
      response.destroy();
      return;
    }
    if (error.status === 401) response.setHeader('WWW-Authenticate', 'Bearer');
    if (error.status === 429 && typeof error.details.retry_after === 'number') response.setHeader('Retry-After', String(error.details.retry_after));
    response.status(error.status).json({
      error: { code: error.status, type: error.type, message: error.message, details: error.details },
      meta: { request_id: requestId, timestamp: new Date().toISOString() },
    });
  }
}
