import type { IncomingMessage, ServerResponse } from 'node:http';
import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig } from '../../config/app-config.js';
import { redactedPath } from '../http/redacted-path.js';
import type { Principal } from '../tenancy/tenant-context.js';

const LEVELS: Record<AppConfig['LOG_LEVEL'], string> = { fatal: 'fatal', error: 'error', warn: 'warn', log: 'info', debug: 'debug', verbose: 'trace' };

/** Readable lines for a person at a terminal; JSON for machines and in production (LOG_FORMAT). */
export function prettyLogs(config: Pick<AppConfig, 'LOG_FORMAT' | 'NODE_ENV'>, isTTY = Boolean(process.stdout.isTTY)): boolean {
  if (config.LOG_FORMAT !== 'auto') return config.LOG_FORMAT === 'pretty';
  return isTTY && config.NODE_ENV !== 'production';
}

const PRETTY = { target: 'pino-pretty', options: { colorize: true, singleLine: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' } };

type LoggedRequest = IncomingMessage & { user?: Principal; route?: { path?: string }; originalUrl?: string };

/**
 * Structured logs (pino; JSON, or pino-pretty lines at a terminal): one line per request with its id, tenant, key prefix, route,
 * status and duration. Never a key, a token, a code or a body: headers are not logged at all,
 * and the URL is logged without its query string (searches can hold personal data) and without
 * a signing page's token.
 */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        pinoHttp: {
          level: LEVELS[config.LOG_LEVEL],
          transport: prettyLogs(config) ? PRETTY : undefined,
          // The id our request-id middleware assigned (and echoed in X-Request-Id).
          genReqId: (request: IncomingMessage, response: ServerResponse) => String(response.getHeader('x-request-id') ?? request.headers['x-request-id'] ?? ''),
          // Called when the request starts and when it ends: only the end knows the caller and route.
          customProps: (request: IncomingMessage, response: ServerResponse) => {
            if (!response.headersSent) return {};
            const { user, route } = request as LoggedRequest;
            return { tenant_id: user?.tenantId, key_prefix: user?.keyPrefix, caller: user?.kind, route_path: route?.path };
          },
          serializers: {
            req: (request: { id: string; method: string; url: string }) => ({ id: request.id, method: request.method, path: redactedPath(request.url.split('?')[0]) }),
            res: (response: { statusCode: number }) => ({ status: response.statusCode }),
          },
          customLogLevel: (_request: IncomingMessage, response: ServerResponse, error?: Error) =>
            error || response.statusCode >= 500 ? 'error' : response.statusCode >= 400 ? 'warn' : 'info',
          autoLogging: { ignore: (request: IncomingMessage) => request.url === '/api/health' },
        },
      }),
    }),
  ],
})
export class LoggingModule {}
