// A cache of compound list pages, keyed by the registry version: a trigger
// bumps the version in the same transaction as any write to compounds, so a
// page is served from memory only while nothing it could show has changed.
import { eq } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { registryVersions } from './schema.ts';

export class VersionedCache<V> {
  private version = -1;
  private readonly entries = new Map<string, V>();

  constructor(private readonly maxEntries: number) {}

  get(version: number, key: string): V | undefined {
    if (version !== this.version) return undefined;
    const hit = this.entries.get(key);
    if (hit !== undefined) {
      // Map order is insertion order: re-inserting keeps the most used at the end.
      this.entries.delete(key);
      this.entries.set(key, hit);
    }
    return hit;
  }

  set(version: number, key: string, value: V): void {
    if (this.maxEntries === 0 || version < this.version) return;
    if (version > this.version) {
      this.entries.clear();
      this.version = version;
    }
    this.entries.set(key, value);
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
  }
}

const versionQueries = new WeakMap<Db, ReturnType<typeof prepareVersionQuery>>();
const prepareVersionQuery = (db: Db) =>
  db.select({ version: registryVersions.version }).from(registryVersions).where(eq(registryVersions.id, 1)).prepare('registry_version');

export async function registryVersion(db: Db): Promise<number> {
  let query = versionQueries.get(db);
  if (!query) versionQueries.set(db, (query = prepareVersionQuery(db)));
  const [row] = await query.execute();
  return row?.version ?? 0;
}
