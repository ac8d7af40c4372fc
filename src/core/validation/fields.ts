import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsISO31661Alpha2, IsString, Length, Matches, MaxLength } from 'class-validator';
import { OptionalNullable } from './validation.js';

/** Shapes the API accepts for common contact fields (owners, lessees, contacts, places). */
export const PHONE = /^\+?[0-9][0-9 .()-]{5,19}$/;
export const POSTAL_CODE = /^[A-Za-z0-9 -]{2,10}$/;

interface Doc {
  example?: string;
  description?: string;
}

/** An optional text field: absent keeps, null clears, else 1 to `max` characters. */
export const OptionalText = (max: number, doc: Doc = {}) =>
  applyDecorators(ApiPropertyOptional({ type: String, nullable: true, maxLength: max, ...doc }), OptionalNullable(), IsString(), Length(1, max));

export const OptionalEmail = (example: string) =>
  applyDecorators(ApiPropertyOptional({ type: String, nullable: true, example }), OptionalNullable(), IsEmail(), MaxLength(254));

export const OptionalPhone = (example: string) =>
  applyDecorators(
    ApiPropertyOptional({ type: String, nullable: true, example }),
    OptionalNullable(),
    IsString(),
    Matches(PHONE, { message: '$property must be a phone number' }),
  );

export const OptionalPostalCode = (example: string) =>
  applyDecorators(
    ApiPropertyOptional({ type: String, nullable: true, example }),
    OptionalNullable(),
    IsString(),
    Matches(POSTAL_CODE, { message: '$property must be 2 to 10 letters, digits, spaces or dashes' }),
  );

export const OptionalCountry = () =>
  applyDecorators(ApiPropertyOptional({ type: String, nullable: true, example: 'FR', description: 'ISO 3166-1 alpha-2' }), OptionalNullable(), IsISO31661Alpha2());
