/**
 * Waits (up to `maxMs`) until the extension host's event loop has been quiet for a
 * while — the host's own extensions done starting — so that a start-up figure times
 * this extension rather than whatever else the host happens to be running. Returns
 * whether it got quiet: on a loaded machine it may not, and the figure says so.
 */
export async function hostQuiet(maxMs = 10_000): Promise<boolean> {
  const deadline = Date.now() + maxMs;
  let calm = 0;
  while (calm < 10) {
    if (Date.now() > deadline) return false;
    const t0 = performance.now();
    await new Promise((resolve) => setTimeout(resolve, 20));
    calm = performance.now() - t0 < 30 ? calm + 1 : 0;
  }
  return true;
}
