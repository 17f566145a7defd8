// Precise offline timers: every device's deadline (device_status.offline_at: last seen + heartbeat + grace)
// in a min-heap, with one setTimeout at the earliest, instead of scanning the table on an interval (the
// way a device is noticed late elsewhere). A deadline here is a hint: when one comes due the database is
// asked again (another process may have seen the device since) before the device is declared silent.
// While the broker connection is down, and for each device's heartbeat + grace after it is back, nobody is
// declared silent: devices cannot be heard through a broken broker, and all reconnect at once after it.

export interface OfflineClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const systemClock: OfflineClock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms).unref(),
  clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
};

export interface OfflineHooks {
  /** The devices' current deadlines in the database (absent: no longer online). */
  deadlines(ids: readonly string[]): Promise<Map<string, number>>;
  /** Declares these devices silent at `now` (the alarm engine's devicesSilent). */
  silent(ids: readonly string[], now: Date): Promise<void>;
  /** A device's heartbeat + grace in ms: how long a reconnecting device may take to be heard. */
  silenceMs(id: string): number;
  onError(err: unknown): void;
}

// Timers beyond ~24.8 days overflow setTimeout; a far deadline just wakes early and re-arms.
const MAX_DELAY = 2 ** 31 - 1;

export class OfflineTimers {
  private heap: [number, string][] = [];
  private readonly due = new Map<string, number>();
  private readonly heard = new Map<string, number>();
  private timer: unknown;
  private armedFor = Infinity;
  // Nothing is declared silent before the first connection to the broker (brokerUp).
  private down = true;
  private backAt = -Infinity;
  private running = false;
  private closed = false;

  constructor(
    private readonly hooks: OfflineHooks,
    private readonly clock: OfflineClock = systemClock,
  ) {}

  /**
   * A device's deadline moved (a later deadline replaces an earlier one, never the reverse). `heard`: this
   * process just received it, so the device is connected and needs no grace after a broker restart.
   */
  set(id: string, deadline: number, heard = false): void {
    if (heard) this.heard.set(id, this.clock.now());
    const current = this.due.get(id);
    if (current !== undefined && current >= deadline) return;
    this.due.set(id, deadline);
    // One heap entry per device: a later deadline only updates the map, and the entry moves when it comes up.
    if (current === undefined) this.push(deadline, id);
    this.arm();
  }

  /** Replaces a device's deadline whatever it was (what the database says). */
  private reset(id: string, deadline: number): void {
    this.due.set(id, deadline);
    this.push(deadline, id);
  }

  get size(): number {
    return this.due.size;
  }

  /** The broker connection is lost: hold every deadline. */
  brokerDown(): void {
    this.down = true;
  }

  /** The broker connection is back: each device gets its heartbeat + grace from now to be heard again. */
  brokerUp(): void {
    if (!this.down) return;
    this.down = false;
    this.backAt = this.clock.now();
    this.armedFor = Infinity;
    this.arm();
  }

  close(): void {
    this.closed = true;
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }

  private push(deadline: number, id: string): void {
    const h = this.heap;
    h.push([deadline, id]);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (h[p]![0] <= h[i]![0]) break;
      [h[p], h[i]] = [h[i]!, h[p]!];
      i = p;
    }
  }

  private pop(): [number, string] | undefined {
    const h = this.heap;
    const top = h[0];
    const last = h.pop();
    if (h.length && last) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && h[l]![0] < h[m]![0]) m = l;
        if (r < h.length && h[r]![0] < h[m]![0]) m = r;
        if (m === i) break;
        [h[m], h[i]] = [h[i]!, h[m]!];
        i = m;
      }
    }
    return top;
  }

  /** Moves entries whose deadline was put off to their new place (and drops forgotten ones), so the top is live. */
  private peek(): [number, string] | undefined {
    while (this.heap.length) {
      const top = this.heap[0]!;
      const due = this.due.get(top[1]);
      if (due === top[0]) return top;
      this.pop();
      if (due !== undefined) this.push(due, top[1]);
    }
    return undefined;
  }

  private arm(): void {
    if (this.closed || this.down || this.running) return;
    const top = this.peek();
    if (!top || top[0] >= this.armedFor) return;
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.armedFor = top[0];
    this.timer = this.clock.setTimeout(
      () => {
        this.timer = undefined;
        this.armedFor = Infinity;
        void this.fire();
      },
      Math.min(MAX_DELAY, Math.max(0, top[0] - this.clock.now())),
    );
  }

  private async fire(): Promise<void> {
    if (this.closed || this.down || this.running) return;
    this.running = true;
    const now = this.clock.now();
    const ids: string[] = [];
    try {
      for (let top = this.peek(); top && top[0] <= now; top = this.peek()) {
        this.pop();
        const [deadline, id] = top;
        this.due.delete(id);
        // Not heard since the broker came back: the device has its heartbeat + grace to be heard first.
        const heardBy = this.backAt + this.hooks.silenceMs(id);
        if (heardBy > now && !((this.heard.get(id) ?? -Infinity) >= this.backAt)) this.reset(id, Math.max(deadline, heardBy));
        else ids.push(id);
      }
      if (ids.length) {
        const fresh = await this.hooks.deadlines(ids);
        const silent: string[] = [];
        for (const id of ids) {
          const d = fresh.get(id);
          if (d === undefined) {
            this.heard.delete(id);
            continue;
          }
          if (d > now) this.set(id, d);
          else silent.push(id);
        }
        if (silent.length && !this.down) {
          await this.hooks.silent(silent, new Date(now));
          for (const id of silent) this.heard.delete(id);
        } else if (silent.length) for (const id of silent) this.reset(id, now);
      }
    } catch (err) {
      // The database did not answer: ask again in a second rather than forget these devices.
      for (const id of ids) if (!this.due.has(id)) this.reset(id, now + 1000);
      this.hooks.onError(err);
    } finally {
      this.running = false;
      this.arm();
    }
  }
}
