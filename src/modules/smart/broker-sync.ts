// Mosquitto (production's broker) authenticates devices from its own files: the product keeps them in step.
// `password_file` holds every device with a secret and not revoked (its key and the secret's PBKDF2 form, kept
// beside the SHA-256 so the secret itself is never needed) and the ingest account; `acl_file` lets each device
// publish only under its own key and the ingest account read everything (shared subscriptions included).
// Both are rewritten whole, atomically (a temporary file renamed over the old), by the handler of
// `smart.credentials_changed` and at worker start, then Mosquitto is told to reload them (SIGHUP).
import { randomBytes } from 'node:crypto';
import { open, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.ts';
import type { Db, Tx } from '../../platform/db/client.ts';
import { defineHandler } from '../../platform/events.ts';
import { mosquittoHash } from './credentials.ts';
import { CREDENTIALS_CHANGED } from './devices.service.ts';

/** Where devices publish: `renova/d/<key>/…` (the ingest's event topic lives under it). */
export const DEVICE_TOPIC_ROOT = 'renova/d';

// One writer at a time across processes: a writer holding an older snapshot must not rename it over a newer one.
const SYNC_LOCK = 7263012;

/** The password file's lines: `username:hash`, devices sorted by key, the ingest account first. */
export function passwordLines(devices: { key: string; brokerHash: string }[], ingest?: { username: string; hash: string }): string {
  const lines = ingest ? [`${ingest.username}:${ingest.hash}`] : [];
  for (const d of devices) lines.push(`${d.key}:${d.brokerHash}`);
  return lines.join('\n') + '\n';
}

/** The ACL: devices write under their own key only (`%u` is the username); the ingest account reads all. */
export function aclText(ingestUser: string | undefined): string {
  const lines = ['# Written by Renova (src/modules/smart/broker-sync.ts); edits are overwritten.'];
  if (ingestUser) {
    // It also publishes what devices are told (retained lists on their config topics: publish.ts).
    lines.push(
      `user ${ingestUser}`,
      'topic read renova/#',
      'topic read $share/+/renova/#',
      `topic write ${DEVICE_TOPIC_ROOT}/+/config/#`,
      '',
    );
  }
  lines.push(`pattern read ${DEVICE_TOPIC_ROOT}/%u/config/#`, `pattern write ${DEVICE_TOPIC_ROOT}/%u/#`);
  return lines.join('\n') + '\n';
}

/** Writes `text` to `file` so a reader sees the old file or the new one, never half of one. */
export async function writeAtomically(file: string, text: string, mode = 0o640): Promise<void> {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const handle = await open(tmp, 'w', mode);
  try {
    await handle.writeFile(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(tmp, file);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}

/** The ingest account's line keeps its hash while the password is unchanged, so a rewrite changes nothing needlessly. */
async function ingestHash(file: string, username: string, password: string): Promise<string> {
  const old = await readFile(file, 'utf8').catch(() => '');
  const line = old.split('\n').find((l) => l.startsWith(`${username}:`));
  const hash = line?.slice(username.length + 1);
  const m = hash && /^\$7\$(\d+)\$([^$]+)\$/.exec(hash);
  if (m && mosquittoHash(password, Buffer.from(m[2]!, 'base64'), Number(m[1])) === hash) return hash;
  return mosquittoHash(password);
}

/** Asks Mosquitto to reload its files; a broker not running (no pid file, no process) is left alone. */
async function signalReload(ctx: AppContext): Promise<boolean> {
  const pidFile = ctx.env.BROKER_PID_FILE;
  if (!pidFile) return false;
  const pid = Number((await readFile(pidFile, 'utf8').catch(() => '')).trim());
  if (!Number.isInteger(pid) || pid <= 1) {
    ctx.log.warn({ pidFile }, 'broker pid file missing or unreadable: Mosquitto not told to reload');
    return false;
  }
  try {
    process.kill(pid, 'SIGHUP');
    return true;
  } catch (err) {
    ctx.log.warn({ pid, message: (err as Error).message }, 'could not signal Mosquitto to reload');
    return false;
  }
}

/** Rewrites the broker's files from the devices table and signals a reload; does nothing without BROKER_PASSWORD_FILE. */
export async function syncBroker(ctx: AppContext, tx?: Tx): Promise<{ devices: number } | null> {
  const passwordFile = ctx.env.BROKER_PASSWORD_FILE;
  if (!passwordFile) return null;
  const run = async (db: Db | Tx) => {
    await db.execute(sql`select pg_advisory_xact_lock(${SYNC_LOCK})`);
    const { rows } = await db.execute<{ key: string; broker_hash: string }>(
      sql`select key, broker_hash from devices where revoked_at is null and broker_hash is not null order by key`,
    );
    const { MQTT_USERNAME: user, MQTT_PASSWORD: password } = ctx.env;
    const ingest = user && password ? { username: user, hash: await ingestHash(passwordFile, user, password) } : undefined;
    await writeAtomically(
      passwordFile,
      passwordLines(
        rows.map((r) => ({ key: r.key, brokerHash: r.broker_hash })),
        ingest,
      ),
    );
    if (ctx.env.BROKER_ACL_FILE) await writeAtomically(ctx.env.BROKER_ACL_FILE, aclText(user));
    return rows.length;
  };
  const count = tx ? await run(tx) : await ctx.db.transaction(run);
  await signalReload(ctx);
  return { devices: count };
}

/** Runs after every change of who may connect (create, rotate, revoke, an import's credentials). */
export const brokerSyncHandler = defineHandler<{ deviceIds: string[]; change: string }, AppContext>({
  name: 'smart.broker_sync',
  topic: CREDENTIALS_CHANGED,
  async handle(ctx, _event, tx) {
    await syncBroker(ctx, tx);
  },
});

/** At worker start: the files may be missing (first start) or behind (changes while no worker ran). */
export async function syncBrokerAtStart(ctx: AppContext): Promise<void> {
  const done = await syncBroker(ctx);
  if (done) ctx.log.info({ devices: done.devices }, 'broker password and ACL files written');
}
