// Money paid out (disbursements) for some projects, in fen by source and month (Shanghai calendar): the city
// bureau's home (issue 16) shows what was disbursed against what was funded.
import { and, inArray, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../platform/db/client.ts';
import { disbursements, type FundingSource } from './schema.ts';

export interface Disbursed {
  totalFen: number;
  bySource: Partial<Record<FundingSource, number>>;
}

const exactFen = (text: string, what: string): number => {
  const fen = Number(text);
  if (!Number.isSafeInteger(fen)) throw new RangeError(`${what}: ${text} fen is beyond exact integers`);
  return fen;
};

/** What was paid out for some projects (paid on or before a day, if given), in fen, in all and by source. */
export async function disbursedFen(db: Db | Tx, projectIds: string[], upTo?: string): Promise<Disbursed> {
  const out: Disbursed = { totalFen: 0, bySource: {} };
  if (!projectIds.length) return out;
  const rows = await db
    .select({ source: disbursements.source, fen: sql<string>`sum(${disbursements.amountFen})::text` })
    .from(disbursements)
    .where(and(inArray(disbursements.projectId, projectIds), upTo ? sql`${disbursements.paidOn} <= ${upTo}` : undefined))
    .groupBy(disbursements.source);
  for (const r of rows) {
    const fen = exactFen(r.fen, r.source);
    out.bySource[r.source] = fen;
    out.totalFen += fen;
  }
  if (!Number.isSafeInteger(out.totalFen)) throw new RangeError(`${out.totalFen} fen is beyond exact integers`);
  return out;
}
