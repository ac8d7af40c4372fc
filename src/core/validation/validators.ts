import { applyDecorators } from '@nestjs/common';
import { IsNumber, Matches, Max, Min, ValidateBy } from 'class-validator';

/** Euros as a JSON number: at most 2 decimals, never negative, fits numeric(12,2). */
export const IsMoney = () =>
  applyDecorators(IsNumber({ maxDecimalPlaces: 2, allowNaN: false, allowInfinity: false }), Min(0), Max(9_999_999_999.99));

/** A measured quantity (m², ...): positive or zero, `decimals` places at most, below `max`. */
export const IsMeasure = (max: number, decimals = 2) =>
  applyDecorators(IsNumber({ maxDecimalPlaces: decimals, allowNaN: false, allowInfinity: false }), Min(0), Max(max));

/** A calendar date `YYYY-MM-DD` that exists (no 2026-02-30), years 1800–2999. */
export const IsCalendarDate = () =>
  applyDecorators(
    Matches(/^(18|19|20|2\d)\d{2}-\d{2}-\d{2}$/, { message: '$property must be a date YYYY-MM-DD' }),
    ValidateBy({
      name: 'isCalendarDate',
      validator: {
        validate: (value: unknown) => {
          if (typeof value !== 'string') return false;
          const date = new Date(`${value}T00:00:00Z`);
          return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
        },
        defaultMessage: () => '$property must be an existing calendar date',
      },
    }),
  );
