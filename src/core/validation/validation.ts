import { type ArgumentMetadata, Param, ParseEnumPipe, ParseUUIDPipe, ValidationPipe } from '@nestjs/common';
import { ApiParam } from '@nestjs/swagger';
import { ValidateIf, type ValidationError } from 'class-validator';
import { type FieldError, ValidationFailedError } from '../errors/domain-errors.js';
import { ListQueryDto, withSortAliases } from '../pagination/list-query.dto.js';

/** class-validator's errors as the envelope's fields: `changes.end_date` for a nested one. */
export function flatten(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/** The list query of every list gets its sort aliases resolved first (withSortAliases). */
class EdgeValidationPipe extends ValidationPipe {
  override transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const list = metadata.type === 'query' && typeof metadata.metatype === 'function' && (metadata.metatype === ListQueryDto || metadata.metatype.prototype instanceof ListQueryDto);
    return super.transform(list && value !== null && typeof value === 'object' ? withSortAliases(value as Record<string, unknown>) : value, metadata);
  }
}

/** Validation once, at the edge: unknown fields are refused, types converted, errors in the envelope. */
export function createValidationPipe(): ValidationPipe {
  return new EdgeValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new ValidationFailedError(flatten(errors)),
  });
}

/** A path id, checked to be a UUID before any query runs. */
export const UuidParam = (name = 'id') =>
  Param(
    name,
    new ParseUUIDPipe({
      exceptionFactory: () => ValidationFailedError.field(name, `${name} must be a UUID`),
    }),
  );

/**
 * A path segment from a fixed list (400 naming the allowed values otherwise), documented as an
 * enum. Documented explicitly: the reflected type of a string-union parameter is `String` when tsc
 * compiles the app but `Object` under a per-file transpiler (ts-jest), which Swagger then drops,
 * so the document served in tests would differ from the one in production (and client/openapi.json).
 */
export const EnumParam =
  (name: string, values: readonly string[]): ParameterDecorator =>
  (target, method, index) => {
    Param(
      name,
      new ParseEnumPipe(Object.fromEntries(values.map((value) => [value, value])), {
        exceptionFactory: () => ValidationFailedError.field(name, `${name} must be one of: ${values.join(', ')}`),
      }),
    )(target, method, index);
    if (method === undefined) return;
    ApiParam({ name, enum: [...values] })(target, method, Object.getOwnPropertyDescriptor(target, method)!);
  };

/**
 * Update semantics (SPEC section 1): absent keeps the value, a value sets it. Use on fields that
 * may not be cleared: `null` is then validated (and refused) instead of skipped.
 */
export const OptionalNotNull = () => ValidateIf((_object, value) => value !== undefined);

/** The field may be absent (kept) or `null` (cleared); a value is validated. */
export const OptionalNullable = () => ValidateIf((_object, value) => value !== undefined && value !== null);
