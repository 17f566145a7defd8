// `renova backup <file>` and `renova restore <file>`: one .tar.gz holding
// manifest.json, db.dump (pg_dump's custom format of the whole database: every
// module's tables, the migrations journal, pg-boss's schema) and files/ (the
// uploaded documents under DATA_DIR/files). The secrets are left out unless asked
// for (--include-secrets), because the archive then opens all personal data; the
// manifest always carries a fingerprint of the personal-data key, so a restore
// under a different key is refused before it makes residents' data unreadable.
import { createHash, createHmac } from 'node:crypto';
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import type { Logger } from 'pino';
import type { Env } from '../config/env.ts';
import { openDatabase, runMigrations } from '../platform/db/client.ts';
import { runningEmbeddedUrl } from '../platform/db/embedded.ts';
import { extractTarGz, tarGzWriter } from '../platform/tar.ts';
import { connectionArgs, findPgTool, runPgTool } from './pg-tools.ts';

const FORMAT = 'renova-backup';
const FORMAT_VERSION = 1;
/** Secrets kept beside the data (generated into DATA_DIR when not set): what --include-secrets carries. */
const secretSettings = {
  'session-secret': 'SESSION_SECRET',
  'personal-data-key': 'PERSONAL_DATA_KEY',
  'ballot-signing-key.pem': 'BALLOT_SIGNING_KEY',
} as const;
type SecretName = keyof typeof secretSettings;
/** A secret's value in effect, if this version has that setting. */
const secretOf = (env: Env, name: SecretName): string | undefined =>
  (env as unknown as Record<string, string | undefined>)[secretSettings[name]];

export interface Manifest {
  format: typeof FORMAT;
  formatVersion: number;
  createdAt: string;
  database: { mode: 'embedded' | 'external'; serverVersion: string; pgDumpMajor: number; migrations: number };
  /** Exact row count of every table (schema.table), read in the very snapshot the dump was taken from. */
  tables: Record<string, number>;
  files: { count: number; bytes: number };
  /** HMAC of a fixed text under the personal-data key: tells keys apart without revealing one. */
  personalDataKeyFingerprint: string;
  secretsIncluded: boolean;
}

export const keyFingerprint = (key: string) => createHmac('sha256', key).update('renova backup key fingerprint').digest('hex').slice(0, 16);

const userSchemas = `n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg_toast%' and n.nspname not like 'pg_temp%'`;

async function countTables(client: pg.ClientBase): Promise<Record<string, number>> {
  const { rows } = await client.query<{ t: string }>(
    `select format('%I.%I', n.nspname, c.relname) as t from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where c.relkind in ('r', 'p') and ${userSchemas} order by 1`,
  );
  const counts: Record<string, number> = {};
  for (const { t } of rows) counts[t] = (await client.query<{ n: number }>(`select count(*)::int as n from ${t}`)).rows[0]!.n;
  return counts;
}

/** Exact row counts of every table outside PostgreSQL's own schemas, read in one snapshot. */
export async function rowCounts(client: pg.ClientBase): Promise<Record<string, number>> {
  await client.query('begin isolation level repeatable read read only');
  try {
    return await countTables(client);
  } finally {
    await client.query('commit');
  }
}

async function serverMajor(client: pg.ClientBase): Promise<{ major: number; version: string }> {
  const { rows } = await client.query<{ num: string; v: string }>(
    `select current_setting('server_version_num') as num, current_setting('server_version') as v`,
  );
  return { major: Math.floor(Number(rows[0]!.num) / 10000), version: rows[0]!.v.split(' ')[0]! };
}

/** Where the database is: DATABASE_URL, the embedded server a running Renova holds, or the embedded one started here. */
async function connect(env: Env, log: Logger, forRestore: boolean) {
  const running = env.DATABASE_URL ? undefined : runningEmbeddedUrl(env.dataDir);
  if (running && forRestore)
    throw new Error(`Renova is running on ${env.dataDir} (its database server is up): stop every Renova process before restoring.`);
  if (running) {
    const pool = new pg.Pool({ connectionString: running, max: 2 });
    return { url: running, pool, mode: 'embedded' as const, database: undefined, close: () => pool.end() };
  }
  const database = await openDatabase(env, log, { poolSize: 2 });
  return { url: database.url, pool: database.pool, mode: database.mode, database, close: () => database.close() };
}

async function listFiles(root: string, keep: (name: string) => boolean): Promise<string[]> {
  if (!existsSync(root)) return [];
  const out: string[] = [];
  for (const entry of await readdir(root, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && keep(entry.name)) out.push(path.relative(root, path.join(entry.parentPath, entry.name)));
  }
  return out.sort();
}

// Only finished, content-addressed uploads; a `.tmp` is one still being written.
const isUpload = (name: string) => /^[0-9a-f]{64}$/.test(name);
// The ballots' anchor log (signed chain heads, append-only, kept outside the database on purpose).
const ANCHORS = 'anchors';

export async function backup(env: Env, log: Logger, file: string, opts: { includeSecrets: boolean }): Promise<Manifest> {
  const target = path.resolve(file);
  const work = await mkdtemp(path.join(path.dirname(target), '.renova-backup-'));
  const partial = `${target}.partial`;
  const conn = await connect(env, log, false);
  try {
    const client = await conn.pool.connect();
    let server: { major: number; version: string };
    let tables: Record<string, number>;
    let pgDumpMajor: number;
    try {
      server = await serverMajor(client);
      const pgDump = findPgTool('pg_dump', server.major);
      pgDumpMajor = pgDump.major;
      // The counts and the dump read one exported snapshot, so they agree even while Renova keeps writing.
      await client.query('begin isolation level repeatable read read only');
      const { rows } = await client.query<{ s: string }>('select pg_export_snapshot() as s');
      tables = await countTables(client);
      const { dbname, env: pgEnv } = connectionArgs(conn.url);
      // Uncompressed: the archive around it is gzipped once.
      const args = ['--format=custom', '--compress=0', '--snapshot', rows[0]!.s, '--file', path.join(work, 'db.dump'), '--dbname', dbname];
      await runPgTool(pgDump, args, pgEnv);
      await client.query('commit');
    } finally {
      client.release(true);
    }
    // Listed after the dump: a file is stored before its row, so every document the dump names is here
    // (one uploaded since is carried too, harmlessly: files are found by their hash).
    const filesRoot = path.join(env.dataDir, 'files');
    const files = await listFiles(filesRoot, isUpload);
    const anchors = await listFiles(path.join(env.dataDir, ANCHORS), (n) => !n.endsWith('.lock'));
    let bytes = 0;
    for (const f of files) bytes += (await stat(path.join(filesRoot, f))).size;
    const manifest: Manifest = {
      format: FORMAT,
      formatVersion: FORMAT_VERSION,
      createdAt: new Date().toISOString(),
      database: { mode: conn.mode, serverVersion: server.version, pgDumpMajor, migrations: tables['drizzle.__drizzle_migrations'] ?? 0 },
      tables,
      files: { count: files.length, bytes },
      personalDataKeyFingerprint: keyFingerprint(env.PERSONAL_DATA_KEY),
      secretsIncluded: opts.includeSecrets,
    };
    const tar = tarGzWriter(partial);
    await tar.addBuffer('manifest.json', Buffer.from(JSON.stringify(manifest, null, 2) + '\n'));
    await tar.addFile('db.dump', path.join(work, 'db.dump'), 0o600);
    for (const f of files) await tar.addFile(`files/${f.split(path.sep).join('/')}`, path.join(filesRoot, f));
    for (const f of anchors) await tar.addFile(`${ANCHORS}/${f.split(path.sep).join('/')}`, path.join(env.dataDir, ANCHORS, f));
    if (opts.includeSecrets)
      for (const name of Object.keys(secretSettings) as SecretName[]) {
        const value = secretOf(env, name);
        if (value) await tar.addBuffer(`secrets/${name}`, Buffer.from(value + '\n'), 0o600);
      }
    await tar.finish();
    await rename(partial, target);
    return manifest;
  } finally {
    await conn.close();
    await rm(work, { recursive: true, force: true });
    await rm(partial, { force: true });
  }
}

function sha256File(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(file)
      .on('data', (d) => hash.update(d))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });
}

/**
 * Which secrets files to write into DATA_DIR. A secret that came from the data
 * directory is replaced by the backup's; one given as a setting that differs is
 * refused, since the setting would win over the file on every start.
 */
function secretsToWrite(env: Env, work: string, force: boolean): Array<{ name: SecretName; value: string }> {
  const out: Array<{ name: SecretName; value: string }> = [];
  for (const [name, setting] of Object.entries(secretSettings) as Array<[SecretName, (typeof secretSettings)[SecretName]]>) {
    const file = path.join(work, 'secrets', name);
    if (!existsSync(file)) continue;
    const value = readFileSync(file, 'utf8').trim();
    const current = secretOf(env, name);
    if (value === current) continue;
    const own = path.join(env.dataDir, name);
    const fromFile = current === undefined || (existsSync(own) && readFileSync(own, 'utf8').trim() === current);
    if (!fromFile && !force)
      throw new Error(
        `${setting} is set and differs from the backup's. Set ${setting} to the backup's value (the archive's secrets/${name}) ` +
          `or unset it so the restored file is used; --force restores anyway.`,
      );
    out.push({ name, value });
  }
  return out;
}

export interface RestoreSummary {
  tables: number;
  rows: number;
  files: number;
  secretsRestored: string[];
}

export async function restore(env: Env, log: Logger, file: string, opts: { force: boolean }): Promise<RestoreSummary> {
  await mkdir(env.dataDir, { recursive: true });
  const work = await mkdtemp(path.join(env.dataDir, '.restore-'));
  try {
    const names = await extractTarGz(path.resolve(file), work);
    if (!names.includes('manifest.json') || !names.includes('db.dump'))
      throw new Error(`${file} is not a Renova backup (no manifest.json or db.dump)`);
    const manifest = JSON.parse(readFileSync(path.join(work, 'manifest.json'), 'utf8')) as Manifest;
    if (manifest.format !== FORMAT || manifest.formatVersion > FORMAT_VERSION)
      throw new Error(`${file} is not a Renova backup this version can read (format ${manifest.format} ${manifest.formatVersion})`);
    const secrets = secretsToWrite(env, work, opts.force);
    const restoredKey = secrets.find((s) => s.name === 'personal-data-key')?.value ?? env.PERSONAL_DATA_KEY;
    if (keyFingerprint(restoredKey) !== manifest.personalDataKeyFingerprint && !opts.force)
      throw new Error(
        `This backup's personal data was encrypted under another PERSONAL_DATA_KEY (fingerprint ${manifest.personalDataKeyFingerprint}, ` +
          `this machine's ${keyFingerprint(restoredKey)}): residents' names, phones and ID numbers would be unreadable. ` +
          'Set PERSONAL_DATA_KEY (or DATA_DIR/personal-data-key) to the original key, or use a backup made with --include-secrets; --force restores anyway.',
      );

    const conn = await connect(env, log, true);
    try {
      const client = await conn.pool.connect();
      let server: { major: number };
      try {
        server = await serverMajor(client);
        const { rows } = await client.query<{ nspname: string; tables: number }>(
          `select n.nspname, count(c.oid)::int as tables from pg_namespace n
           left join pg_class c on c.relnamespace = n.oid and c.relkind in ('r', 'p', 'v', 'm', 'S', 'f')
           where ${userSchemas} group by n.nspname`,
        );
        const used = rows.filter((r) => r.tables > 0);
        if (used.length && !opts.force)
          throw new Error(
            `The database is not empty (tables in schema ${used.map((r) => r.nspname).join(', ')}): restore into an empty database, or pass --force to replace everything in it.`,
          );
        // With --force everything goes; otherwise only empty schemas the dump would create again (public stays as it is).
        for (const { nspname } of rows.filter((r) => used.length || r.nspname !== 'public'))
          await client.query(`drop schema "${nspname.replaceAll('"', '""')}" cascade`);
        await client.query('create schema if not exists public');
      } finally {
        client.release();
      }
      const pgRestore = findPgTool('pg_restore', Math.max(server.major, manifest.database.pgDumpMajor));
      const { dbname, env: pgEnv } = connectionArgs(conn.url);
      // One transaction: a restore that fails half-way leaves the database as empty as it was.
      await runPgTool(
        pgRestore,
        ['--dbname', dbname, '--no-owner', '--no-acl', '--single-transaction', '--exit-on-error', path.join(work, 'db.dump')],
        pgEnv,
      );
      const counts = await conn.pool.connect().then(async (c) => {
        try {
          return await rowCounts(c);
        } finally {
          c.release();
        }
      });
      const differ = Object.keys({ ...manifest.tables, ...counts }).filter((t) => manifest.tables[t] !== counts[t]);
      if (differ.length)
        throw new Error(
          `The restored row counts differ from the backup's manifest: ${differ.map((t) => `${t} ${counts[t] ?? 0}/${manifest.tables[t] ?? 0}`).join(', ')}`,
        );
      // The dump may predate migrations this version has.
      await runMigrations(conn.database!);
    } finally {
      await conn.close();
    }

    let restoredFiles = 0;
    const filesRoot = path.join(env.dataDir, 'files');
    for (const name of names.filter((n) => n.startsWith('files/'))) {
      const rel = name.slice('files/'.length);
      const from = path.join(work, 'files', rel);
      if ((await sha256File(from)) !== path.basename(rel))
        throw new Error(`${name} in the archive is damaged (its content does not match its name)`);
      const to = path.join(filesRoot, rel);
      await mkdir(path.dirname(to), { recursive: true });
      if (!existsSync(to)) await rename(from, to);
      restoredFiles++;
    }
    // An anchor log already here is never overwritten: it is evidence. The backup's copy is set beside it.
    for (const name of names.filter((n) => n.startsWith(`${ANCHORS}/`))) {
      const to = path.join(env.dataDir, name);
      await mkdir(path.dirname(to), { recursive: true });
      const same = existsSync(to) && (await sha256File(to)) === (await sha256File(path.join(work, name)));
      if (!same) await rename(path.join(work, name), existsSync(to) ? `${to}.restored-${Date.now()}` : to);
    }
    for (const { name, value } of secrets) {
      const own = path.join(env.dataDir, name);
      if (existsSync(own)) await rename(own, `${own}.replaced-${Date.now()}`);
      await writeFile(own, value + '\n', { mode: 0o600 });
    }
    const rows = Object.values(manifest.tables).reduce((a, b) => a + b, 0);
    return { tables: Object.keys(manifest.tables).length, rows, files: restoredFiles, secretsRestored: secrets.map((s) => s.name) };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

export const backupUsage = `  backup <file.tar.gz> [--include-secrets]
                                the database (pg_dump) and the uploaded files in one archive;
                                --include-secrets adds SESSION_SECRET and PERSONAL_DATA_KEY
  restore <file.tar.gz> [--force]
                                into an empty database (--force replaces a non-empty one), then migrate
`;

/** The CLI's `backup` and `restore`. */
export async function backupCommand(command: 'backup' | 'restore', args: string[], env: Env, log: Logger): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { 'include-secrets': { type: 'boolean' }, force: { type: 'boolean' } },
  });
  const [file] = positionals;
  if (!file) throw new Error(`${command} needs a file: renova ${command} <file.tar.gz>`);
  if (command === 'backup') {
    const m = await backup(env, log, file, { includeSecrets: !!values['include-secrets'] });
    const rows = Object.values(m.tables).reduce((a, b) => a + b, 0);
    process.stdout.write(
      `backed up ${Object.keys(m.tables).length} tables (${rows} rows) and ${m.files.count} files to ${file}\n` +
        (m.secretsIncluded
          ? 'The archive holds SESSION_SECRET and PERSONAL_DATA_KEY: keep it as safe as the keys themselves.\n'
          : `The archive holds no secrets. Residents' personal data in it opens only with this PERSONAL_DATA_KEY (fingerprint ${m.personalDataKeyFingerprint}): keep the key apart, or back up with --include-secrets.\n`),
    );
    return 0;
  }
  const s = await restore(env, log, file, { force: !!values.force });
  process.stdout.write(
    `restored ${s.tables} tables (${s.rows} rows) and ${s.files} files from ${file}, then migrated` +
      (s.secretsRestored.length ? `; wrote ${s.secretsRestored.join(', ')} into ${env.dataDir}` : '') +
      '\n',
  );
  return 0;
}
