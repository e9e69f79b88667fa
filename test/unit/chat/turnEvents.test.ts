import * as assert from 'assert';
import { reduceLog, reduceTurn, replayTurn, TurnEvent as TurnEventSchema, type TurnEvent, type TurnRecord, type TurnUpdate } from '../../../src/shared/turnEvents';
import type { ErrorView, UsageView } from '../../../src/shared/protocol';

const EFFORT = { level: 'high', reason: 'refactor', source: 'policy' } as const;
const START: TurnEvent = { kind: 'start', turnId: 't1', at: 1_700_000_000_000, user: { text: 'Fix parse', chips: ['Selection: src/a.ts'] }, effort: EFFORT, sendId: 'send-1' };
const USAGE: UsageView = { promptTokens: 1000, completionTokens: 200, cachedTokens: 300, costUsd: 0.0005 };
const ERROR: ErrorView = { title: 'Rate limited (429)', message: 'Too many requests.', traceId: 'req-1', actions: [{ id: 'retry', label: 'Retry' }] };

/** Reduces from a started turn. */
function run(...events: TurnUpdate[]): TurnRecord {
  return reduceLog([START, ...events])!;
}

/** One event of every kind, typed so that a new kind cannot be added without a sample here. */
const SAMPLES: { [K in TurnEvent['kind']]: Extract<TurnEvent, { kind: K }> } = {
  start: START as Extract<TurnEvent, { kind: 'start' }>,
  reasoning: { kind: 'reasoning', text: 'Look at the guard. ' },
  answer: { kind: 'answer', text: 'Guard the empty case.' },
  step: { kind: 'step', step: { id: 's1', kind: 'tool', title: 'Read src/a.ts' } },
  queued: { kind: 'queued', position: 2 },
  retry: { kind: 'retry', secondsLeft: 3, attempt: 2, maxAttempts: 5, reason: 'Rate limited (429)' },
  usage: { kind: 'usage', usage: USAGE },
  stopped: { kind: 'stopped' },
  failed: { kind: 'failed', error: ERROR },
  end: { kind: 'end' },
  notice: { kind: 'notice', notice: { id: 'apply', level: 'info', text: 'Proposed changes to 2 files for review in the Changes view.' } },
  retried: { kind: 'retried', by: 't2' },
};

describe('turn events: reduceTurn', () => {
  it('start opens a streaming turn with the user message, the effort and the time (the send id stays on the wire)', () => {
    assert.deepStrictEqual(reduceTurn(undefined, START), {
      id: 't1',
      createdAt: 1_700_000_000_000,
      user: { text: 'Fix parse', chips: ['Selection: src/a.ts'] },
      effort: EFFORT,
      reasoning: '',
      text: '',
      steps: [],
      status: 'streaming',
    });
  });

  it('reasoning and answer deltas append in order, each to its own text', () => {
    const turn = run({ kind: 'reasoning', text: 'Let me ' }, { kind: 'reasoning', text: 'think.' }, { kind: 'answer', text: 'The ' }, { kind: 'answer', text: 'answer.' });
    assert.deepStrictEqual([turn.reasoning, turn.text, turn.status], ['Let me think.', 'The answer.', 'streaming']);
  });

  it('a step is added; a step with an id already present replaces it in place, the others kept as they were', () => {
    const read = { id: 's1', kind: 'tool', title: 'Read src/a.ts' } as const;
    const advice = { id: 's2', kind: 'advisor', title: 'Advisor · asked for a plan' } as const;
    const before = run({ kind: 'step', step: read }, { kind: 'step', step: advice });
    const done = { ...advice, detail: 'Split parse into two functions.', usage: USAGE };
    const after = reduceTurn(before, { kind: 'step', step: done })!;
    assert.deepStrictEqual(after.steps, [read, done]);
    assert.strictEqual(after.steps[0], before.steps[0], 'an unchanged step is the same object, so a view redraws only the new one');
  });

  it('queued and retry set the waiting line, the latest one wins, and streamed text clears it', () => {
    const queued = run(SAMPLES.queued);
    assert.deepStrictEqual(queued.waiting, { kind: 'queued', position: 2 });
    const retrying = reduceTurn(queued, SAMPLES.retry)!;
    assert.deepStrictEqual(retrying.waiting, SAMPLES.retry);
    assert.ok(!('waiting' in reduceTurn(retrying, { kind: 'answer', text: 'x' })!), 'answer text clears it');
    assert.ok(!('waiting' in reduceTurn(retrying, { kind: 'reasoning', text: 'x' })!), 'reasoning clears it');
    assert.deepStrictEqual(reduceTurn(retrying, SAMPLES.step)!.waiting, SAMPLES.retry, 'a step does not');
  });

  it('usage events, one per request, sum into the turn', () => {
    const turn = run({ kind: 'usage', usage: USAGE }, { kind: 'usage', usage: { promptTokens: 50, completionTokens: 5, cachedTokens: 0, costUsd: 0.0001 } });
    assert.deepStrictEqual(turn.usage, { promptTokens: 1050, completionTokens: 205, cachedTokens: 300, costUsd: 0.0005 + 0.0001 });
    assert.ok(!('usage' in run(SAMPLES.answer)), 'a turn without a finished request has no usage');
  });

  it('stopped keeps the partial text and marks the turn stopped; end leaves it stopped', () => {
    const stopped = run(SAMPLES.retry, { kind: 'answer', text: 'Partial' }, SAMPLES.stopped);
    assert.deepStrictEqual([stopped.status, stopped.text, 'waiting' in stopped], ['stopped', 'Partial', false]);
    assert.strictEqual(reduceTurn(stopped, SAMPLES.end)!.status, 'stopped');
  });

  it('failed keeps the text and records the error; end leaves it failed, and a stop after it changes nothing', () => {
    const failed = run(SAMPLES.queued, { kind: 'answer', text: 'Half' }, SAMPLES.failed);
    assert.deepStrictEqual([failed.status, failed.text, failed.error, 'waiting' in failed], ['error', 'Half', ERROR, false]);
    assert.strictEqual(reduceTurn(failed, SAMPLES.end)!.status, 'error');
    assert.strictEqual(reduceTurn(failed, SAMPLES.stopped)!.status, 'error');
  });

  it('end marks a streaming turn done and clears a waiting line', () => {
    const done = run(SAMPLES.queued, SAMPLES.end);
    assert.deepStrictEqual([done.status, 'waiting' in done, 'error' in done], ['done', false, false]);
  });

  it('a notice belongs to its turn: kept after the turn ends, and one with the same id replaces it in place', () => {
    const apply = SAMPLES.notice.notice;
    const copied = { id: 'diagnostics', level: 'info', text: 'Diagnostics copied.' } as const;
    const turn = run(SAMPLES.end, SAMPLES.notice, { kind: 'notice', notice: copied });
    assert.deepStrictEqual(turn.notices, [apply, copied]);
    const again = reduceTurn(turn, { kind: 'notice', notice: { ...apply, level: 'warning', text: 'No file changes were proposed.' } })!;
    assert.deepStrictEqual(again.notices, [{ ...apply, level: 'warning', text: 'No file changes were proposed.' }, copied], 'Apply pressed twice says it once');
    assert.strictEqual(again.status, 'done');
  });

  it('retried names the turn that answered the message again and leaves the answer as it was', () => {
    const stopped = run({ kind: 'answer', text: 'Partial' }, SAMPLES.stopped, SAMPLES.end);
    const retried = reduceTurn(stopped, SAMPLES.retried)!;
    assert.deepStrictEqual({ ...retried, retriedBy: undefined }, { ...stopped, retriedBy: undefined });
    assert.strictEqual(retried.retriedBy, 't2');
  });

  it('drops an event for a turn that has not started', () => {
    for (const event of Object.values(SAMPLES)) {
      if (event.kind !== 'start') assert.strictEqual(reduceTurn(undefined, event), undefined, event.kind);
    }
    assert.strictEqual(reduceLog([SAMPLES.answer, SAMPLES.end]), undefined);
  });

  it('is pure: the record it is given is never changed', () => {
    const frozen = deepFreeze(run(SAMPLES.step, SAMPLES.queued, SAMPLES.usage));
    for (const event of Object.values(SAMPLES)) assert.doesNotThrow(() => reduceTurn(frozen, event), event.kind);
  });

  it('every sample event is valid on the wire', () => {
    for (const event of Object.values(SAMPLES)) assert.ok(TurnEventSchema.safeParse(event).success, event.kind);
    assert.ok(!TurnEventSchema.safeParse({ kind: 'step', step: { id: 's', kind: 'magic', title: 't' } }).success, 'an unknown step kind is refused');
  });
});

describe('turn events: replayTurn', () => {
  const outcomes: Array<[string, TurnUpdate[]]> = [
    ['a turn still streaming, waiting to retry', [SAMPLES.reasoning, SAMPLES.answer, SAMPLES.step, SAMPLES.usage, SAMPLES.retry]],
    ['a finished turn', [SAMPLES.reasoning, SAMPLES.step, SAMPLES.answer, SAMPLES.usage, SAMPLES.end]],
    ['a stopped turn', [SAMPLES.queued, SAMPLES.reasoning, SAMPLES.stopped, SAMPLES.end]],
    ['a failed turn', [SAMPLES.answer, SAMPLES.failed, SAMPLES.end]],
    ['a turn with every kind of event', Object.values(SAMPLES).filter((e): e is TurnUpdate => e.kind !== 'start')],
  ];
  for (const [name, events] of outcomes) {
    it(`rebuilds ${name} exactly`, () => {
      const record = run(...events);
      assert.deepStrictEqual(reduceLog(replayTurn(record)), record);
    });
  }

  it('replays a finished answer as one event per field, however many deltas made it', () => {
    const deltas: TurnUpdate[] = Array.from({ length: 500 }, (_, i) => ({ kind: 'answer', text: `${i} ` }));
    const events = replayTurn(run(...deltas, SAMPLES.end));
    assert.deepStrictEqual(events.map((e) => e.kind), ['start', 'answer', 'end']);
  });
});

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
