import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

class ErrorBodyDto {
  @ApiProperty({ example: 404 }) code: number;
  @ApiProperty({ example: 'NOT_FOUND' }) type: string;
  @ApiProperty({ example: 'Owner not found' }) message: string;
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    example: {},
    description: 'VALIDATION_ERROR: `fields: [{field, message}]`; FORBIDDEN: `required_permissions`; CONFLICT: `dependants`',
  })
  details: Record<string, unknown>;
}

class ErrorMetaDto {
  @ApiProperty({ example: '0195f3c2-7d1e-7b6a-9c61-3f5d2f1e8a90', description: 'Same value as the X-Request-Id header' })
  request_id: string;
  @ApiProperty({ example: '2026-11-27T10:00:00.000Z' }) timestamp: string;
}

/** The error envelope of SPEC section 4, as documented for every error response. */
export class ErrorResponseDto {
  @ApiProperty({ type: ErrorBodyDto }) error: ErrorBodyDto;
  @ApiProperty({ type: ErrorMetaDto }) meta: ErrorMetaDto;
}
