// Background jobs in PostgreSQL: a row per job with its progress, so any
// copy of the server can answer "how far along is it". The work itself runs
// in the process that accepted it; a job found running at start-up was cut
// off by a crash, and its own transaction has rolled back, so it is failed.
import { eq } from 'drizzle-orm';
import type { Db } from './db/client.ts';
import { uuidv7 } from './ids.ts';
import { Problem } from './http/problem.ts';
import { jobs } from './schema.ts';

export interface Progress {
  (done: number, total: number): void;
}

export async function startJob<T>(
  db: Db,
  kind: string,
  createdBy: string | null,
  params: Record<string, unknown>,
  work: (progress: Progress) => Promise<T>,
): Promise<string> {
  const id = uuidv7();
  await db.insert(jobs).values({ id, kind, status: 'running', params, createdBy });
  let last = 0;
  // Progress writes go out one after another, and the final status waits for
  // them: a late progress write must never land after (or be lost behind) it.
  let written: Promise<unknown> = Promise.resolve();
  const write = (values: Partial<typeof jobs.$inferInsert>) => {
    written = written.then(() => db.update(jobs).set(values).where(eq(jobs.id, id))).catch(() => undefined);
    return written;
  };
  const progress: Progress = (done, total) => {
    const now = Date.now();
    if (now - last < 250 && done < total) return;
    last = now;
    void write({ progressDone: done, progressTotal: total });
  };
  setImmediate(() => {
    void work(progress).then(
      (result) => write({ status: 'succeeded', result, finishedAt: new Date() }),
      (err: unknown) => {
        const error =
          err instanceof Problem ? err.body() : { title: 'Internal Server Error', detail: 'The job failed; see the server log.' };
        return write({ status: 'failed', error, finishedAt: new Date() });
      },
    );
  });
  return id;
}

export async function getJob(db: Db, id: string) {
  const [row] = await db.select().from(jobs).where(eq(jobs.id, id)).limit(1);
  return row;
}

export async function failInterruptedJobs(db: Db): Promise<number> {
  const rows = await db
    .update(jobs)
    .set({
      status: 'failed',
      error: { title: 'Interrupted', detail: 'The server stopped while this job ran; nothing of it was written.' },
      finishedAt: new Date(),
    })
    .where(eq(jobs.status, 'running'))
    .returning({ id: jobs.id });
  return rows.length;
}
