// The lists gates and barriers work from offline, pushed as retained MQTT messages through the smart community core:
// `revocations` to gates (credential ids refused until their own expiry) and `plates` to barriers (residents'
// registered vehicles, visitors' plates within their window). A change records `passage.lists_changed` in its own
// transaction; the handler numbers the compound's next version and publishes the whole list (a gate keeps the highest
// version it has seen, so a late retained message never rolls it back).
import { and, eq, gt, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.ts';
import type { Db, Tx } from '../../platform/db/client.ts';
import { defineHandler } from '../../platform/events.ts';
import type { AuthUser } from '../../platform/http/auth.ts';
import { CREDENTIALS_CHANGED, devicesOf, pushToDevices } from '../smart/index.ts';
import { staffCompound } from './homes.ts';
import { accessCredentials, passageLists, plateAllowances, vehicles, visitorPasses, type PushedList } from './schema.ts';

export const LISTS_CHANGED = 'passage.lists_changed';
export const LIST_PROFILES: Record<PushedList, readonly string[]> = { revocations: ['gate'], plates: ['barrier'] };

export interface ListsChanged {
  compoundId: string;
  lists: PushedList[];
}

export async function listsChanged(ctx: AppContext, tx: Tx, compoundId: string, lists: PushedList[]): Promise<void> {
  await ctx.events.record<ListsChanged>(tx, LISTS_CHANGED, { compoundId, lists });
}

export interface RevocationList {
  compoundId: string;
  version: number;
  at: string;
  /** Credential ids with the moment after which the gate may forget them (the credential has expired anyway). */
  revoked: { id: string; until: string }[];
}

export interface PlateList {
  compoundId: string;
  version: number;
  at: string;
  /** Residents' vehicles (no window), visitors' (their pass's window) and plates granted by other modules (monthly passes, their month). */
  plates: { plate: string; from?: string; until?: string }[];
}

export async function revokedEntries(db: Db | Tx, compoundId: string, now: Date): Promise<RevocationList['revoked']> {
  const [creds, passes] = await Promise.all([
    db
      .select({ id: accessCredentials.id, until: accessCredentials.expiresAt })
      .from(accessCredentials)
      .where(
        and(eq(accessCredentials.compoundId, compoundId), isNotNull(accessCredentials.revokedAt), gt(accessCredentials.expiresAt, now)),
      ),
    db
      .select({ id: visitorPasses.id, until: visitorPasses.validUntil })
      .from(visitorPasses)
      .where(
        and(
          eq(visitorPasses.compoundId, compoundId),
          inArray(visitorPasses.status, ['revoked', 'used']),
          gt(visitorPasses.validUntil, now),
        ),
      ),
  ]);
  return [...creds, ...passes].map((r) => ({ id: r.id, until: r.until.toISOString() })).sort((a, b) => (a.id < b.id ? -1 : 1));
}

export async function plateEntries(db: Db | Tx, compoundId: string, now: Date): Promise<PlateList['plates']> {
  // One after another: inside a transaction the reads share one client.
  const own = await db
    .select({ plate: vehicles.plate })
    .from(vehicles)
    .where(and(eq(vehicles.compoundId, compoundId), isNull(vehicles.removedAt)));
  const visitors = await db
    .select({ plate: visitorPasses.plate, from: visitorPasses.validFrom, until: visitorPasses.validUntil })
    .from(visitorPasses)
    .where(
      and(
        eq(visitorPasses.compoundId, compoundId),
        eq(visitorPasses.status, 'approved'),
        isNotNull(visitorPasses.plate),
        gt(visitorPasses.validUntil, now),
      ),
    );
  const granted = await db
    .select({ plate: plateAllowances.plate, from: plateAllowances.validFrom, until: plateAllowances.validUntil })
    .from(plateAllowances)
    .where(and(eq(plateAllowances.compoundId, compoundId), gt(plateAllowances.validUntil, now)));
  // A resident's own vehicle passes at any time: its windows would only repeat it.
  const always = new Set(own.map((r) => r.plate));
  const windowed = [...visitors, ...granted]
    .filter((r) => !always.has(r.plate!))
    .map((r) => ({ plate: r.plate!, from: r.from.toISOString(), until: r.until.toISOString() }));
  const key = (e: { plate: string; from?: string }) => `${e.plate}|${e.from ?? ''}`;
  return [...[...always].map((plate) => ({ plate })), ...windowed].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/** The compound's next version of a list (the row locked until the transaction ends, so versions never repeat). */
// `updated_at` is the moment the list was built for (not the database's clock): the sweep of ended windows compares
// windows with it.
async function nextVersion(tx: Tx, compoundId: string, list: PushedList, entries: number, at: Date): Promise<number> {
  const { rows } = await tx.execute<{ version: number }>(sql`
    insert into passage_lists (compound_id, list, version, entries, updated_at) values (${compoundId}, ${list}, 1, ${entries}, ${at.toISOString()}::timestamptz)
    on conflict (compound_id, list) do update set version = passage_lists.version + 1, entries = excluded.entries, updated_at = excluded.updated_at
    returning version`);
  return Number(rows[0]!.version);
}

/** Builds and publishes the compound's lists; answers what each reached. */
export async function pushLists(ctx: AppContext, tx: Tx, compoundId: string, lists: readonly PushedList[], now = new Date()) {
  const out: { list: PushedList; version: number; entries: number; devices: number; published: boolean }[] = [];
  for (const list of lists) {
    const entries = list === 'revocations' ? await revokedEntries(tx, compoundId, now) : await plateEntries(tx, compoundId, now);
    const version = await nextVersion(tx, compoundId, list, entries.length, now);
    const payload: RevocationList | PlateList =
      list === 'revocations'
        ? { compoundId, version, at: now.toISOString(), revoked: entries as RevocationList['revoked'] }
        : { compoundId, version, at: now.toISOString(), plates: entries as PlateList['plates'] };
    const pushed = await pushToDevices(ctx, { compoundId, profiles: LIST_PROFILES[list], name: list, payload });
    if (pushed.published)
      await tx
        .update(passageLists)
        .set({ devices: pushed.devices, pushedAt: now })
        .where(and(eq(passageLists.compoundId, compoundId), eq(passageLists.list, list)));
    else ctx.log.warn({ compoundId, list }, 'no MQTT broker in this process: the passage list was not pushed');
    out.push({ list, version, entries: entries.length, ...pushed });
  }
  return out;
}

export const pushListsHandler = defineHandler<ListsChanged, AppContext>({
  name: 'passage.push_lists',
  topic: LISTS_CHANGED,
  async handle(ctx, event, tx) {
    await pushLists(ctx, tx, event.payload.compoundId, event.payload.lists);
  },
});

/** Staff push both lists again (a gate fitted after the last change has no retained list yet). */
export async function repushLists(ctx: AppContext, user: AuthUser, compoundId: string) {
  await staffCompound(ctx, user, compoundId);
  return { lists: await ctx.db.transaction((tx) => pushLists(ctx, tx, compoundId, ['revocations', 'plates'])) };
}

/** A gate or barrier given credentials (registered, imported, re-issued) gets its compound's lists at once. */
export const pushToNewDevices = defineHandler<{ deviceIds: string[]; change: string }, AppContext>({
  name: 'passage.push_to_new_devices',
  topic: CREDENTIALS_CHANGED,
  async handle(ctx, event, tx) {
    if (event.payload.change === 'revoke') return;
    const wanted = new Map<string, Set<PushedList>>();
    for (const d of await devicesOf(ctx, event.payload.deviceIds))
      for (const list of ['revocations', 'plates'] as const)
        if (LIST_PROFILES[list].includes(d.profile)) wanted.set(d.compoundId, (wanted.get(d.compoundId) ?? new Set()).add(list));
    for (const [compoundId, lists] of wanted) await pushLists(ctx, tx, compoundId, [...lists]);
  },
});
