import argon2 from 'argon2';
import { and, eq, gt, inArray, lt, or, sql } from 'drizzle-orm';
import { createHmac, randomBytes } from 'node:crypto';
import { audit } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Db, Tx } from '../../platform/db/client.ts';
import type { AuthUser } from '../../platform/http/auth.ts';
import { problem, unprocessable } from '../../platform/http/problem.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { lineage, registry } from '../registry/index.ts';
import { verifyCode, type CodeSender } from './codes.ts';
import { accountsMessages as am } from './messages.ts';
import { rolePermissions, type Permission } from './permissions.ts';
import { sessions, users, type Role } from './schema.ts';

type UserRow = typeof users.$inferSelect;

// Hashing a dummy password for unknown names keeps login time from telling which names exist.
let dummyHash: Promise<string> | undefined;

function tokenHash(ctx: AppContext, token: string): string {
  return createHmac('sha256', ctx.env.SESSION_SECRET).update(token).digest('base64url');
}

async function toAuthUser(ctx: AppContext, row: UserRow): Promise<AuthUser> {
  const residentCompounds = row.residentId ? await registry.compoundIdsOfResident(ctx.db, row.residentId) : [];
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    role: row.role,
    permissions: new Set(rolePermissions[row.role]),
    scope: { division: row.scopeDivision, compoundIds: [...row.scopeCompoundIds, ...residentCompounds] },
    locale: row.locale,
    residentId: row.residentId,
    department: row.department,
  };
}

export function publicUser(user: AuthUser) {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    scope: user.scope,
    permissions: [...user.permissions].sort(),
    locale: user.locale,
    department: user.department,
  };
}

// Sessions are looked up on every request; a short cache keeps that off the database. A trigger on users and
// sessions NOTIFYs every process of a change (role, scope, lock, sign-out), which drops the entries it touches, so
// a change takes effect everywhere at once. While the listening connection is down nothing is cached.
const CACHE_MS = 30_000;
const cache = new Map<string, { user: AuthUser; until: number }>();
const listening = new WeakMap<object, { live: boolean }>();

function cacheIsLive(ctx: AppContext): boolean {
  let state = listening.get(ctx.database.notifications);
  if (!state) {
    const s = { live: false };
    state = s;
    listening.set(ctx.database.notifications, s);
    ctx.database.notifications.subscribe('renova_users', {
      onNotify: (userId) => {
        for (const [key, entry] of cache) if (entry.user.id === userId) cache.delete(key);
      },
      onReset: (live) => {
        cache.clear();
        s.live = live;
      },
    });
    ctx.database.notifications.subscribe('renova_sessions', {
      onNotify: (hash) => cache.delete(hash),
      onReset: (live) => {
        cache.clear();
        s.live = live;
      },
    });
  }
  return state.live;
}

export async function authenticate(ctx: AppContext, token: string): Promise<AuthUser | null> {
  const hash = tokenHash(ctx, token);
  const live = cacheIsLive(ctx);
  const hit = cache.get(hash);
  const now = Date.now();
  if (live && hit && hit.until > now) return hit.user;
  const rows = await ctx.db
    .select({ user: users, expiresAt: sessions.expiresAt })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, hash), gt(sessions.expiresAt, new Date())))
    .limit(1);
  const row = rows[0];
  if (!row) {
    cache.delete(hash);
    return null;
  }
  const user = await toAuthUser(ctx, row.user);
  if (cache.size > 10_000) cache.clear();
  if (live) cache.set(hash, { user, until: Math.min(now + CACHE_MS, row.expiresAt.getTime()) });
  return user;
}

/** For the CLI, which acts as a named account without a session. */
export async function authUserByUsername(ctx: AppContext, username: string): Promise<AuthUser> {
  const [row] = await ctx.db.select().from(users).where(eq(users.username, username)).limit(1);
  if (!row) throw new Error(`No account named ${username}.`);
  return toAuthUser(ctx, row);
}

// Unknown names, locked accounts and wrong passwords answer alike (status, body and
// about the same time), so sign-in cannot tell which names exist or are locked.
// The lock itself is told to the audit log only.
const refused = () => problem(401, am.msg('signin.refused'));

/** The dummy hash, made once (the routes ask for it at start-up, so the first unknown name is not slower). */
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= argon2.hash('not-a-real-password');
  return dummyHash;
}

export async function login(ctx: AppContext, username: string, password: string, ip: string) {
  const [row] = await ctx.db.select().from(users).where(eq(users.username, username)).limit(1);
  // Accounts made by code sign-in have no password hash; they, and unknown names, check a dummy hash.
  const hasPassword = !!row && row.passwordHash.startsWith('$argon2');
  const passwordOk = (await argon2.verify(hasPassword ? row.passwordHash : await dummyPasswordHash(), password)) && hasPassword;
  if (!row) throw refused();
  const actor = { id: row.id, username: row.username, ip };
  if (row.lockedUntil && row.lockedUntil > new Date()) {
    await audit(ctx.db, actor, 'login.refused_locked', 'user', row.id, { lockedUntil: row.lockedUntil.toISOString() });
    throw refused();
  }
  if (!passwordOk) {
    // Counted in the database, not from the row read above: failures arriving at several processes at once all count.
    const lockAt = ctx.env.LOGIN_MAX_FAILURES;
    const lockUntil = new Date(Date.now() + ctx.env.LOGIN_LOCK_MINUTES * 60_000);
    await ctx.db.transaction(async (tx) => {
      const [counted] = await tx
        .update(users)
        .set({
          failedLogins: sql`case when ${users.failedLogins} + 1 >= ${lockAt} then 0 else ${users.failedLogins} + 1 end`,
          lockedUntil: sql`case when ${users.failedLogins} + 1 >= ${lockAt} then ${lockUntil.toISOString()}::timestamptz else ${users.lockedUntil} end`,
        })
        .where(eq(users.id, row.id))
        .returning({ failedLogins: users.failedLogins, lockedUntil: users.lockedUntil });
      const locked = counted!.failedLogins === 0;
      const n = locked ? lockAt : counted!.failedLogins;
      await audit(tx, actor, locked ? 'login.locked' : 'login.failed', 'user', row.id, { failures: n });
    });
    throw refused();
  }
  const session = await ctx.db.transaction(async (tx) => {
    await tx.update(users).set({ failedLogins: 0, lockedUntil: null }).where(eq(users.id, row.id));
    await audit(tx, actor, 'login', 'user', row.id);
    return openSession(ctx, tx, row.id);
  });
  return { ...session, user: await toAuthUser(ctx, row) };
}

async function openSession(ctx: AppContext, tx: Tx, userId: string) {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + ctx.env.SESSION_TTL_HOURS * 3_600_000);
  await tx.insert(sessions).values({ tokenHash: tokenHash(ctx, token), userId, expiresAt });
  await tx.delete(sessions).where(and(eq(sessions.userId, userId), lt(sessions.expiresAt, new Date())));
  return { token, expiresAt };
}

/** A resident signs in with the one-time code sent to a phone the registry holds. */
export async function loginByCode(ctx: AppContext, sender: CodeSender | null, phone: string, code: string, ip: string) {
  const userId = await verifyCode(ctx, sender, phone, code, ip);
  const [row] = await ctx.db.select().from(users).where(eq(users.id, userId)).limit(1);
  const session = await ctx.db.transaction((tx) => openSession(ctx, tx, userId));
  return { ...session, user: await toAuthUser(ctx, row!) };
}

export async function logout(ctx: AppContext, token: string): Promise<void> {
  const hash = tokenHash(ctx, token);
  cache.delete(hash);
  await ctx.db.delete(sessions).where(eq(sessions.tokenHash, hash));
}

export async function setLocale(ctx: AppContext, user: AuthUser, locale: 'zh-CN' | 'en'): Promise<void> {
  await ctx.db.update(users).set({ locale }).where(eq(users.id, user.id));
  for (const [key, entry] of cache) if (entry.user.id === user.id) cache.delete(key);
}

export interface NewAccount {
  username: string;
  displayName: string;
  password: string;
  role: Role;
  scopeDivision?: string | null;
  scopeCompoundIds?: string[];
  department?: string | null;
  residentId?: string | null;
}

/** Creates or updates an account by username (seeding is idempotent). */
export async function upsertAccount(tx: Tx, account: NewAccount, passwordHash?: string): Promise<string> {
  if (account.password.length < 8) {
    throw unprocessable(am.msg('password.too_short'), [{ path: 'password', message: am.msg('field.password_min') }]);
  }
  const hash = passwordHash ?? (await argon2.hash(account.password));
  const values = {
    username: account.username,
    displayName: account.displayName,
    passwordHash: hash,
    role: account.role,
    scopeDivision: account.scopeDivision ?? null,
    scopeCompoundIds: account.scopeCompoundIds ?? [],
    department: account.department ?? null,
    residentId: account.residentId ?? null,
  };
  const [row] = await tx
    .insert(users)
    .values({ id: uuidv7(), ...values })
    .onConflictDoUpdate({ target: users.username, set: { ...values, failedLogins: 0, lockedUntil: sql`null` } })
    .returning({ id: users.id });
  return row!.id;
}

export const hashPassword = (password: string) => argon2.hash(password);

/** What other modules may know of an account (e.g. evaluation's institution members): who it is and its role. */
export interface AccountSummary {
  id: string;
  username: string;
  displayName: string;
  role: Role;
}

const summary = { id: users.id, username: users.username, displayName: users.displayName, role: users.role };

export async function accountByUsername(db: Db | Tx, username: string): Promise<AccountSummary | undefined> {
  const [row] = await db.select(summary).from(users).where(eq(users.username, username)).limit(1);
  return row;
}

export async function accountsByIds(db: Db | Tx, ids: readonly string[]): Promise<AccountSummary[]> {
  if (!ids.length) return [];
  return db
    .select(summary)
    .from(users)
    .where(inArray(users.id, [...ids]))
    .orderBy(users.username);
}

/** Accounts of a role on duty for a compound: granted the compound, or holding one of the divisions above it. */
export async function dutyAccounts(
  db: Db | Tx,
  role: Role,
  compoundId: string,
  divisionCodes: readonly string[],
): Promise<AccountSummary[]> {
  return db
    .select(summary)
    .from(users)
    .where(
      and(
        eq(users.role, role),
        or(
          sql`${compoundId}::uuid = any(${users.scopeCompoundIds})`,
          divisionCodes.length ? inArray(users.scopeDivision, [...divisionCodes]) : sql`false`,
        ),
      ),
    )
    .orderBy(users.username);
}

/** The accounts whose role grants `permission` and whose division scope covers a division (it or one above it). */
export async function accountsWithPermissionIn(db: Db | Tx, permission: Permission, divisionCode: string): Promise<AccountSummary[]> {
  const holding = (Object.keys(rolePermissions) as Role[]).filter((r) => rolePermissions[r].includes(permission));
  const divisions = lineage(divisionCode);
  if (!holding.length || !divisions.length) return [];
  return db
    .select(summary)
    .from(users)
    .where(and(inArray(users.role, holding), inArray(users.scopeDivision, divisions)))
    .orderBy(users.username)
    .limit(200);
}

/**
 * The accounts whose role grants `permission` and whose scope covers a compound (granted the compound itself, or
 * a division it lies in): who may be handed work in that compound.
 */
export async function accountsWithPermissionOver(
  db: Db | Tx,
  permission: Permission,
  compound: { id: string; communityCode: string },
): Promise<AccountSummary[]> {
  const holding = (Object.keys(rolePermissions) as Role[]).filter((r) => rolePermissions[r].includes(permission));
  if (!holding.length) return [];
  const divisions = lineage(compound.communityCode);
  return db
    .select(summary)
    .from(users)
    .where(
      and(
        inArray(users.role, holding),
        or(
          sql`${compound.id}::uuid = any(${users.scopeCompoundIds})`,
          divisions.length ? inArray(users.scopeDivision, divisions) : undefined,
        ),
      ),
    )
    .orderBy(users.username)
    .limit(200);
}
