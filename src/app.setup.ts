import { type INestApplication, Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication, NestExpressBodyParserOptionsFor } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { Logger as PinoLogger } from 'nestjs-pino';
import { AppModule } from './app.module.js';
import type { AppConfig } from './config/app-config.js';
import { jsonOnlyMiddleware } from './core/http/json-only.middleware.js';
import { requestIdMiddleware } from './core/http/request-id.middleware.js';
import { RequestLogCapture } from './core/request-log/request-log-capture.js';
import { setupSwagger } from './core/swagger/swagger.js';
import { createValidationPipe } from './core/validation/validation.js';

/** SPEC section 1: PATCH is a synonym of the partial-update PUT; one rule instead of two routes each. */
function patchAsPut(request: Request, _response: Response, next: NextFunction): void {
  if (request.method === 'PATCH') request.method = 'PUT';
  next();
}

/**
 * The app as served and as tested: the same middleware order everywhere. The request id comes
 * first so even a body-parser failure carries it; the JSON parser is ours to set its limit.
 */
export async function createApp(config: AppConfig): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    bodyParser: false,
    abortOnError: false,
    bufferLogs: true,
  });
  app.useLogger(app.get(PinoLogger));
  app.flushLogs();
  configureApp(app, config);
  await app.init();
  return app;
}

export function configureApp(app: INestApplication & NestExpressApplication, config: AppConfig): void {
  app.disable('x-powered-by');
  app.set('etag', false);
  app.set('query parser', 'simple');
  app.set('trust proxy', trustProxy(config.TRUST_PROXY));
  app.use(requestIdMiddleware);
  app.use(app.get(RequestLogCapture).middleware); // records keyed requests once answered, off their path
  app.use(helmet({ contentSecurityPolicy: false, crossOriginEmbedderPolicy: false }));
  app.use(patchAsPut);
  app.use(jsonOnlyMiddleware);
  // Nest's typings omit body-parser's `verify`, which it passes through unchanged (rawBody off).
  app.useBodyParser('json', {
    limit: config.BODY_LIMIT_BYTES,
    strict: true,
    // Provider webhooks are verified against the exact bytes that were signed.
    verify: (request: Request & { rawBody?: Buffer }, _response: Response, buffer: Buffer) => {
      if (request.url.startsWith('/api/payments/webhooks/')) request.rawBody = buffer;
    },
  } as NestExpressBodyParserOptionsFor<'json'>);
  app.useGlobalPipes(createValidationPipe());
  if (config.SWAGGER_ENABLED) setupSwagger(app, config.INTERNAL_API_TOKEN);
}

export const bootLogger = new Logger('Bootstrap');

/** TRUST_PROXY as Express reads it: a boolean, a hop count, or a list of addresses and subnets. */
function trustProxy(value: string): boolean | number | string[] {
  if (value === 'true' || value === 'false') return value === 'true';
  if (/^\d+$/.test(value)) return Number(value);
  return value.split(',').map((item) => item.trim()).filter(Boolean);
}
