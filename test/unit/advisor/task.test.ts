import * as assert from 'assert';
import { AdvisorTask, ASK_ADVISOR, type AdvisorPort, type AdvisorReply, type AdvisorStepView } from '../../../src/core/advisor';
import type { ChatMessage } from '../../../src/core/provider/types';
import type { UsageView } from '../../../src/shared/turnViews';

const USAGE: UsageView = { promptTokens: 900, completionTokens: 120, cachedTokens: 0, costUsd: 0.0045 };

function sink() {
  const steps: AdvisorStepView[] = [];
  const usages: UsageView[] = [];
  let n = 0;
  return {
    steps,
    usages,
    /** The last state of each step, by id. */
    shown: () => [...new Map(steps.map((s) => [s.id, s])).values()],
    sink: {
      step: (view: AdvisorStepView) => {
        const id = view.id ?? `a${++n}`;
        steps.push({ ...view, id });
        return id;
      },
      usage: (u: UsageView) => usages.push(u),
    },
  };
}

function port(answer: (messages: ChatMessage[], signal: AbortSignal) => Promise<AdvisorReply>) {
  const sent: ChatMessage[][] = [];
  const p: AdvisorPort = {
    model: 'big-model',
    ask: (messages, signal) => {
      sent.push(messages);
      return answer(messages, signal);
    },
  };
  return { p, sent };
}

const reply = (text: string, priced = true): AdvisorReply => ({ text, model: 'big-model', usage: USAGE, priced });

describe('AdvisorTask', () => {
  it('shows a consultation as one advisor step that ends with the advice and its own usage', async () => {
    const s = sink();
    const { p, sent } = port(async () => reply('1. Extract lineTotal.\n2. Use it in cart.ts.'));
    const task = new AdvisorTask(p, { maxCalls: 3, timeoutMs: 5_000 }, s.sink);
    const result = await task.consult({ reason: 'plan', question: 'Refactor: extract the line total', context: 'cart.ts text' });
    assert.strictEqual(result.ok, true);
    assert.match(result.forExecutor, /^Plan from the advisor \(big-model\)/);
    assert.match(result.forExecutor, /Extract lineTotal/);
    const [step] = s.shown();
    assert.strictEqual(step!.title, 'Advisor · big-model · asked for a plan');
    assert.match(step!.detail!, /Extract lineTotal/);
    assert.deepStrictEqual(step!.usage, USAGE);
    assert.deepStrictEqual(s.usages, [USAGE], 'the turn total gets the advisor usage once');
    assert.strictEqual(sent.length, 1);
    assert.strictEqual(sent[0]![0]!.role, 'system');
    assert.match(String(sent[0]![1]!.content), /numbered plan[\s\S]*Task: Refactor: extract the line total[\s\S]*cart.ts text/);
  });

  it('turns a refused key into a step that says why, and tells the executor to go on', async () => {
    const s = sink();
    const refused = Object.assign(new Error('The key was refused by OpenRouter.'), { title: 'API key not valid (401)' });
    const { p } = port(async () => Promise.reject(refused));
    const task = new AdvisorTask(p, { maxCalls: 3, timeoutMs: 5_000 }, s.sink);
    const result = await task.consult({ reason: 'tool', question: 'Which approach?', context: '' });
    assert.strictEqual(result.ok, false);
    assert.match(result.forExecutor, /could not be consulted \(API key not valid \(401\): The key was refused by OpenRouter\.\)\. Continue on your own\./);
    const [step] = s.shown();
    assert.strictEqual(step!.title, 'Advisor · big-model · the executor asked — unavailable');
    assert.match(step!.detail!, /401[\s\S]*goes on without it/);
    assert.deepStrictEqual(s.usages, []);
  });

  it('gives up on an advisor slower than the timeout, aborting its request', async () => {
    const s = sink();
    let aborted = false;
    const { p } = port((_m, signal) => new Promise((_, reject) => signal.addEventListener('abort', () => { aborted = true; reject(new Error('aborted')); })));
    const task = new AdvisorTask(p, { maxCalls: 3, timeoutMs: 20 }, s.sink);
    const result = await task.consult({ reason: 'repair', question: 'q', context: '' });
    assert.strictEqual(result.ok, false);
    assert.match(result.ok ? '' : result.why, /no answer within 0 s \(stepFlash.advisor.timeoutSeconds\)/);
    assert.strictEqual(aborted, true);
    assert.match(s.shown()[0]!.title, /the repair turn failed — unavailable$/);
  });

  it('stops at the per-task limit without sending, and says so once', async () => {
    const s = sink();
    const { p, sent } = port(async () => reply('advice'));
    const task = new AdvisorTask(p, { maxCalls: 2, timeoutMs: 5_000 }, s.sink);
    for (let i = 0; i < 4; i++) await task.consult({ reason: 'tool', question: `q${i}`, context: '' });
    assert.strictEqual(sent.length, 2);
    assert.strictEqual(task.calls, 2);
    const limited = s.shown().filter((st) => / — not asked$/.test(st.title));
    assert.strictEqual(limited.length, 1);
    assert.match(limited[0]!.detail!, /limit of 2 advisor call\(s\)/);
  });

  it('marks advice from a model without a price, and treats an empty answer as no advice', async () => {
    const s = sink();
    const answers = [reply('Use a map.', false), reply('   ')];
    const { p } = port(async () => answers.shift()!);
    const task = new AdvisorTask(p, { maxCalls: 3, timeoutMs: 5_000 }, s.sink);
    assert.strictEqual((await task.consult({ reason: 'user', question: 'q', context: '' })).ok, true);
    assert.match(s.shown()[0]!.detail!, /No price is known for this model/);
    const empty = await task.consult({ reason: 'user', question: 'q', context: '' });
    assert.strictEqual(empty.ok, false);
    assert.match(s.shown()[1]!.title, /— no advice$/);
  });

  it('does not ask once the task was stopped', async () => {
    const s = sink();
    const stop = new AbortController();
    stop.abort();
    const { p, sent } = port(async () => reply('x'));
    const task = new AdvisorTask(p, { maxCalls: 3, timeoutMs: 5_000, signal: stop.signal }, s.sink);
    const result = await task.consult({ reason: 'user', question: 'q', context: '' });
    assert.strictEqual(result.ok, false);
    assert.strictEqual(sent.length, 0);
  });

  it('says the task was stopped when the user stops it during a consultation', async () => {
    const s = sink();
    const stop = new AbortController();
    const { p } = port((_m, signal) => new Promise((_, reject) => signal.addEventListener('abort', () => reject(new Error('Request was aborted.')))));
    const task = new AdvisorTask(p, { maxCalls: 3, timeoutMs: 5_000, signal: stop.signal }, s.sink);
    const pending = task.consult({ reason: 'plan', question: 'q', context: '' });
    stop.abort();
    const result = await pending;
    assert.strictEqual(result.ok ? '' : result.why, 'the task was stopped');
  });

  describe('forAgent', () => {
    it('answers ask_advisor with the chosen context and the user task, and refuses an empty question', async () => {
      const s = sink();
      const { p, sent } = port(async () => reply('Split the function.'));
      const agent = new AdvisorTask(p, { maxCalls: 3, timeoutMs: 5_000 }, s.sink).forAgent();
      assert.strictEqual(agent.tool.function.name, ASK_ADVISOR);
      const messages: ChatMessage[] = [{ role: 'system', content: 'sys' }, { role: 'user', content: 'Refactor cart.ts' }];
      assert.match(await agent.ask({ question: '  ' }, messages), /^Error: ask_advisor needs a non-empty question/);
      assert.strictEqual(sent.length, 0);
      const answer = await agent.ask({ question: 'Map or loop?', context: 'function total() {}' }, messages);
      assert.match(answer, /^Advice from the advisor \(big-model\):\nSplit the function\.$/);
      const asked = String(sent[0]![1]!.content);
      assert.match(asked, /Map or loop\?/);
      assert.match(asked, /The user's task:\nRefactor cart.ts/);
      assert.match(asked, /function total\(\) \{\}/);
      assert.doesNotMatch(asked, /sys/);
    });

    it('returns no advice for a stuck executor when the advisor fails', async () => {
      const s = sink();
      const { p } = port(async () => Promise.reject(new Error('connect ECONNREFUSED')));
      const agent = new AdvisorTask(p, { maxCalls: 3, timeoutMs: 5_000 }, s.sink).forAgent();
      assert.strictEqual(await agent.stuck('step-limit', 'what now?', []), undefined);
      assert.match(s.shown()[0]!.detail!, /ECONNREFUSED/);
    });
  });
});
