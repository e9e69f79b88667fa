import * as assert from 'assert';
import { whenIdle, type IdleOptions, type IdleTimers } from '../../src/core/idle';

/** A clock moved by hand: `advance` fires each due timer, each `busyMs` late when the thread is busy then. */
class HandClock implements IdleTimers {
  private time = 0;
  private next = 1;
  private readonly pending = new Map<number, { at: number; run: () => void }>();
  /** Until this time, a timer fires this much after its time (the thread was running something else). */
  busyUntil = 0;
  busyMs = 0;

  now(): number {
    return this.time;
  }

  setTimeout(run: () => void, ms: number): unknown {
    const id = this.next++;
    this.pending.set(id, { at: this.time + ms, run });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.pending.delete(handle as number);
  }

  get scheduled(): number {
    return this.pending.size;
  }

  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      const [id, due] = [...this.pending.entries()].sort((a, b) => a[1].at - b[1].at)[0] ?? [];
      if (id === undefined || !due) break;
      const late = due.at < this.busyUntil ? this.busyMs : 0;
      if (due.at + late > end) break;
      this.pending.delete(id);
      this.time = due.at + late;
      due.run();
    }
    this.time = end;
  }
}

const OPTIONS: IdleOptions = { afterMs: 1_000, tickMs: 50, lagMs: 15, calmTicks: 4, maxMs: 10_000 };

describe('whenIdle', () => {
  it('runs once, after the start delay and a run of on-time probes, and schedules nothing after', () => {
    const clock = new HandClock();
    let runs = 0;
    whenIdle(() => runs++, OPTIONS, clock);
    clock.advance(999);
    assert.strictEqual(runs, 0, 'not before afterMs');
    clock.advance(1 + 3 * 50);
    assert.strictEqual(runs, 0, 'three calm probes are not enough');
    clock.advance(50);
    assert.strictEqual(runs, 1);
    clock.advance(20_000);
    assert.strictEqual(runs, 1);
    assert.strictEqual(clock.scheduled, 0, 'no timer is left behind');
  });

  it('starts counting again after a late probe, so it runs only once the thread has stayed free', () => {
    const clock = new HandClock();
    let ranAt: number | undefined;
    whenIdle(() => (ranAt = clock.now()), OPTIONS, clock);
    // Busy from 1.0 s to 2.0 s: every probe due then fires 40 ms late.
    clock.busyUntil = 2_000;
    clock.busyMs = 40;
    clock.advance(5_000);
    assert.ok(ranAt !== undefined, 'it ran once the thread was free');
    assert.ok(ranAt >= 2_000 + 3 * 50, `it ran at ${ranAt} ms, before four calm probes after the busy second`);
  });

  it('gives up when the thread never calms down within maxMs', () => {
    const clock = new HandClock();
    let runs = 0;
    whenIdle(() => runs++, OPTIONS, clock);
    clock.busyUntil = Number.POSITIVE_INFINITY;
    clock.busyMs = 30;
    clock.advance(60_000);
    assert.strictEqual(runs, 0);
    assert.strictEqual(clock.scheduled, 0, 'it stopped probing');
  });

  it('a lateness of exactly lagMs still counts as on time', () => {
    const clock = new HandClock();
    let runs = 0;
    whenIdle(() => runs++, OPTIONS, clock);
    clock.advance(1_000);
    clock.busyUntil = Number.POSITIVE_INFINITY;
    clock.busyMs = 15;
    clock.advance(4 * 65);
    assert.strictEqual(runs, 1);
  });

  it('cancelling stops it, before the delay or while probing', () => {
    for (const cancelAt of [500, 1_100]) {
      const clock = new HandClock();
      let runs = 0;
      const cancel = whenIdle(() => runs++, OPTIONS, clock);
      clock.advance(cancelAt);
      cancel();
      clock.advance(20_000);
      assert.strictEqual(runs, 0, `cancelled at ${cancelAt} ms`);
      assert.strictEqual(clock.scheduled, 0);
    }
  });
});
