/**
 * `items.map(work)` with at most `limit` calls in flight, results in input order. The
 * review reads and checks a change set's files together rather than one round trip at a
 * time, without opening hundreds of files at once on a large proposal.
 */
export async function mapLimited<T, R>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
