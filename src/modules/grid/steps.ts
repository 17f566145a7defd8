// What every change of a grid event writes besides itself: its step (who, in which part, when, where, from which
// state to which, at which level), and the helpers the services share.
import type { Actor } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/client.ts';
import type { FieldError } from '../../platform/http/problem.ts';
import { uuidv7 } from '../../platform/ids.ts';
import type { GridActor } from './access.ts';
import type { ActorKind } from './lifecycle.ts';
import { gridEventSteps, type GridEventState, type GridLevel, type StepAction } from './schema.ts';

export const auditActor = (a: GridActor | null): Actor | undefined => (a ? { id: a.id, username: a.username, ip: a.ip } : undefined);
export const fieldErr = (path: string, message: FieldError['message']): FieldError => ({ path, message });

export async function inTx<T>(ctx: AppContext, tx: Tx | undefined, run: (t: Tx) => Promise<T>): Promise<T> {
  return tx ? run(tx) : ctx.db.transaction(run);
}

export async function writeStep(
  tx: Tx,
  s: {
    eventId: string;
    action: StepAction;
    actorId: string | null;
    actorRole: ActorKind;
    at: Date;
    level: GridLevel;
    from?: GridEventState | null;
    to?: GridEventState | null;
    lat?: number | null;
    lng?: number | null;
    note?: string | null;
  },
): Promise<string> {
  const id = uuidv7(s.at.getTime());
  await tx.insert(gridEventSteps).values({
    id,
    eventId: s.eventId,
    action: s.action,
    actorId: s.actorId,
    actorRole: s.actorRole,
    at: s.at,
    level: s.level,
    fromState: s.from ?? null,
    toState: s.to ?? null,
    lat: s.lat === undefined || s.lat === null ? null : String(s.lat),
    lng: s.lng === undefined || s.lng === null ? null : String(s.lng),
    note: s.note ?? null,
  });
  return id;
}

/** Where the report is: a building, else a compound, else the compound nearest the point. */
