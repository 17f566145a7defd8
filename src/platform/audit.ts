import type { Tx } from './db/client.ts';
import { auditLog } from './schema.ts';

export interface Actor {
  id: string;
  username: string;
  ip?: string;
}

/** Appends to the audit log. `detail` names fields and counts, never personal values. */
export async function audit(
  tx: Tx,
  actor: Actor | undefined,
  action: string,
  entity: string,
  entityId?: string | null,
  detail: Record<string, unknown> = {},
): Promise<void> {
  await tx.insert(auditLog).values({
    actorId: actor?.id,
    actorUsername: actor?.username,
    action,
    entity,
    entityId: entityId ?? null,
    detail,
    ip: actor?.ip,
  });
}
