/**
 * Tables of the reports module (re-exported by src/adapters/db/schema.ts).
 *
 * `report_fact` is the fact cube: sums of the dossiers' report contributions
 * (src/modules/reports/domain/contributions.ts), maintained in the same transaction as every dossier
 * change. Key: level, local day, measure, service point, the dossier's unit and its roll-up path
 * `scopes` (`|unit|ancestor|…|` as of receipt, so a district includes its communes), field, agency,
 * channel. Levels: `p` per service point and day, `p10` the same per ten-day bucket (day = the
 * bucket's first day: 1, 11 or 21), `d` detail per day with field, agency and channel (`*` at the
 * other levels). Flow measures count events of the day; stock measures hold +1/−1 deltas whose sum
 * up to a day is the state at that day's cut-off (docs/reports.md §2). One dossier change writes
 * one row per level and changed (measure, day).
 *
 * `report_checkpoint` holds, for every month listed in `report_checkpoint_month`, the stock deltas
 * summed over the days before the month's first day, per cell of levels `p` and `d`: a stock at a cut-off is a checkpoint
 * plus the deltas of a partial month. Checkpoints are created on first read of a month (up to the
 * current one) and kept up to date by every change dated before them (normally none).
 *
 * `report_setting` holds the reporting cut-off day (default 21) and 766 indicators entered by hand.
 */
import { bigint, date, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

export const reportFacts = pgTable(
  'report_fact',
  {
    level: text().notNull(),
    day: date({ mode: 'string' }).notNull(),
    measure: text().notNull(),
    sp: text().notNull(),
    unit: text().notNull(),
    scopes: text().notNull(),
    field: text().notNull(),
    agency: text().notNull(),
    channel: text().notNull(),
    n: bigint({ mode: 'number' }).notNull(),
  },
  (t) => [
    primaryKey({
      columns: [t.level, t.day, t.measure, t.sp, t.unit, t.scopes, t.field, t.agency, t.channel],
    }),
  ],
);

export const reportCheckpoints = pgTable(
  'report_checkpoint',
  {
    month: date({ mode: 'string' }).notNull(),
    level: text().notNull(),
    measure: text().notNull(),
    sp: text().notNull(),
    unit: text().notNull(),
    scopes: text().notNull(),
    field: text().notNull(),
    agency: text().notNull(),
    channel: text().notNull(),
    n: bigint({ mode: 'number' }).notNull(),
  },
  (t) => [
    primaryKey({
      columns: [t.month, t.level, t.measure, t.sp, t.unit, t.scopes, t.field, t.agency, t.channel],
    }),
  ],
);

/** The months (first day) whose checkpoint exists and is maintained. */
export const reportCheckpointMonths = pgTable('report_checkpoint_month', {
  month: date({ mode: 'string' }).primaryKey(),
});

/** Settings and hand-entered 766 indicators: key → JSON value, with who set it and when. */
export const reportSettings = pgTable('report_setting', {
  key: text().primaryKey(),
  value: jsonb().notNull(),
  updatedAt: timestamp({ withTimezone: true, mode: 'date' }).notNull(),
  updatedBy: text().notNull(),
});
