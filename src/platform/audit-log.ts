// Reading the audit log (issue 16, item 8): newest first, filtered by who, what, which record and when, in keyset
// pages. Entries are put into words and anything that looks like a phone or ID number is masked on the way out:
// the log should hold none, and an old entry that did must not reach a reader whole.
import { and, desc, eq, gte, lt, lte, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Tx } from './db/client.ts';
import type { Locale } from './i18n/locale.ts';
import { actionWords, entityWords } from './audit-words.ts';
import { decodeCursor, page } from './http/pagination.ts';
import { maskIdNumber, maskPhone } from './personal-data.ts';
import { auditLog } from './schema.ts';

export interface AuditQuery {
  actor?: string;
  action?: string;
  subject?: string;
  from?: string;
  to?: string;
  limit: number;
  cursor?: string;
}

const ID_NUMBER = /\b\d{17}[\dXx]\b/g;
const MOBILE = /\b1[3-9]\d{9}\b/g;

/** Masks phone and ID numbers anywhere in a value (strings inside arrays and objects too). */
export function maskValues(value: unknown): unknown {
  if (typeof value === 'string') return value.replace(ID_NUMBER, maskIdNumber).replace(MOBILE, maskPhone);
  if (Array.isArray(value)) return value.map(maskValues);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskValues(v)]));
  return value;
}

const cursorShape = z.tuple([z.number().int()]);

export async function listAudit(db: Db | Tx, q: AuditQuery, locale: Locale) {
  const after = decodeCursor(q.cursor, cursorShape);
  const where: SQL[] = [];
  if (q.actor) where.push(eq(auditLog.actorUsername, q.actor));
  if (q.action) where.push(eq(auditLog.action, q.action));
  if (q.subject) where.push(eq(auditLog.entityId, q.subject));
  if (q.from) where.push(gte(auditLog.at, new Date(q.from)));
  if (q.to) where.push(lte(auditLog.at, new Date(q.to)));
  if (after) where.push(lt(auditLog.id, after[0]));
  const rows = await db
    .select()
    .from(auditLog)
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(auditLog.id))
    .limit(q.limit + 1);
  const p = page(rows, q.limit, (r) => [r.id]);
  return {
    items: p.items.map((r) => {
      const detail = maskValues(r.detail) as Record<string, unknown>;
      const text = (v: unknown) => (typeof v === 'string' ? v : null);
      return {
        id: String(r.id),
        at: r.at.toISOString(),
        actorId: r.actorId,
        actor: r.actorUsername,
        action: r.action,
        actionWords: actionWords(r.action, locale),
        entity: r.entity,
        entityWords: entityWords(r.entity, locale),
        entityId: r.entityId,
        // The masked name written with a full read (or null): who was read, never the full value.
        subject: text(detail.subject),
        reason: text(detail.reason),
        detail,
        ip: r.ip,
      };
    }),
    nextCursor: p.nextCursor,
  };
}
