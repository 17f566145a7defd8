// Registered vehicles (车辆通行) per household: the plates barriers let in without a ticket. A plate is registered
// once per compound; each change pushes the compound's plate list to its barriers.
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.ts';
import { audit } from '../../platform/audit.ts';
import type { AuthUser } from '../../platform/http/auth.ts';
import { conflict, notFound, unprocessable } from '../../platform/http/problem.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { homeFor, homesOf, staffCompound } from './homes.ts';
import { listsChanged } from './lists.ts';
import { passageMessages as pm } from './messages.ts';
import { normalizePlate, plateKind } from './plates.ts';
import { vehicles } from './schema.ts';

type Caller = AuthUser & { ip?: string };

export interface VehicleView {
  id: string;
  compoundId: string;
  householdId: string;
  plate: string;
  kind: 'ordinary' | 'new_energy';
  createdAt: string;
}
const view = (r: typeof vehicles.$inferSelect): VehicleView => ({
  id: r.id,
  compoundId: r.compoundId,
  householdId: r.householdId,
  plate: r.plate,
  kind: r.kind,
  createdAt: r.createdAt.toISOString(),
});

export async function myVehicles(ctx: AppContext, user: Caller): Promise<{ items: VehicleView[] }> {
  const homes = await homesOf(ctx, user);
  const rows = await ctx.db
    .select()
    .from(vehicles)
    .where(
      and(
        inArray(
          vehicles.householdId,
          homes.map((h) => h.householdId),
        ),
        isNull(vehicles.removedAt),
      ),
    )
    .orderBy(asc(vehicles.createdAt));
  return { items: rows.map(view) };
}

/** Registers a plate for one of the resident's homes (format checked; once per compound). */
export async function addVehicle(
  ctx: AppContext,
  user: Caller,
  input: { plate: string; householdId?: string; compoundId?: string },
  now = new Date(),
): Promise<VehicleView> {
  const home = await homeFor(ctx, user, input);
  return registerPlate(ctx, user, home, input.plate, now);
}

export async function registerPlate(
  ctx: AppContext,
  user: Caller,
  home: { compoundId: string; householdId: string },
  text: string,
  now = new Date(),
): Promise<VehicleView> {
  const plate = normalizePlate(text);
  const kind = plateKind(plate);
  if (!kind)
    throw unprocessable(pm.msg('passage.plate.invalid', { plate: text }), [
      { path: 'body.plate', message: pm.msg('passage.plate.invalid', { plate: text }) },
    ]);
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(vehicles)
      .values({ id: uuidv7(now.getTime()), compoundId: home.compoundId, householdId: home.householdId, plate, kind, createdAt: now })
      .onConflictDoNothing()
      .returning();
    if (!row)
      throw conflict(pm.msg('passage.plate.registered'), { errors: [{ path: 'body.plate', message: pm.msg('passage.plate.registered') }] });
    await audit(tx, { id: user.id, username: user.username, ip: user.ip }, 'passage.vehicle_added', 'vehicle', row.id);
    await listsChanged(ctx, tx, home.compoundId, ['plates']);
    return view(row);
  });
}

export async function removeVehicle(ctx: AppContext, user: Caller, id: string, now = new Date()): Promise<VehicleView> {
  const homes = await homesOf(ctx, user);
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .update(vehicles)
      .set({ removedAt: now })
      .where(
        and(
          eq(vehicles.id, id),
          isNull(vehicles.removedAt),
          inArray(
            vehicles.householdId,
            homes.map((h) => h.householdId),
          ),
        ),
      )
      .returning();
    if (!row) throw notFound(pm.msg('passage.vehicle.entity', { id }));
    await audit(tx, { id: user.id, username: user.username, ip: user.ip }, 'passage.vehicle_removed', 'vehicle', id);
    await listsChanged(ctx, tx, row.compoundId, ['plates']);
    return view(row);
  });
}

/** A compound's registered vehicles, for its staff. */
export async function compoundVehicles(ctx: AppContext, user: Caller, compoundId: string): Promise<{ items: VehicleView[] }> {
  await staffCompound(ctx, user, compoundId);
  const rows = await ctx.db
    .select()
    .from(vehicles)
    .where(and(eq(vehicles.compoundId, compoundId), isNull(vehicles.removedAt)))
    .orderBy(asc(vehicles.plate));
  return { items: rows.map(view) };
}
