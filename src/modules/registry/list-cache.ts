// A cache of compound list pages. Every write to compounds fires a trigger that
// NOTIFYs `registry_version`; each process listens, and any notification, any
// write of its own, or any gap in listening moves its generation on, which
// empties the cache. While not listening, nothing is cached.
import type { AppContext } from '../../platform/context.ts';
import type { Db } from '../../platform/db/client.ts';

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

class RegistryGeneration {
  private generation = 0;
  private live = false;

  constructor(ctx: AppContext) {
    ctx.database.notifications.subscribe('registry_version', {
      onNotify: () => this.generation++,
      onReset: (live) => {
        this.live = live;
        this.generation++;
      },
    });
  }

  /** The generation to key cached pages by, or undefined when nothing may be cached. */
  current(): number | undefined {
    return this.live ? this.generation : undefined;
  }

  bump(): void {
    this.generation++;
  }
}

const generations = new WeakMap<Db, RegistryGeneration>();

function generationOf(ctx: AppContext): RegistryGeneration {
  let g = generations.get(ctx.db);
  if (!g) generations.set(ctx.db, (g = new RegistryGeneration(ctx)));
  return g;
}

export function registryGeneration(ctx: AppContext): number | undefined {
  return ctx.env.LIST_CACHE_ENTRIES ? generationOf(ctx).current() : undefined;
}

/** Called after this process commits a write to compounds, so its next read is fresh without waiting for the notification. */
export function compoundsWritten(ctx: AppContext): void {
  generations.get(ctx.db)?.bump();
}
