import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import type { Response } from 'express';
import type { Observable } from 'rxjs';

/**
 * Nothing but our own origin: scripts, styles, the pdf.js worker and the PDF fetch from 'self',
 * no inline script or style, no plug-in, no framing, no form posting elsewhere.
 */
export const SIGNING_PAGE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * The headers of every `/sign/…` answer (page, PDF, JSON actions, errors): the strict CSP, the
 * token never sent on as a referrer, never stored by a cache, never indexed.
 */
@Injectable()
export class SigningPageHeaders implements NestInterceptor {
  intercept(execution: ExecutionContext, next: CallHandler): Observable<unknown> {
    const response = execution.switchToHttp().getResponse<Response>();
    response.setHeader('Content-Security-Policy', SIGNING_PAGE_CSP);
    response.setHeader('Referrer-Policy', 'no-referrer');
    response.setHeader('Cache-Control', 'no-store');
    response.setHeader('X-Robots-Tag', 'noindex, nofollow');
    response.setHeader('X-Frame-Options', 'DENY');
    return next.handle();
  }
}
