// A resident's access credential: a QR code signed with the compound's key, good for `passage.credential_ttl_seconds`
// (the /m page asks for a new one before it runs out). Each is kept, so a resident who lost their phone can revoke
// what is outstanding and the gates hear of it through the revocation list.
import { and, eq, gt, isNull } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.ts';
import { audit } from '../../platform/audit.ts';
import type { AuthUser } from '../../platform/http/auth.ts';
import { notFound } from '../../platform/http/problem.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { ruleAt } from '../../platform/policy.ts';
import { compoundExists, homeFor, homesOf } from './homes.ts';
import { compoundKey, publicKeyOf } from './keys.ts';
import { listsChanged } from './lists.ts';
import { passageMessages as pm } from './messages.ts';
import { signAccessQr } from './qr.ts';
import { accessCredentials } from './schema.ts';

export const TTL_RULE = 'passage.credential_ttl_seconds';

type Caller = AuthUser & { ip?: string };
const whole = (d: Date) => new Date(Math.floor(d.getTime() / 1000) * 1000);

/** Issues the resident a credential for one of their compounds (the first home's when none is named). */
export async function issueCredential(
  ctx: AppContext,
  user: Caller,
  input: { compoundId?: string },
  now = new Date(),
): Promise<{ qr: string; expiresAt: string }> {
  const home = await homeFor(ctx, user, input);
  const ttl = Number((await ruleAt<number>(ctx.db, TTL_RULE)).value);
  const key = await compoundKey(ctx, home.compoundId);
  const id = uuidv7(now.getTime());
  const notBefore = whole(now);
  const expiresAt = new Date(notBefore.getTime() + ttl * 1000);
  await ctx.db.insert(accessCredentials).values({
    id,
    compoundId: home.compoundId,
    householdId: home.householdId,
    residentId: user.residentId!,
    notBefore,
    expiresAt,
  });
  const qr = signAccessQr(key.privateKey, key.publicKeyRaw, {
    kind: 'resident',
    singleEntry: false,
    compoundId: home.compoundId,
    credentialId: id,
    notBefore,
    expiresAt,
  });
  return { qr, expiresAt: expiresAt.toISOString() };
}

/** Revokes every credential of the resident still running; the gates of each compound are told. */
export async function revokeMyCredentials(ctx: AppContext, user: Caller, now = new Date()): Promise<{ revoked: number }> {
  await homesOf(ctx, user);
  return ctx.db.transaction(async (tx) => {
    const rows = await tx
      .update(accessCredentials)
      .set({ revokedAt: now })
      .where(
        and(eq(accessCredentials.residentId, user.residentId!), isNull(accessCredentials.revokedAt), gt(accessCredentials.expiresAt, now)),
      )
      .returning({ compoundId: accessCredentials.compoundId });
    for (const compoundId of new Set(rows.map((r) => r.compoundId))) await listsChanged(ctx, tx, compoundId, ['revocations']);
    await audit(tx, { id: user.id, username: user.username, ip: user.ip }, 'passage.credentials_revoked', 'resident', user.residentId, {
      count: rows.length,
    });
    return { revoked: rows.length };
  });
}

/** The compound's public key for gates (made with the compound's key pair on first need). */
export async function accessKey(ctx: AppContext, compoundId: string): Promise<{ publicKey: string }> {
  if (!(await compoundExists(ctx, compoundId))) throw notFound(pm.msg('passage.compound.entity', { id: compoundId }));
  return { publicKey: await publicKeyOf(ctx, compoundId) };
}
