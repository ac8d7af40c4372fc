import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ERROR_TYPES } from '../errors/error-catalogue.js';

/**
 * No property examples here: one schema serves every error status, so an example of `code` or
 * `type` would contradict all statuses but one. Each response carries its own examples instead
 * (document-truths.ts, from the error catalogue).
 */
class ErrorBodyDto {
  @ApiProperty({ description: 'The HTTP status, repeated' }) code: number;
  @ApiProperty({ enum: ERROR_TYPES, enumName: 'ErrorType', description: 'Stable error type; see the error catalogue in docs/guide.md' }) type: string;
  @ApiProperty({ description: 'For a human; may change, never parse it' }) message: string;
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: 'VALIDATION_ERROR: `fields: [{field, message}]`; FORBIDDEN: `required_permissions`; TENANT_SUSPENDED: `reason`; CONFLICT: `dependants`; RATE_LIMITED, OTP_LOCKED: `retry_after` (seconds)',
  })
  details: Record<string, unknown>;
}

class ErrorMetaDto {
  @ApiProperty({ description: 'Same value as the X-Request-Id header (a UUID, or the caller\'s own X-Request-Id when short and plain)' })
  request_id: string;
  @ApiProperty({ format: 'date-time' }) timestamp: string;
}

/** The error envelope of SPEC section 4, as documented for every error response. */
export class ErrorResponseDto {
  @ApiProperty({ type: ErrorBodyDto }) error: ErrorBodyDto;
  @ApiProperty({ type: ErrorMetaDto }) meta: ErrorMetaDto;
}
