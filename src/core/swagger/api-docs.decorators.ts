import { applyDecorators, type Type } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { PaginationMetaDto } from '../pagination/page.js';
import { ErrorResponseDto } from './error-response.dto.js';

const DESCRIPTIONS: Record<number, string> = {
  400: 'Malformed JSON, bad query string or invalid fields (BAD_REQUEST, VALIDATION_ERROR)',
  404: 'Not found, or belongs to another tenant (identical answer)',
  409: 'Duplicate, or blocked by dependants (`details.dependants`)',
  413: 'Body over the limit',
  415: 'Unsupported content type',
  422: 'Well-formed but not allowed now',
  429: 'Rate limited',
  500: 'Unexpected error; no internals in the body',
  503: 'Database unreachable',
};

/** Documents the error responses of an operation, all in the one envelope. */
export function ApiErrors(...statuses: number[]) {
  return applyDecorators(
    ...[...statuses, 500, 503].map((status) =>
      ApiResponse({ status, description: DESCRIPTIONS[status] ?? 'Error', type: ErrorResponseDto }),
    ),
  );
}

/** `{data: [Item], meta: {pagination}}` in the OpenAPI document. */
export function ApiPage(item: Type<unknown>) {
  return applyDecorators(
    ApiExtraModels(item, PaginationMetaDto),
    ApiOkResponse({
      schema: {
        type: 'object',
        required: ['data', 'meta'],
        properties: {
          data: { type: 'array', items: { $ref: getSchemaPath(item) } },
          meta: {
            type: 'object',
            properties: { pagination: { $ref: getSchemaPath(PaginationMetaDto) } },
          },
        },
      },
    }),
  );
}
