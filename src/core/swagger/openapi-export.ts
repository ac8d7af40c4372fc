import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { OpenAPIObject } from '@nestjs/swagger';
import { AppModule } from '../../app.module.js';
import { loadConfig } from '../../config/app-config.js';
import { buildPublicDocument } from './swagger.js';

/**
 * The public OpenAPI document without a database or any service: Nest's preview mode scans the
 * modules and controllers (all a document is made of) but instantiates no provider, so nothing
 * connects. The configuration is the defaults, never the environment: the document must not depend
 * on the machine that exports it. It is the same document /docs/openapi.json serves
 * (test/client.e2e-spec.ts compares them).
 */
export async function exportPublicDocument(): Promise<OpenAPIObject> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(loadConfig({})), {
    preview: true,
    logger: false,
    abortOnError: false,
    bodyParser: false,
  });
  return buildPublicDocument(app);
}

/**
 * The document as committed in client/openapi.json: keys sorted at every level (arrays keep their
 * order), two-space indentation, a final newline. The order no longer depends on module import or
 * decorator order, so a new route shows in a diff as the lines it adds and nothing else.
 */
export function canonicalDocumentText(document: unknown): string {
  return `${JSON.stringify(withSortedKeys(document), null, 2)}\n`;
}

function withSortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withSortedKeys);
  if (value === null || typeof value !== 'object') return value;
  const object = value as Record<string, unknown>;
  return Object.fromEntries(
    Object.keys(object)
      .sort()
      .filter((key) => object[key] !== undefined)
      .map((key) => [key, withSortedKeys(object[key])]),
  );
}
