// Waiting for a condition in tests, bounded: polls a check until it answers something truthy, instead of sleeping
// for a guessed time. Fails naming what it waited for.
export async function until<T>(
  what: string,
  fn: () => Promise<T | false | undefined | null> | T | false | undefined | null,
  ms = 20_000,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
