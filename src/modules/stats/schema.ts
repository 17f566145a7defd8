// What the overview showed, one row per division, period and day (Asia/Shanghai): the figures a sharp change is
// measured against (stats.sharp_change). Written by the overview itself, so a division nobody looks at keeps none.
import { date, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

export const statsSnapshots = pgTable(
  'stats_snapshots',
  {
    division: text('division').notNull(),
    // The overview's year, 0 for all years.
    year: integer('year').notNull(),
    day: date('day').notNull(),
    // Figure key → its value as text (counts, decimal areas, fen): exact, compared in integers.
    figures: jsonb('figures').$type<Record<string, string>>().notNull(),
    takenAt: timestamp('taken_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.division, t.year, t.day] })],
);
