// The only reader of process.env. Every setting is declared, defaulted and
// validated here once; a bad start lists every problem, not just the first.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { signingKey, signingKeyFromDataDir } from '../platform/signing.ts';

const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

// One entry of Fastify's (proxy-addr's) trusted proxy list: an address, a CIDR, an address/netmask or a named range.
function proxyEntry(entry: string): boolean {
  if (['loopback', 'linklocal', 'uniquelocal'].includes(entry)) return true;
  const [address = '', range, ...rest] = entry.split('/');
  const family = isIP(address);
  if (!family || rest.length) return false;
  if (range === undefined) return true;
  if (/^\d{1,3}$/.test(range)) return Number(range) <= (family === 4 ? 32 : 128);
  return family === 4 && isIP(range) === 4;
}

/** TRUST_PROXY as Fastify's trustProxy takes it: a boolean, a hop count, or a comma-separated list. */
const trustProxy = z
  .string()
  .default('false')
  .transform((text, ctx): boolean | number | string => {
    const value = text.trim().toLowerCase();
    if (value === 'true' || value === 'false') return value === 'true';
    if (/^\d+$/.test(value)) return Number(value);
    const entries = value.split(',').map((e) => e.trim());
    const bad = entries.filter((e) => !proxyEntry(e));
    if (bad.length) ctx.addIssue({ code: 'custom', message: `must be true, false, a hop count or addresses/CIDRs; not ${bad.join(', ')}` });
    return entries.join(',');
  });

export const DEFAULT_CITY = '330100';
const citiesDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../reference/cities');

/** The codes of the shipped city packs: directories of reference/cities/ with a demo.json. */
export function cityCodes(): string[] {
  if (!existsSync(citiesDir)) return [];
  return readdirSync(citiesDir)
    .filter((d) => /^\d{6}$/.test(d) && existsSync(path.join(citiesDir, d, 'demo.json')))
    .sort();
}

/** CITY: a shipped city pack's division code. */
const cityCode = z
  .string()
  .default(DEFAULT_CITY)
  .refine((code) => cityCodes().includes(code), {
    error: (i) => `no city pack reference/cities/${String(i.input)}/ (shipped: ${cityCodes().join(', ')})`,
  });

const schema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().min(1).optional(),
    DATA_DIR: z.string().min(1).default('./data'),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
      .optional(),
    EMBEDDED_PG_PORT: z.coerce.number().int().min(1024).max(65535).default(54329),
    LOG_LEVEL: z.enum(logLevels).default('info'),
    SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    PERSONAL_DATA_KEY: z.string().min(32, 'must be at least 32 characters').optional(),
    SESSION_TTL_HOURS: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 90)
      .default(12),
    LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
    LOGIN_LOCK_MINUTES: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 60)
      .default(15),
    LOGIN_RATE_PER_MINUTE: z.coerce.number().int().min(1).max(10000).default(20),
    // How residents get their one-time sign-in code: `log` writes it to the server log (development only),
    // an http(s) URL receives {phone, code, expiresInSeconds} as a JSON POST (an SMS gateway), `none` turns code sign-in off.
    LOGIN_CODE_SENDER: z
      .string()
      .regex(/^(log|none|https?:\/\/\S+)$/, 'must be log, none, or an http(s) URL')
      .optional(),
    SEED_SCALE: z.enum(['demo', 'city', 'province', 'none']).default('demo'),
    SEED_VALUE: z.coerce.number().int().default(20210601),
    IMPORT_BACKGROUND_ROWS: z.coerce.number().int().min(1).default(2000),
    LIST_CACHE_ENTRIES: z.coerce.number().int().min(0).max(1_000_000).default(2000),
    MAX_UPLOAD_MB: z.coerce.number().int().min(1).max(1024).default(20),
    // Which proxies may set X-Forwarded-For/-Host/-Proto; off by default, so a client cannot choose its own address.
    TRUST_PROXY: trustProxy,
    ALLOW_EMBEDDED_DB_IN_PRODUCTION: z
      .enum(['true', 'false'])
      .default('false')
      .transform((v) => v === 'true'),
    // Signs ballot chain heads (Ed25519: PEM, or base64 of PKCS#8 DER or the 32-byte seed); else DATA_DIR/ballot-signing-key.pem.
    BALLOT_SIGNING_KEY: z.string().min(1).optional(),
    // Device ingest. Without MQTT_URL the process runs the embedded broker (aedes, MQTT 3.1.1) on 127.0.0.1:MQTT_PORT (0: any free port).
    MQTT_URL: z
      .string()
      .regex(/^mqtts?:\/\/\S+$/, 'must be an mqtt:// or mqtts:// URL')
      .optional(),
    MQTT_PORT: z.coerce.number().int().min(0).max(65535).default(1883),
    // The ingest processes' own account on the city's broker.
    MQTT_USERNAME: z.string().min(1).max(200).optional(),
    MQTT_PASSWORD: z.string().min(1).max(500).optional(),
    // Ingest processes in one MQTT 5 shared-subscription group share the stream ($share/<group>/...).
    MQTT_SHARE_GROUP: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,64}$/, 'letters, digits, _ and - only')
      .default('renova'),
    // Mosquitto: the password and ACL files the product keeps in step with device credentials, and the broker's pid file to signal a reload.
    BROKER_PASSWORD_FILE: z.string().min(1).optional(),
    BROKER_ACL_FILE: z.string().min(1).optional(),
    BROKER_PID_FILE: z.string().min(1).optional(),
    // The device simulator on the demo city (`npm start`): on by default in development with the demo seed.
    SIMULATOR: z.enum(['on', 'off']).optional(),
    // Open311 GeoReport v2: the city's division code partners name as jurisdiction_id; POSTs per minute per api_key;
    // reads per minute per address (0: reads unlimited).
    OPEN311_JURISDICTION: z
      .string()
      .regex(/^\d{4}00$/, 'must be a city division code such as 330100')
      .optional(),
    OPEN311_RATE_PER_MINUTE: z.coerce.number().int().min(1).max(100000).default(120),
    OPEN311_READS_PER_MINUTE: z.coerce.number().int().min(0).max(1000000).default(600),
    // The city pack (reference/cities/<code>/) this process seeds and runs: divisions, rules, catalogue, demo city.
    CITY: cityCode,
  })
  .superRefine((env, ctx) => {
    for (const key of ['SESSION_SECRET', 'PERSONAL_DATA_KEY'] as const) {
      if (env.NODE_ENV === 'production' && !env[key]) {
        ctx.addIssue({ code: 'custom', path: [key], message: 'is required when NODE_ENV=production' });
      }
    }
    if (env.NODE_ENV === 'production' && env.LOGIN_CODE_SENDER === 'log')
      ctx.addIssue({ code: 'custom', path: ['LOGIN_CODE_SENDER'], message: 'log would write sign-in codes to the log; not in production' });
  });

export type RawEnv = z.infer<typeof schema>;
export interface Env extends Omit<
  RawEnv,
  'HOST' | 'SESSION_SECRET' | 'PERSONAL_DATA_KEY' | 'LOGIN_CODE_SENDER' | 'BALLOT_SIGNING_KEY' | 'SIMULATOR' | 'OPEN311_JURISDICTION'
> {
  /** Partners' jurisdiction_id: the selected city unless set. */
  OPEN311_JURISDICTION: string;
  /** Whether this process runs the gentle device simulator on the demo city. */
  SIMULATOR: boolean;
  HOST: string;
  /** Without a configured sender, production has no code sign-in; development logs the code. */
  LOGIN_CODE_SENDER: string;
  SESSION_SECRET: string;
  /** Encrypts residents' personal data at rest; losing it loses that data. */
  PERSONAL_DATA_KEY: string;
  /** The Ed25519 private key that signs ballot chain heads, kept outside the database. */
  BALLOT_SIGNING_KEY: string;
  /** Absolute data directory. */
  dataDir: string;
  databaseMode: 'embedded' | 'external';
}

export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

// Development convenience: a secret left unset is generated once and kept beside the data it protects.
function secretFromDataDir(dataDir: string, name: string): string {
  const file = path.join(dataDir, name);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, secret + '\n', { mode: 0o600 });
  return secret;
}

/** Parses settings from `source` (process.env by default); throws EnvError listing every problem. */
export function loadEnv(source: Record<string, string | undefined> = process.env): Env {
  const blankless = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(blankless);
  if (!parsed.success) {
    throw new EnvError(parsed.error.issues.map((i) => `${i.path.join('.') || '(env)'}: ${i.message}`));
  }
  const raw = parsed.data;
  const dataDir = path.resolve(raw.DATA_DIR);
  // Production never generates it: a key made silently on a fresh disk would sign under an identity nobody published.
  const ballotKey = raw.BALLOT_SIGNING_KEY ?? signingKeyFromDataDir(dataDir, 'ballot-signing-key.pem', raw.NODE_ENV !== 'production');
  if (!ballotKey)
    throw new EnvError([
      `BALLOT_SIGNING_KEY: is required when NODE_ENV=production (or an Ed25519 PEM at ${path.join(dataDir, 'ballot-signing-key.pem')})`,
    ]);
  try {
    signingKey(ballotKey);
  } catch (err) {
    throw new EnvError([`BALLOT_SIGNING_KEY: not an Ed25519 private key (${(err as Error).message})`]);
  }
  return {
    ...raw,
    HOST: raw.HOST ?? (raw.NODE_ENV === 'production' ? '0.0.0.0' : '127.0.0.1'),
    LOGIN_CODE_SENDER: raw.LOGIN_CODE_SENDER ?? (raw.NODE_ENV === 'production' ? 'none' : 'log'),
    SESSION_SECRET: raw.SESSION_SECRET ?? secretFromDataDir(dataDir, 'session-secret'),
    PERSONAL_DATA_KEY: raw.PERSONAL_DATA_KEY ?? secretFromDataDir(dataDir, 'personal-data-key'),
    BALLOT_SIGNING_KEY: ballotKey,
    OPEN311_JURISDICTION: raw.OPEN311_JURISDICTION ?? raw.CITY,
    SIMULATOR: raw.SIMULATOR ? raw.SIMULATOR === 'on' : raw.NODE_ENV === 'development' && raw.SEED_SCALE === 'demo',
    dataDir,
    databaseMode: raw.DATABASE_URL ? 'external' : 'embedded',
  };
}

/** Only DATABASE_URL, without side effects: for tools that must not create DATA_DIR (the test setup). */
export function externalDatabaseUrl(source: Record<string, string | undefined> = process.env): string | undefined {
  return schema.shape.DATABASE_URL.parse(source.DATABASE_URL || undefined);
}

/** Only CITY (validated; an unknown pack throws EnvError): for code that reads the city pack without a context. */
export function citySetting(source: Record<string, string | undefined> = process.env): string {
  const parsed = cityCode.safeParse(source.CITY || undefined);
  if (!parsed.success) throw new EnvError(parsed.error.issues.map((i) => `CITY: ${i.message}`));
  return parsed.data;
}

/** The settings table printed by `renova env` and mirrored in the README. */
export const settingsDoc = Object.keys(schema.shape);
