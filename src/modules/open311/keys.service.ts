// Partner API keys: issued by a city administrator (shown once; only the SHA-256 is kept), listed,
// revoked, and checked on each POST of a service request. The demo city has one, derived from a fixed
// phrase so the README can print it.
import { createHash, randomBytes } from 'node:crypto';
import { and, desc, eq, isNull, lt } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/client.ts';
import { audit, type Actor } from '../../platform/audit.ts';
import type { AuthUser } from '../../platform/http/auth.ts';
import { forbidden, notFound, unprocessable } from '../../platform/http/problem.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { open311Messages as om } from './messages.ts';
import { open311Keys } from './schema.ts';

export const DEMO_PARTNER = 'fixmystreet-demo';
/** The demo city's partner key (printed in the README): deterministic, so every demo install has the same one. */
export const DEMO_OPEN311_KEY = `o311_${createHash('sha256').update('Renova demo city 330100: Open311 partner fixmystreet-demo').digest('base64url').slice(0, 40)}`;

export const keyHash = (apiKey: string) => createHash('sha256').update(apiKey, 'utf8').digest('hex');

export type KeyRow = typeof open311Keys.$inferSelect;

export interface KeyView {
  id: string;
  partner: string;
  keyPrefix: string;
  serviceCodes: string[] | null;
  jurisdiction: string;
  createdAt: string;
  revokedAt: string | null;
}

const view = (k: KeyRow): KeyView => ({
  id: k.id,
  partner: k.partner,
  keyPrefix: k.keyPrefix,
  serviceCodes: k.serviceCodes,
  jurisdiction: k.jurisdiction,
  createdAt: k.createdAt.toISOString(),
  revokedAt: k.revokedAt?.toISOString() ?? null,
});

export const partnerPattern = /^[a-z0-9][a-z0-9_-]{1,39}$/;

export async function issueKey(
  ctx: AppContext,
  user: AuthUser,
  actor: Actor | undefined,
  input: { partner: string; serviceCodes?: string[] },
  servedCodes: ReadonlySet<string>,
): Promise<KeyView & { apiKey: string }> {
  const ours = ctx.env.OPEN311_JURISDICTION;
  // Keys report into this server's jurisdiction: only an administrator of that city may hand them out.
  if (user.scope.division !== ours) throw forbidden(om.msg('key.jurisdiction_not_city', { ours }));
  const unknown = (input.serviceCodes ?? []).filter((c) => !servedCodes.has(c));
  if (unknown.length > 0)
    throw unprocessable(
      om.msg('key.service_codes_unknown', { codes: unknown }),
      unknown.map((c) => ({ path: `body.serviceCodes.${input.serviceCodes!.indexOf(c)}`, message: om.msg('field.unknown_service_code') })),
    );
  const apiKey = `o311_${randomBytes(32).toString('base64url')}`;
  const row = await ctx.db.transaction(async (tx) => {
    const [k] = await tx
      .insert(open311Keys)
      .values({
        id: uuidv7(),
        partner: input.partner,
        keyHash: keyHash(apiKey),
        keyPrefix: apiKey.slice(0, 12),
        serviceCodes: input.serviceCodes && input.serviceCodes.length > 0 ? [...new Set(input.serviceCodes)] : null,
        jurisdiction: ours,
        createdBy: user.id,
      })
      .returning();
    await audit(tx, actor, 'open311.key_issued', 'open311_key', k!.id, { partner: input.partner });
    return k!;
  });
  return { ...view(row), apiKey };
}

export async function listKeys(ctx: AppContext, limit: number, after?: string): Promise<{ items: KeyView[]; nextCursor: string | null }> {
  const rows = await ctx.db
    .select()
    .from(open311Keys)
    .where(after ? lt(open311Keys.id, after) : undefined)
    .orderBy(desc(open311Keys.id))
    .limit(limit + 1);
  const items = rows.slice(0, limit).map(view);
  return { items, nextCursor: rows.length > limit ? items[items.length - 1]!.id : null };
}

export async function revokeKey(ctx: AppContext, user: AuthUser, actor: Actor | undefined, id: string): Promise<KeyView> {
  return ctx.db.transaction(async (tx) => {
    const [k] = await tx.select().from(open311Keys).where(eq(open311Keys.id, id)).for('update');
    if (!k || k.jurisdiction !== user.scope.division) throw notFound(om.msg('key.entity', { id }));
    if (k.revokedAt) return view(k);
    const [done] = await tx
      .update(open311Keys)
      .set({ revokedAt: new Date(), revokedBy: user.id })
      .where(eq(open311Keys.id, id))
      .returning();
    await audit(tx, actor, 'open311.key_revoked', 'open311_key', id, { partner: k.partner });
    return view(done!);
  });
}

/** The live key behind an api_key, or null (unknown or revoked: the caller cannot tell which). */
export async function keyOf(ctx: AppContext, apiKey: string): Promise<KeyRow | null> {
  const [k] = await ctx.db
    .select()
    .from(open311Keys)
    .where(and(eq(open311Keys.keyHash, keyHash(apiKey)), isNull(open311Keys.revokedAt)));
  return k ?? null;
}

/** The demo partner's key, for the demo city (idempotent). */
export async function seedOpen311(tx: Tx): Promise<void> {
  await tx
    .insert(open311Keys)
    .values({
      id: uuidv7(),
      partner: DEMO_PARTNER,
      keyHash: keyHash(DEMO_OPEN311_KEY),
      keyPrefix: DEMO_OPEN311_KEY.slice(0, 12),
      serviceCodes: null,
      jurisdiction: '330100',
      createdBy: null,
    })
    .onConflictDoNothing();
}
