/**
 * Run `work` over `items` with at most `concurrency` in flight. The first failure stops new work
 * and is rethrown once the in-flight items settle, so nothing is left running behind the caller.
 */
export async function forEachConcurrent<T>(items: Iterable<T>, concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  const it = items[Symbol.iterator]();
  let failure: { error: unknown } | null = null;
  async function lane() {
    for (let next = it.next(); !next.done && !failure; next = it.next()) {
      try {
        await work(next.value);
      } catch (error) {
        failure ??= { error };
      }
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, lane));
  if (failure) throw (failure as { error: unknown }).error;
}
