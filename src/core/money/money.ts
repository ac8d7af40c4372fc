/**
 * Money in the API is decimal euros with at most 2 decimals (SPEC section 1), stored as
 * numeric(12,2). Arithmetic is done on integer cents, converted here and only here, through the
 * decimal text of the amount: never by multiplying a float.
 */
export type Cents = number;

/** 850.5 → 85050. Exact for any amount with at most 2 decimals (what numeric(12,2) holds); throws for more. */
export function toCents(euros: number): Cents {
  const text = euros.toFixed(2);
  if (Number(text) !== euros) throw new RangeError(`Not an amount with at most 2 decimals: ${euros}`);
  const [whole, fraction = ''] = text.split('.');
  const sign = whole.startsWith('-') ? -1 : 1;
  return sign * (Math.abs(Number(whole)) * 100 + Number(fraction.padEnd(2, '0')));
}

/** 85050 → 850.5 (a JSON number with at most 2 decimals). */
export function fromCents(cents: Cents): number {
  if (!Number.isSafeInteger(cents)) throw new RangeError(`Not a whole number of cents: ${cents}`);
  return Number(`${cents < 0 ? '-' : ''}${Math.floor(Math.abs(cents) / 100)}.${String(Math.abs(cents) % 100).padStart(2, '0')}`);
}

/**
 * 123456 → "1 234,56 €": the French way, with a plain space between thousands and before the
 * sign (documents are searched and compared as text; a narrow no-break space would not match).
 */
export function formatEuros(cents: Cents): string {
  if (!Number.isSafeInteger(cents)) throw new RangeError(`Not a whole number of cents: ${cents}`);
  const absolute = Math.abs(cents);
  const euros = String(Math.floor(absolute / 100)).replace(/\B(?=(\d{3})+$)/g, ' ');
  return `${cents < 0 ? '-' : ''}${euros},${String(absolute % 100).padStart(2, '0')} €`;
}

/** a ÷ b rounded half up (away from zero), in integers: prorating cents stays exact. */
export function divideRounded(numerator: number, denominator: number): number {
  const sign = numerator < 0 ? -1 : 1;
  return sign * Math.floor((2 * Math.abs(numerator) + denominator) / (2 * denominator));
}
