// Request field types shared by the modules' routes: strict, so an impossible
// value is refused at the edge naming its field, never handed to PostgreSQL.
import { z } from 'zod';

/** A calendar day, YYYY-MM-DD; 2026-02-30 and 2026-13-45 are refused (zod checks months and leap years). */
export const isoDate = z.iso.date('a date YYYY-MM-DD that exists in the calendar');

/** An instant with its offset; its calendar day must exist (JavaScript would roll 02-30 over to March). */
export const isoDateTime = z
  .string()
  .datetime({ offset: true, error: 'a date and time with its offset, e.g. 2026-06-01T18:00:00+08:00' })
  .refine((v) => z.iso.date().safeParse(v.slice(0, 10)).success, 'a date and time whose day exists in the calendar');
