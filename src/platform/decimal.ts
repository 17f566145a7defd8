// Quantities and areas arrive as strings ("120.50") or as JSON numbers (120.5).
// A JSON number is taken only when it is exactly a decimal of the column's
// shape: its shortest round-trip text (what String() gives) must be such a
// decimal. With at most 15 significant digits that text is the decimal the
// client wrote, so nothing is rounded; 0.30000000000000004, 1e-7 or 12.345
// for two places are refused naming the field, never stored rounded.
import { z } from 'zod';
import { unprocessable, type FieldError } from './http/problem.ts';
import { platformMessages as pm } from './i18n/platform.messages.ts';

export interface DecimalShape {
  /** Digits before the point (the column's precision minus its scale). */
  integerDigits: number;
  /** Digits after the point (the column's scale). */
  scale: number;
  example: string;
}

function pattern(shape: DecimalShape): RegExp {
  // Beyond 15 significant digits a double no longer holds every decimal exactly.
  if (shape.integerDigits + shape.scale > 15)
    throw new RangeError('a decimal shape of more than 15 digits cannot take JSON numbers exactly');
  return new RegExp(`^\\d{1,${shape.integerDigits}}(\\.\\d{1,${shape.scale}})?$`);
}

const describe = (shape: DecimalShape) =>
  `a decimal ≥ 0 with at most ${shape.integerDigits} digits before the point and ${shape.scale} after, as a string ("${shape.example}") or an exact JSON number`;

/** The request schema: a string of the shape (checked as it always was), or any JSON number, checked by `exactDecimals`. */
export function decimalInput(shape: DecimalShape) {
  return z.union([z.string().regex(pattern(shape), describe(shape)), z.number()]);
}

/** The decimal's text, or null when the value is not exactly a decimal of the shape. */
export function decimalText(value: string | number, shape: DecimalShape): string | null {
  const text = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : value.trim();
  return pattern(shape).test(text) ? text : null;
}

/** Checks one value; pushes the field's error and answers null when it is not exact. */
export function exactDecimal(value: string | number, shape: DecimalShape, path: string, errors: FieldError[]): string | null {
  const text = decimalText(value, shape);
  if (text === null)
    errors.push({
      path,
      message: pm.msg('field.decimal_shape', {
        value: JSON.stringify(value),
        integerDigits: shape.integerDigits,
        scale: shape.scale,
        example: shape.example,
      }),
    });
  return text;
}

/** The named fields as decimal strings; 422 naming every field that is not exactly a decimal of the shape. */
export function exactDecimals<T extends object, K extends keyof T & string>(
  input: T,
  fields: readonly K[],
  shape: DecimalShape,
  prefix = 'body.',
): Omit<T, K> & Record<K, string> {
  const errors: FieldError[] = [];
  const out = { ...input } as Record<string, unknown>;
  for (const f of fields) {
    const v = input[f];
    if (typeof v === 'string' || typeof v === 'number') out[f] = exactDecimal(v, shape, `${prefix}${f}`, errors);
  }
  if (errors.length) throw unprocessable(pm.msg('decimal.inexact'), errors);
  return out as Omit<T, K> & Record<K, string>;
}
