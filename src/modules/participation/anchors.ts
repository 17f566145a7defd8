// The anchor log: an append-only file outside the database (DATA_DIR/anchors/
// ballot-heads.log) with one JSON line per ballot opened or closed, carrying
// the signed chain head. Each line also carries the SHA-256 of the line before
// it, so the log is itself a chain. Whoever can rewrite the database cannot
// take back what this file remembers, and a rewritten ballot's head no longer
// matches its line here.
import { createHash } from 'node:crypto';
import { closeSync, fstatSync, fsyncSync, mkdirSync, openSync, readSync, statSync, unlinkSync, writeSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as wait } from 'node:timers/promises';
import { GENESIS } from './chain.ts';

export interface AnchorEntry {
  event: 'open' | 'close';
  ballotId: string;
  position: number;
  head: string;
  signature: string;
  keyId: string;
  at: string;
}

/** A line as stored: the entry, the hash of the previous line, and the hash of this line (over its text). */
export interface AnchorLine extends AnchorEntry {
  prev: string;
  lineHash: string;
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** One ballot's lines: its opening, and its close (the last one, should a close's transaction have failed after its line). */
interface Anchored {
  open?: AnchorLine;
  close?: AnchorLine;
}

export class AnchorLog {
  readonly file: string;
  private readonly lock: string;
  private readonly index = new Map<string, Anchored>();
  private readOffset = 0;
  private partial = '';
  private lastHash = GENESIS;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(dataDir: string) {
    this.file = path.join(dataDir, 'anchors', 'ballot-heads.log');
    this.lock = `${this.file}.lock`;
  }

  /** What the log says of a ballot, reading only the lines appended since the last look. */
  find(ballotId: string): Anchored {
    this.catchUp();
    return this.index.get(ballotId) ?? {};
  }

  /** Appends one line: serialised in this process by a queue and across processes by a lock file. */
  append(entry: AnchorEntry): Promise<AnchorLine> {
    const next = this.queue.then(() => this.appendLocked(entry));
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async appendLocked(entry: AnchorEntry): Promise<AnchorLine> {
    mkdirSync(path.dirname(this.file), { recursive: true });
    await this.acquire();
    try {
      this.catchUp(); // another process may have appended: chain onto its line
      const text = JSON.stringify({ v: 1, ...entry, prev: this.lastHash });
      const fd = openSync(this.file, 'a', 0o644); // O_APPEND: never over anything written before
      try {
        writeSync(fd, `${text}\n`);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      this.catchUp();
      return this.index.get(entry.ballotId)![entry.event]!;
    } finally {
      unlinkSync(this.lock);
    }
  }

  /** A lock file made with O_EXCL; one left by a process that died holding it is taken over after 10 s. */
  private async acquire(): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        closeSync(openSync(this.lock, 'wx'));
        return;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
        try {
          if (Date.now() - statSync(this.lock).mtimeMs > 10_000) unlinkSync(this.lock);
        } catch {
          // gone meanwhile: try again
        }
        if (attempt > 2000) throw new Error(`the anchor log stays locked: ${this.lock}`);
        await wait(5);
      }
    }
  }

  private catchUp(): void {
    let fd: number;
    try {
      fd = openSync(this.file, 'r');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw err;
    }
    try {
      const size = fstatSync(fd).size;
      if (size <= this.readOffset) return;
      const buf = Buffer.alloc(size - this.readOffset);
      const n = readSync(fd, buf, 0, buf.length, this.readOffset);
      this.readOffset += n;
      const lines = (this.partial + buf.subarray(0, n).toString('utf8')).split('\n');
      this.partial = lines.pop()!;
      for (const text of lines) if (text) this.take(text);
    } finally {
      closeSync(fd);
    }
  }

  private take(text: string): void {
    const parsed = JSON.parse(text) as AnchorEntry & { prev: string };
    const line: AnchorLine = { ...parsed, lineHash: sha256(text) };
    this.lastHash = line.lineHash;
    const seen = this.index.get(line.ballotId) ?? {};
    seen[line.event] = line;
    this.index.set(line.ballotId, seen);
  }
}

/** Checks the log's own chain: every line names the hash of the line before it. */
export function verifyLogText(text: string): { ok: boolean; lines: number; brokenAt?: number } {
  const lines = text.split('\n').filter(Boolean);
  let prev = GENESIS;
  for (const [i, line] of lines.entries()) {
    const parsed = JSON.parse(line) as { prev?: string };
    if (parsed.prev !== prev) return { ok: false, lines: lines.length, brokenAt: i + 1 };
    prev = sha256(line);
  }
  return { ok: true, lines: lines.length };
}

const logs = new Map<string, AnchorLog>();
/** One log object per file in a process, so its index is read once. */
/** An anchored close as the API answers it: the signed head and where the log keeps it. */
export const publicAnchor = (a: AnchorLine | undefined) =>
  a ? { position: a.position, head: a.head, signature: a.signature, keyId: a.keyId, at: a.at, lineHash: a.lineHash } : null;

export function anchorLog(dataDir: string): AnchorLog {
  let log = logs.get(dataDir);
  if (!log) logs.set(dataDir, (log = new AnchorLog(dataDir)));
  return log;
}
