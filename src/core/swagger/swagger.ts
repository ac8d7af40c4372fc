import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, type ParameterObject, type ReferenceObject, SwaggerModule } from '@nestjs/swagger';
import { PUBLIC_API_MODULES } from '../../app.module.js';
import { InternalModule } from '../../internal/internal.module.js';
import { TenantDataModule } from '../../internal/tenant-data/tenant-data.module.js';
import type { NextFunction, Request, Response } from 'express';
import { assertInternalToken, INTERNAL_TOKEN_SCHEME, internalTokenDigest } from '../../internal/internal-token.guard.js';
import { BEARER_SCHEME } from '../auth/auth.decorators.js';
import { PERMISSIONS } from '../auth/permissions.js';
import { documentTruths } from './document-truths.js';

const DESCRIPTION = `Multi-tenant property management (gestion locative).

Authenticate with \`Authorization: Bearer fp_live_…\` (or \`fp_sandbox_…\`). Each operation lists the
permission it needs under \`x-required-permissions\` and in its 403 response. Every error uses one
envelope: \`{"error": {code, type, message, details}, "meta": {request_id, timestamp}}\`; each error
response shows examples of its own types. Every API-key response carries \`X-RateLimit-Limit\`,
\`X-RateLimit-Remaining\` and \`X-RateLimit-Reset\` (429 RATE_LIMITED with \`Retry-After\` past the limit);
every POST made with an API key accepts an \`Idempotency-Key\`. The guide is docs/guide.md in the project.
Permissions: ${PERMISSIONS.map((permission) => `\`${permission}\``).join(', ')}.`;

export function buildPublicDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('FairePlace API')
    .setDescription(DESCRIPTION)
    .setVersion('1.0')
    .addBearerAuth(
      // Not a JWT (Swagger's default bearerFormat): an opaque key with a checksum.
      { type: 'http', scheme: 'bearer', bearerFormat: 'fp_live_… or fp_sandbox_… API key', description: 'API key: fp_live_… or fp_sandbox_… (43 base62 characters and a 6-character checksum; not a JWT)' },
      BEARER_SCHEME,
    )
    .build();
  return documentTruths(declarePathParameters(SwaggerModule.createDocument(app, config, { include: PUBLIC_API_MODULES })), { keyedScheme: BEARER_SCHEME });
}

export function buildInternalDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('FairePlace internal API')
    .setDescription('For the dashboard backend only. `X-Internal-Token` header; API keys never work here.')
    .setVersion('1.0')
    .addApiKey({ type: 'apiKey', in: 'header', name: 'X-Internal-Token' }, INTERNAL_TOKEN_SCHEME)
    .build();
  return documentTruths(declarePathParameters(SwaggerModule.createDocument(app, config, { include: [InternalModule, TenantDataModule] })));
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head', 'trace'] as const;

/**
 * OpenAPI 3 requires every `{name}` of a path to be declared as a required path parameter, and a
 * generated client cannot fill one it does not know. Swagger declares those read by @Param (and
 * @UuidParam, @EnumParam); a route that reads its own through a custom decorator (the signature
 * routes' @Subject, shared by three controllers through one base class, so no method decorator can
 * name each controller's) gets a plain string one here.
 */
function declarePathParameters(document: OpenAPIObject): OpenAPIObject {
  const isPathParameter = (parameter: ParameterObject | ReferenceObject): parameter is ParameterObject => 'in' in parameter && parameter.in === 'path';
  for (const [path, item] of Object.entries(document.paths)) {
    const names = [...path.matchAll(/\{(\w+)\}/g)].map(([, name]) => name);
    for (const operation of METHODS.map((method) => item[method]).filter((operation) => operation !== undefined)) {
      const parameters = (operation.parameters ??= []);
      const declared = new Set(parameters.filter(isPathParameter).map((parameter) => parameter.name));
      for (const name of names) if (!declared.has(name)) parameters.push({ name, in: 'path', required: true, schema: { type: 'string' } });
    }
  }
  return document;
}

/**
 * Swagger UI at /docs (JSON at /docs/openapi.json). The internal one, at /internal/docs, exists only
 * when /internal is enabled, and like every internal route it needs the X-Internal-Token header.
 */
export function setupSwagger(app: INestApplication, internalToken: string | undefined): void {
  SwaggerModule.setup('docs', app, buildPublicDocument(app), { jsonDocumentUrl: 'docs/openapi.json', yamlDocumentUrl: 'docs/openapi.yaml' });
  if (internalToken) {
    const expected = internalTokenDigest(internalToken);
    app.use('/internal/docs', (request: Request, _response: Response, next: NextFunction) => {
      try {
        assertInternalToken(expected, request.header('x-internal-token'));
        next();
      } catch (error) {
        next(error);
      }
    });
    SwaggerModule.setup('internal/docs', app, buildInternalDocument(app), { jsonDocumentUrl: 'internal/docs/openapi.json' });
  }
}
