import * as assert from 'assert';
import * as vscode from 'vscode';
import { endSuite, resetBetweenTests, startSuite } from './helpers';
import { chatRequests, setSetting } from './hostSim';
import { diskText, fileUri, restoreFile } from './reviewHelpers';
import type { Simulator, SimToolCall } from '../../sim/types';
import type { ExtensionApi } from '../../../src/extension';
import type { EditingResult } from '../../../src/vscode/commands/editingRunner';
import type { TurnStep } from '../../../src/shared/turnEvents';

const ADVISOR = 'sim-advisor';
const PRICE = { input: 3, output: 15 };
const ADVISOR_SETTINGS = ['advisor.enabled', 'advisor.model', 'advisor.pricePerMillionTokens', 'advisor.timeoutSeconds', 'advisor.maxCallsPerTask'];
const tool = (name: string, args: object): SimToolCall => ({ name, arguments: JSON.stringify(args) });
const LOOP = '    total += item.unitPrice * item.quantity;';
const GOOD_EDIT = tool('edit_file', { path: 'commands/cart.ts', edits: [{ search: LOOP, replace: '    total += lineTotal(item);' }] });

type Body = { model: string; messages: Array<{ role: string; content: unknown }>; tools?: Array<{ function: { name: string } }> };
const bodies = (sim: Simulator) => chatRequests(sim).map((r) => ({ advisor: r.advisor === true, body: r.body as Body }));
const lastText = (body: Body) => String(body.messages.at(-1)!.content);

describe('advisor: Flash executes, a stronger model advises', function () {
  this.timeout(90_000);
  let api: ExtensionApi;
  let sim: Simulator;
  let original: string;

  const advisorSteps = (): TurnStep[] => api.chat.current.turns.at(-1)!.steps.filter((s) => s.kind === 'advisor');
  const refactor = async (instructions: string): Promise<EditingResult> => {
    await vscode.window.showTextDocument(fileUri('commands/cart.ts'));
    return vscode.commands.executeCommand<EditingResult>('stepFlash.refactor', { instructions });
  };
  const advisorOn = async (extra: Record<string, unknown> = {}) => {
    await setSetting('advisor.enabled', true);
    await setSetting('advisor.model', ADVISOR);
    await setSetting('advisor.pricePerMillionTokens', PRICE);
    for (const [key, value] of Object.entries(extra)) await setSetting(key, value);
  };

  before(async () => {
    ({ api, sim } = await startSuite({ advisor: true }));
    original = (await diskText('commands/cart.ts'))!;
  });
  beforeEach(() => resetBetweenTests(api, sim, 'sk-global-test'));
  afterEach(async () => {
    for (const set of [...api.review.sets]) set.dispose();
    for (const key of ADVISOR_SETTINGS) await setSetting(key, undefined);
    await restoreFile('commands/cart.ts', original);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
  after(() => endSuite(api, sim));

  it('advisor: a Refactor plans through the advisor first, and the plan step shows its own tokens and dollars', async () => {
    await advisorOn();
    const before = api.provider.costs.session();
    sim.enqueue({ toolCalls: [tool('read_file', { path: 'commands/format.ts' })] }, { content: 'Done as planned.', toolCalls: [GOOD_EDIT] });
    const result = await refactor('extract the line total');
    assert.strictEqual(result.turn.status, 'done');
    assert.strictEqual(result.proposal?.kind, 'proposed');

    const sent = bodies(sim);
    assert.deepStrictEqual(sent.map((s) => [s.advisor, s.body.model]), [[true, ADVISOR], [false, 'step-3.7-flash'], [false, 'step-3.7-flash']]);
    assert.strictEqual(sent[0]!.body.tools, undefined, 'the advisor is offered no tools: it never edits');
    assert.match(lastText(sent[0]!.body), /numbered plan[\s\S]*Task: [\s\S]*extract the line total[\s\S]*commands\/cart\.ts/);
    assert.match(lastText(sent[1]!.body), /^Plan from the advisor \(sim-advisor\)[\s\S]*1\. Read/, 'the executor gets the plan');
    assert.ok(sent[1]!.body.tools!.some((t) => t.function.name === 'ask_advisor'), 'the executor may ask the advisor');

    const [plan] = advisorSteps();
    assert.strictEqual(plan!.title, 'Advisor · sim-advisor · asked for a plan');
    assert.match(plan!.detail!, /^1\. Read/);
    const usage = plan!.usage!;
    assert.ok(usage.promptTokens > 0 && usage.completionTokens > 0, JSON.stringify(usage));
    const expected = (usage.promptTokens * PRICE.input + usage.completionTokens * PRICE.output) / 1_000_000;
    assert.ok(Math.abs(usage.costUsd - expected) < 1e-12, `${usage.costUsd} is the advisor's price for its tokens (${expected})`);
    const turnUsage = api.chat.current.turns.at(-1)!.usage!;
    assert.ok(turnUsage.costUsd > usage.costUsd && turnUsage.promptTokens > usage.promptTokens, 'the turn total includes the advisor and the executor');
    const after = api.provider.costs.session();
    assert.strictEqual((after.requests ?? 0) - (before.requests ?? 0), 3, 'the session cost counts the advisor request too');
    assert.ok(after.costUsd - before.costUsd >= usage.costUsd);
    const bill = api.provider.costs.byTask().find((t) => t.id === result.turn.turnId);
    assert.deepStrictEqual([...bill!.models].sort(), [ADVISOR, 'step-3.7-flash'], "the task's bill names the advisor beside the executor");
  });

  it('advisor: a failed repair turn consults the advisor, and the repair retried with its advice places', async () => {
    await advisorOn();
    sim.enqueue(
      { content: 'Changed the loop.', toolCalls: [tool('edit_file', { path: 'commands/cart.ts', edits: [{ search: 'const nothingLikeThis = 42;', replace: 'x' }] })] },
      // The repair turn: still a passage that is not in the file.
      { content: ['commands/cart.ts', '<<<<<<< SEARCH', 'const stillNotHere = 1;', '=======', 'x', '>>>>>>> REPLACE'].join('\n') },
      // The repair retried with the advisor's advice.
      { content: ['commands/cart.ts', '<<<<<<< SEARCH', LOOP, '=======', '    total += lineTotal(item);', '>>>>>>> REPLACE'].join('\n') },
    );
    sim.enqueueAdvisor({ content: 'Plan: change the loop in cartTotal.' }, { content: 'Copy the loop line exactly: `total += item.unitPrice * item.quantity;`.' });
    const result = await refactor('use lineTotal in the loop');
    assert.strictEqual(result.proposal?.kind, 'proposed');
    const set = result.proposal.kind === 'proposed' ? result.proposal.set : undefined;
    assert.deepStrictEqual(set!.files.map((f) => [f.path, f.status]), [['commands/cart.ts', 'modified']], set!.files[0]?.reason);
    assert.deepStrictEqual(advisorSteps().map((s) => s.title), ['Advisor · sim-advisor · asked for a plan', 'Advisor · sim-advisor · the repair turn failed']);
    const repairs = bodies(sim).filter((s) => !s.advisor && lastText(s.body).startsWith('Some of your edits'));
    assert.strictEqual(repairs.length, 2);
    assert.match(lastText(repairs[1]!.body), /Advice from the advisor \(sim-advisor\):\nCopy the loop line exactly/);
    const askedAboutRepair = bodies(sim).filter((s) => s.advisor)[1]!;
    assert.match(lastText(askedAboutRepair.body), /repair turn failed too[\s\S]*Current text of `commands\/cart.ts`/);
    set!.acceptAll();
    assert.ok((await set!.apply()).ok);
  });

  it('advisor: the executor calls ask_advisor and gets the answer as the tool result, within the per-task limit', async () => {
    await advisorOn({ 'advisor.maxCallsPerTask': 2 });
    sim.enqueue(
      { toolCalls: [tool('ask_advisor', { question: 'Should lineTotal live in its own module?', context: 'cartTotal multiplies unitPrice by quantity' })] },
      { toolCalls: [tool('ask_advisor', { question: 'And the tests?' })] },
      { content: 'Done.', toolCalls: [GOOD_EDIT] },
    );
    sim.enqueueAdvisor({ content: 'Plan: one step.' }, { content: 'Yes: a pricing module.' });
    const result = await refactor('extract the line total');
    assert.strictEqual(result.proposal?.kind, 'proposed');
    const sent = bodies(sim);
    assert.deepStrictEqual(sent.map((s) => s.advisor), [true, false, true, false, false], 'the third consultation is over the limit and never sent');
    assert.match(lastText(sent[2]!.body), /Should lineTotal live in its own module\?[\s\S]*cartTotal multiplies unitPrice by quantity/);
    const toolResults = sent[4]!.body.messages.filter((m) => m.role === 'tool').map((m) => String(m.content));
    assert.deepStrictEqual(toolResults, ['Advice from the advisor (sim-advisor):\nYes: a pricing module.', 'The advisor could not be consulted (the limit of 2 advisor call(s) for this task was reached (stepFlash.advisor.maxCallsPerTask)). Continue on your own.']);
    assert.deepStrictEqual(advisorSteps().map((s) => s.title), ['Advisor · sim-advisor · asked for a plan', 'Advisor · sim-advisor · the executor asked', 'Advisor · sim-advisor · the executor asked — not asked']);
  });

  it('advisor: a 401 from the advisor leaves the task working, with a step that says why', async () => {
    await advisorOn();
    sim.enqueueAdvisor({ fault: { kind: 'status', status: 401 } });
    sim.enqueue({ content: 'Done alone.', toolCalls: [GOOD_EDIT] });
    const result = await refactor('extract the line total');
    assert.strictEqual(result.turn.status, 'done');
    assert.strictEqual(result.proposal?.kind, 'proposed', 'the executor went on without a plan');
    const [step] = advisorSteps();
    assert.strictEqual(step!.title, 'Advisor · sim-advisor · asked for a plan — unavailable');
    assert.match(step!.detail!, /could not be consulted: .*(401|key)[\s\S]*goes on without it/i);
    assert.strictEqual(step!.usage, undefined);
    assert.doesNotMatch(lastText(bodies(sim).find((s) => !s.advisor)!.body), /Plan from the advisor/);
  });

  it('advisor: an advisor slower than its timeout leaves the task working, with a step that says so', async () => {
    await advisorOn({ 'advisor.timeoutSeconds': 1 });
    sim.enqueueAdvisor({ content: 'too late', firstByteDelayMs: 6_000 });
    sim.enqueue({ content: 'Done alone.', toolCalls: [GOOD_EDIT] });
    const result = await refactor('extract the line total');
    assert.strictEqual(result.turn.status, 'done');
    assert.strictEqual(result.proposal?.kind, 'proposed');
    const [step] = advisorSteps();
    assert.match(step!.title, /— unavailable$/);
    assert.match(step!.detail!, /no answer within 1 s \(stepFlash\.advisor\.timeoutSeconds\)/);
  });

  it('advisor: /advise asks the advisor about the chat, and the model answers with the advice', async () => {
    await advisorOn();
    sim.enqueueAdvisor({ content: 'Cache the total.' });
    sim.enqueue({ content: 'Following the advice: cache the total.' });
    await api.router.handle({ type: 'send', sendId: 'a1', text: '/advise how do I make cartTotal faster?', effort: 'auto', attachments: [], chips: [] });
    const sent = bodies(sim);
    assert.deepStrictEqual(sent.map((s) => s.advisor), [true, false]);
    assert.match(lastText(sent[0]!.body), /how do I make cartTotal faster\?/);
    assert.match(lastText(sent[1]!.body), /^Advice from the advisor \(sim-advisor\):\nCache the total\./);
    const turn = api.chat.current.turns.at(-1)!;
    assert.strictEqual(turn.text, 'Following the advice: cache the total.');
    assert.deepStrictEqual(advisorSteps().map((s) => [s.title, s.detail, s.usage!.costUsd > 0]), [['Advisor · sim-advisor · you asked (/advise)', 'Cache the total.', true]]);
  });

  it('advisor: Ask the Advisor on a failed answer asks about the failure, and the model answers with the advice', async () => {
    await advisorOn();
    sim.enqueue({ fault: { kind: 'status', status: 400, message: 'upstream exploded' } });
    await api.router.handle({ type: 'send', sendId: 'a3', text: 'why is cartTotal slow?', effort: 'auto', attachments: [], chips: [] });
    const failed = api.chat.current.turns.at(-1)!;
    assert.strictEqual(failed.status, 'error');
    sim.enqueueAdvisor({ content: 'Retry with a smaller question.' });
    sim.enqueue({ content: 'Here is a smaller answer.' });
    await api.router.handle({ type: 'advise', turnId: failed.id });
    const advised = bodies(sim).filter((s) => s.advisor);
    assert.strictEqual(advised.length, 1);
    assert.match(lastText(advised[0]!.body), /The last attempt failed: [^\n]*upstream exploded[\s\S]*What should be done instead\?/);
    const turn = api.chat.current.turns.at(-1)!;
    assert.strictEqual(turn.user.text, '/advise — Ask the Advisor about the answer above');
    assert.strictEqual(turn.text, 'Here is a smaller answer.');
    assert.deepStrictEqual(advisorSteps().map((s) => s.title), ['Advisor · sim-advisor · you asked (/advise)']);
  });

  it('advisor: off, no advisor request is ever sent — not for a Refactor, not for /advise — and no advisor tool is offered', async () => {
    await setSetting('advisor.model', ADVISOR);
    sim.enqueue({ toolCalls: [tool('read_file', { path: 'commands/format.ts' })] }, { content: 'Done.', toolCalls: [GOOD_EDIT] }, { content: 'An answer without advice.' });
    const result = await refactor('extract the line total');
    assert.strictEqual(result.proposal?.kind, 'proposed');
    assert.deepStrictEqual(advisorSteps(), []);
    await api.router.handle({ type: 'send', sendId: 'a2', text: '/advise what next?', effort: 'auto', attachments: [], chips: [] });
    const [note] = advisorSteps();
    assert.strictEqual(note!.title, 'Advisor · not asked');
    assert.match(note!.detail!, /The advisor is off: turn on stepFlash\.advisor\.enabled/);
    const sent = bodies(sim);
    assert.strictEqual(sent.length, 3);
    assert.deepStrictEqual(sent.filter((s) => s.advisor || s.body.model !== 'step-3.7-flash'), []);
    for (const s of sent) assert.ok(!(s.body.tools ?? []).some((t) => t.function.name === 'ask_advisor'));
  });
});
