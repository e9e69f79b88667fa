import { cpus } from 'os';

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

/** Idle CPU time of the whole machine (all cores) so far, and the total, in ms. */
function machineTimes(): { idle: number; total: number } {
  let idle = 0;
  let total = 0;
  for (const cpu of cpus()) {
    idle += cpu.times.idle;
    total += cpu.times.user + cpu.times.nice + cpu.times.sys + cpu.times.idle + cpu.times.irq;
  }
  return { idle, total };
}

/**
 * Waits (up to `maxMs`) until the machine has been mostly idle for two half-seconds
 * in a row. Opening a TypeScript file starts its language server, a process apart
 * from the host that can keep a core busy for seconds on a 2-core machine; a user
 * takes longer than that to select code and pick a command, and a figure taken
 * meanwhile times the machine rather than this extension. Returns whether it got
 * quiet; the figure says so.
 */
export async function machineQuiet(maxMs = 20_000, idleShare = 0.75): Promise<boolean> {
  const deadline = Date.now() + maxMs;
  let calm = 0;
  while (calm < 2) {
    if (Date.now() > deadline) return false;
    const before = machineTimes();
    await new Promise((resolve) => setTimeout(resolve, 500));
    const after = machineTimes();
    const share = (after.idle - before.idle) / Math.max(1, after.total - before.total);
    calm = share >= idleShare ? calm + 1 : 0;
  }
  return true;
}
