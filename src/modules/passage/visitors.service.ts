// Visitor passes (访客通行): a window of time, single or multiple entry. A host resident who invites approves by
// inviting; a pass the property's staff register for a visitor at the gate waits for the host's approval. The host
// revokes it at any time; a single-entry pass is used up by its first entry (passage.ts). Its QR code is signed like a
// resident's, valid only inside the window, so a gate refuses it outside the window without asking anyone.
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { audit } from '../../platform/audit.ts';
import type { Tx } from '../../platform/db/client.ts';
import type { AuthUser } from '../../platform/http/auth.ts';
import { decodeCursor, page } from '../../platform/http/pagination.ts';
import { conflict, notFound, unprocessable, type FieldError } from '../../platform/http/problem.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { encrypt, maskName } from '../../platform/personal-data.ts';
import { ruleAt } from '../../platform/policy.ts';
import { registry } from '../registry/index.ts';
import { homeFor, homesOf, staffCompound } from './homes.ts';
import { compoundKey } from './keys.ts';
import { listsChanged } from './lists.ts';
import { passageMessages as pm } from './messages.ts';
import { normalizePlate, plateKind } from './plates.ts';
import { signAccessQr } from './qr.ts';
import { visitorPasses, type EntryMode, type VisitorPassStatus } from './schema.ts';

export const MAX_DAYS_RULE = 'passage.visitor_pass_max_days';
type Caller = AuthUser & { ip?: string };
const actor = (u: Caller) => ({ id: u.id, username: u.username, ip: u.ip });

export interface NewVisitorPass {
  visitorName: string;
  plate?: string;
  validFrom: string;
  validUntil: string;
  entry: EntryMode;
}

export interface VisitorPassView {
  id: string;
  compoundId: string;
  householdId: string;
  visitorName: string;
  plate: string | null;
  validFrom: string;
  validUntil: string;
  entry: EntryMode;
  status: VisitorPassStatus;
  requestedBy: 'host' | 'staff';
  entries: number;
  createdAt: string;
}

const view = (r: typeof visitorPasses.$inferSelect): VisitorPassView => ({
  id: r.id,
  compoundId: r.compoundId,
  householdId: r.householdId,
  visitorName: r.visitorNameMasked,
  plate: r.plate,
  validFrom: r.validFrom.toISOString(),
  validUntil: r.validUntil.toISOString(),
  entry: r.entry,
  status: r.status,
  requestedBy: r.requestedBy,
  entries: r.entries,
  createdAt: r.createdAt.toISOString(),
});

/** The window and plate checked (every problem named by its field), the plate normalised. */
async function checked(ctx: AppContext, input: NewVisitorPass, now: Date) {
  const errors: FieldError[] = [];
  const from = new Date(input.validFrom);
  const until = new Date(input.validUntil);
  const days = Number((await ruleAt<number>(ctx.db, MAX_DAYS_RULE)).value);
  if (until.getTime() <= from.getTime()) errors.push({ path: 'body.validUntil', message: pm.msg('passage.pass.window_order') });
  else if (until.getTime() - from.getTime() > days * 86_400_000)
    errors.push({ path: 'body.validUntil', message: pm.msg('passage.pass.window_too_long', { days }) });
  else if (until.getTime() <= now.getTime()) errors.push({ path: 'body.validUntil', message: pm.msg('passage.pass.window_past') });
  // A code carries its times as 32-bit seconds; a year ahead is more than any visit is planned.
  if (from.getTime() > now.getTime() + 366 * 86_400_000)
    errors.push({ path: 'body.validFrom', message: pm.msg('passage.pass.window_far') });
  let plate: string | null = null;
  if (input.plate?.trim()) {
    plate = normalizePlate(input.plate);
    if (!plateKind(plate)) errors.push({ path: 'body.plate', message: pm.msg('passage.plate.invalid', { plate: input.plate }) });
  }
  if (errors.length) throw unprocessable(pm.msg('passage.pass.invalid', { errors: errors.map((e) => e.message) }), errors);
  return { from, until, plate };
}

async function insertPass(
  ctx: AppContext,
  tx: Tx,
  at: { compoundId: string; householdId: string },
  input: NewVisitorPass,
  w: { from: Date; until: Date; plate: string | null },
  by: { user: Caller; host: string | null; requestedBy: 'host' | 'staff' },
  now: Date,
) {
  const [row] = await tx
    .insert(visitorPasses)
    .values({
      id: uuidv7(now.getTime()),
      compoundId: at.compoundId,
      householdId: at.householdId,
      hostResidentId: by.host,
      requestedBy: by.requestedBy,
      createdBy: by.user.id,
      visitorNameSealed: encrypt(ctx.personalKey, input.visitorName.trim()),
      visitorNameMasked: maskName(input.visitorName),
      plate: w.plate,
      validFrom: w.from,
      validUntil: w.until,
      entry: input.entry,
      status: by.requestedBy === 'host' ? 'approved' : 'pending',
      decidedAt: by.requestedBy === 'host' ? now : null,
      createdAt: now,
    })
    .returning();
  await audit(tx, actor(by.user), 'passage.visitor_pass_created', 'visitor_pass', row!.id, { requestedBy: by.requestedBy });
  if (row!.status === 'approved' && row!.plate) await listsChanged(ctx, tx, at.compoundId, ['plates']);
  return view(row!);
}

/** A host resident invites a visitor: the pass is approved at once. */
export async function inviteVisitor(
  ctx: AppContext,
  user: Caller,
  input: NewVisitorPass & { householdId?: string; compoundId?: string },
  now = new Date(),
): Promise<VisitorPassView> {
  const home = await homeFor(ctx, user, input);
  const w = await checked(ctx, input, now);
  return ctx.db.transaction((tx) => insertPass(ctx, tx, home, input, w, { user, host: user.residentId, requestedBy: 'host' }, now));
}

/** The property's staff register a visitor who asks at the gate; the host approves or refuses on /m. */
export async function registerVisitor(
  ctx: AppContext,
  user: Caller,
  compoundId: string,
  input: NewVisitorPass & { householdId: string },
  now = new Date(),
): Promise<VisitorPassView> {
  await staffCompound(ctx, user, compoundId);
  const households = await registry.householdIdsOfCompounds(ctx.db, [compoundId]);
  if (!households.includes(input.householdId))
    throw unprocessable(pm.msg('passage.household_unknown'), [{ path: 'body.householdId', message: pm.msg('passage.household_unknown') }]);
  const w = await checked(ctx, input, now);
  return ctx.db.transaction((tx) =>
    insertPass(ctx, tx, { compoundId, householdId: input.householdId }, input, w, { user, host: null, requestedBy: 'staff' }, now),
  );
}

/** A pass of one of the resident's homes, else 404. */
async function myPass(ctx: AppContext, user: Caller, id: string, tx: Tx) {
  const homes = await homesOf(ctx, user);
  const [row] = await tx.select().from(visitorPasses).where(eq(visitorPasses.id, id)).for('update');
  if (!row || !homes.some((h) => h.householdId === row.householdId)) throw notFound(pm.msg('passage.pass.entity', { id }));
  return row;
}

export async function myVisitorPasses(ctx: AppContext, user: Caller): Promise<{ items: VisitorPassView[] }> {
  const homes = await homesOf(ctx, user);
  const rows = await ctx.db
    .select()
    .from(visitorPasses)
    .where(
      inArray(
        visitorPasses.householdId,
        homes.map((h) => h.householdId),
      ),
    )
    .orderBy(desc(visitorPasses.createdAt))
    .limit(100);
  return { items: rows.map(view) };
}

/** The host approves or refuses a pass the staff registered. */
export async function decideVisitorPass(
  ctx: AppContext,
  user: Caller,
  id: string,
  decision: 'approved' | 'refused',
  now = new Date(),
): Promise<VisitorPassView> {
  return ctx.db.transaction(async (tx) => {
    const row = await myPass(ctx, user, id, tx);
    if (row.status !== 'pending') throw conflict(pm.msg('passage.pass.not_pending'));
    const [done] = await tx
      .update(visitorPasses)
      .set({ status: decision, hostResidentId: user.residentId, decidedAt: now })
      .where(eq(visitorPasses.id, id))
      .returning();
    await audit(tx, actor(user), `passage.visitor_pass_${decision}`, 'visitor_pass', id);
    if (decision === 'approved' && done!.plate) await listsChanged(ctx, tx, done!.compoundId, ['plates']);
    return view(done!);
  });
}

async function revokeRow(ctx: AppContext, tx: Tx, user: Caller, row: typeof visitorPasses.$inferSelect, now: Date) {
  if (row.status !== 'approved' && row.status !== 'pending') throw conflict(pm.msg('passage.pass.not_active'));
  const [done] = await tx.update(visitorPasses).set({ status: 'revoked', revokedAt: now }).where(eq(visitorPasses.id, row.id)).returning();
  await audit(tx, actor(user), 'passage.visitor_pass_revoked', 'visitor_pass', row.id);
  if (row.status === 'approved') await listsChanged(ctx, tx, row.compoundId, row.plate ? ['revocations', 'plates'] : ['revocations']);
  return view(done!);
}

/** The host revokes a pass: gates refuse its code and barriers forget its plate once the lists reach them. */
export async function revokeVisitorPass(ctx: AppContext, user: Caller, id: string, now = new Date()): Promise<VisitorPassView> {
  return ctx.db.transaction(async (tx) => revokeRow(ctx, tx, user, await myPass(ctx, user, id, tx), now));
}

/** The property's staff revoke a pass of a compound in their scope (a visitor turned away, a host's call); else 404. */
export async function staffRevokeVisitorPass(ctx: AppContext, user: Caller, id: string, now = new Date()): Promise<VisitorPassView> {
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx.select().from(visitorPasses).where(eq(visitorPasses.id, id)).for('update');
    if (!row) throw notFound(pm.msg('passage.pass.entity', { id }));
    await staffCompound(ctx, user, row.compoundId).catch(() => {
      throw notFound(pm.msg('passage.pass.entity', { id }));
    });
    return revokeRow(ctx, tx, user, row, now);
  });
}

/** The visitor's QR code for an approved pass not yet over: valid from the window's start to its end. */
export async function visitorPassQr(ctx: AppContext, user: Caller, id: string, now = new Date()) {
  const row = await ctx.db.transaction((tx) => myPass(ctx, user, id, tx));
  if (row.status !== 'approved' || row.validUntil.getTime() <= now.getTime()) throw conflict(pm.msg('passage.pass.not_active'));
  const key = await compoundKey(ctx, row.compoundId);
  const qr = signAccessQr(key.privateKey, key.publicKeyRaw, {
    kind: 'visitor',
    singleEntry: row.entry === 'single',
    compoundId: row.compoundId,
    credentialId: row.id,
    notBefore: row.validFrom,
    expiresAt: row.validUntil,
  });
  return { qr, validFrom: row.validFrom.toISOString(), expiresAt: row.validUntil.toISOString() };
}

/** A staff list of a compound's passes, newest first, a page at a time (masked names). */
export async function compoundVisitorPasses(
  ctx: AppContext,
  user: Caller,
  compoundId: string,
  q: { limit: number; cursor?: string } = { limit: 200 },
): Promise<{ items: VisitorPassView[]; nextCursor: string | null }> {
  await staffCompound(ctx, user, compoundId);
  const after = decodeCursor(q.cursor, z.tuple([z.iso.datetime({ offset: true }), z.uuid()]));
  const rows = await ctx.db
    .select()
    .from(visitorPasses)
    .where(
      and(
        eq(visitorPasses.compoundId, compoundId),
        after ? sql`(${visitorPasses.createdAt}, ${visitorPasses.id}) < (${after[0]}::timestamptz, ${after[1]}::uuid)` : undefined,
      ),
    )
    .orderBy(desc(visitorPasses.createdAt), desc(visitorPasses.id))
    .limit(q.limit + 1);
  const p = page(rows, q.limit, (r) => [r.createdAt.toISOString(), r.id]);
  return { items: p.items.map(view), nextCursor: p.nextCursor };
}
