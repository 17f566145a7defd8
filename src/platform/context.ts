import type { Logger } from 'pino';
import type { Env } from '../config/env.ts';
import type { Database, Db } from './db/client.ts';
import type { Events } from './events.ts';
import type { PersonalDataKey } from './personal-data.ts';
import type { Queue } from './queue.ts';
import type { SigningKey } from './signing.ts';

/** What every service function is given: settings, the database, a logger, keys, the job queue and events. Nothing domain-specific. */
export interface AppContext {
  env: Env;
  database: Database;
  db: Db;
  log: Logger;
  personalKey: PersonalDataKey;
  queue: Queue;
  events: Events;
  /** Signs evidence (ballot chain heads) with a key kept outside the database. */
  signingKey: SigningKey;
}
