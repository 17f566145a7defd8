// Each compound's Ed25519 key pair, made on first need. The private key is sealed at rest with the personal-data key
// (AES-256-GCM, as the exchange keeps its shared secrets); the public key is what gates are given.
import { createPrivateKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.ts';
import type { Db, Tx } from '../../platform/db/client.ts';
import { decrypt, encrypt, type PersonalDataKey } from '../../platform/personal-data.ts';
import { compoundAccessKeys } from './schema.ts';

export interface CompoundKey {
  compoundId: string;
  /** Raw 32 bytes, base64url. */
  publicKey: string;
  publicKeyRaw: Buffer;
  privateKey: KeyObject;
}

/** A new key pair as stored: the raw public key and the sealed PKCS#8 private key. */
export function newKeyPair(key: PersonalDataKey): { publicKey: string; privateKeySealed: string } {
  const pair = generateKeyPairSync('ed25519');
  const raw = pair.publicKey.export({ format: 'der', type: 'spki' }).subarray(-32);
  const pkcs8 = pair.privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64');
  return { publicKey: raw.toString('base64url'), privateKeySealed: encrypt(key, pkcs8) };
}

// Unsealed keys by compound, for this process: a key never changes once made.
const unsealed = new Map<string, CompoundKey>();

function open(key: PersonalDataKey, row: { compoundId: string; publicKey: string; privateKeySealed: string }): CompoundKey {
  const privateKey = createPrivateKey({ key: Buffer.from(decrypt(key, row.privateKeySealed), 'base64'), format: 'der', type: 'pkcs8' });
  return { compoundId: row.compoundId, publicKey: row.publicKey, publicKeyRaw: Buffer.from(row.publicKey, 'base64url'), privateKey };
}

/** The compound's key pair, made now if it has none (two processes racing keep the first one written). */
export async function compoundKey(ctx: AppContext, compoundId: string, db: Db | Tx = ctx.db): Promise<CompoundKey> {
  const hit = unsealed.get(compoundId);
  if (hit) return hit;
  let [row] = await db.select().from(compoundAccessKeys).where(eq(compoundAccessKeys.compoundId, compoundId));
  if (!row) {
    await db
      .insert(compoundAccessKeys)
      .values({ compoundId, ...newKeyPair(ctx.personalKey) })
      .onConflictDoNothing();
    [row] = await db.select().from(compoundAccessKeys).where(eq(compoundAccessKeys.compoundId, compoundId));
  }
  const opened = open(ctx.personalKey, row!);
  if (unsealed.size > 10_000) unsealed.clear();
  unsealed.set(compoundId, opened);
  return opened;
}

/** The public key alone (no unsealing), made if missing. */
export async function publicKeyOf(ctx: AppContext, compoundId: string): Promise<string> {
  const [row] = await ctx.db
    .select({ publicKey: compoundAccessKeys.publicKey })
    .from(compoundAccessKeys)
    .where(eq(compoundAccessKeys.compoundId, compoundId));
  return row?.publicKey ?? (await compoundKey(ctx, compoundId)).publicKey;
}
