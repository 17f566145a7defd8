// PostgreSQL's own client programs (pg_dump, pg_restore), found on this machine.
// The embedded server package ships only the server, so these come from the
// operating system (Debian: postgresql-client), at a version no older than the server's.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

export type PgTool = 'pg_dump' | 'pg_restore';

export interface FoundTool {
  path: string;
  major: number;
}

function candidates(tool: PgTool): string[] {
  const found: string[] = [];
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) for (const v of readdirSync(debian)) found.push(path.join(debian, v, 'bin', tool));
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) if (dir) found.push(path.join(dir, tool));
  return found.filter((p) => existsSync(p));
}

function majorOf(bin: string): number | undefined {
  const res = spawnSync(bin, ['--version'], { encoding: 'utf8', timeout: 10_000 });
  const m = /\(PostgreSQL\)\s+(\d+)/.exec(res.stdout ?? '');
  return m ? Number(m[1]) : undefined;
}

/**
 * The oldest installed `tool` whose major version is at least `minMajor`: a
 * client older than the server cannot read it, and the closest version writes
 * what that server surely understands.
 */
export function findPgTool(tool: PgTool, minMajor: number): FoundTool {
  const usable = candidates(tool)
    .map((p) => ({ path: p, major: majorOf(p) }))
    .filter((t): t is FoundTool => t.major !== undefined && t.major >= minMajor)
    .sort((a, b) => a.major - b.major);
  if (!usable[0])
    throw new Error(
      `${tool} of PostgreSQL ${minMajor} or newer was not found (looked on PATH and under /usr/lib/postgresql/*/bin). ` +
        `Install the PostgreSQL client programs, e.g. on Debian or Ubuntu: apt-get install postgresql-client ` +
        `(version ${minMajor} or newer), then run this again.`,
    );
  return usable[0];
}

/** The URL without its password, and the password for PGPASSWORD: never on a command line others can read. */
export function connectionArgs(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const u = new URL(url);
  const password = decodeURIComponent(u.password);
  u.password = '';
  return { dbname: u.toString(), env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) } };
}

/** Runs a client program; rejects with what it wrote to stderr. */
export function runPgTool(tool: FoundTool, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(tool.path, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-8000)));
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`${path.basename(tool.path)} failed (${signal ?? `exit ${code}`}): ${stderr.trim()}`));
    });
  });
}
