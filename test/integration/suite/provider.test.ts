import * as assert from 'assert';
import * as vscode from 'vscode';
import { endSuite, resetBetweenTests, startSuite } from './helpers';
import { chatRequests, postedEvents, postedTurns, recordPosts, setSetting, startHostSim } from './hostSim';
import { systemClock } from '../../../src/core/provider';
import type { Simulator } from '../../sim/types';
import type { ExtensionApi } from '../../../src/extension';

describe('provider: keys, regions, cost, limits (against the simulator)', function () {
  this.timeout(120_000);
  let api: ExtensionApi;
  let sim: Simulator;

  before(async () => {
    ({ api, sim } = await startSuite({ unauthorizedBody: 'empty' }));
  });
  beforeEach(() => resetBetweenTests(api, sim));
  after(async () => {
    api.provider.useLimiterClock(systemClock);
    await endSuite(api, sim);
  });

  it('Set API Key trims, validates against the chosen region with GET /models, and stores it', async () => {
    const stored = await vscode.commands.executeCommand<boolean>('stepFlash.setApiKey', '  sk-global-test  ');
    assert.strictEqual(stored, true);
    assert.strictEqual(await api.provider.keys.get('stepfun-global'), 'sk-global-test');
    const check = sim.requests.find((r) => r.path.endsWith('/models'));
    assert.ok(check, 'the key was checked');
    assert.strictEqual(check.region, 'global');
    assert.strictEqual(check.headers.authorization, 'Bearer sk-global-test');
    const status = await vscode.commands.executeCommand<string>('stepFlash.showConnectionStatus', false);
    assert.match(status, /API key: stored in SecretStorage/);
    assert.match(status, /Last check: .*key valid/);
    assert.doesNotMatch(status, /sk-global-test/);
  });

  it('refuses an empty or whitespace-only key and a key valid nowhere, storing nothing', async () => {
    assert.strictEqual(await vscode.commands.executeCommand('stepFlash.setApiKey', '   '), false);
    assert.strictEqual(await vscode.commands.executeCommand('stepFlash.setApiKey', 'sk-not-a-key'), false);
    assert.strictEqual(await api.provider.keys.get('stepfun-global'), undefined);
  });

  it('Clear API Key removes the stored key', async () => {
    await api.provider.keys.set('stepfun-global', 'sk-global-test');
    await vscode.commands.executeCommand('stepFlash.clearApiKey');
    assert.strictEqual(await api.provider.keys.get('stepfun-global'), undefined);
  });

  it('warming the network up (as the services do when they load) sends nothing: the first request the server sees is the chat\'s', async () => {
    await api.provider.keys.set('stepfun-global', 'sk-global-test');
    api.provider.warmUp();
    const posts = recordPosts(api);
    try {
      await api.router.handle({ type: 'send', sendId: 's1', text: 'hello there', effort: 'auto', attachments: [], chips: [] });
      assert.strictEqual(postedTurns(posts.messages)[0]?.status, 'done', 'the turn was answered');
    } finally {
      posts.dispose();
    }
    assert.deepStrictEqual(sim.requests.map((r) => `${r.method} ${r.path}`), ['POST /v1/chat/completions']);
  });

  it('region mismatch: a China key on global says so, Switch Region fixes the setting and the retry succeeds', async () => {
    await api.provider.keys.set('stepfun-global', 'sk-china-test');
    const posts = recordPosts(api);
    try {
      await api.router.handle({ type: 'send', sendId: 's1', text: 'hello there', effort: 'auto', attachments: [], chips: [] });
      assert.strictEqual(postedEvents(posts.messages, 'end').length, 1, 'the turn ended');
      const end = postedTurns(posts.messages)[0]!;
      assert.strictEqual(end.status, 'error');
      assert.match(end.error!.message, /This key belongs to the China platform \(api\.stepfun\.com\)/);
      assert.doesNotMatch(end.error!.message, /^401\b|status code \(no body\)/);
      assert.ok(end.error!.actions.some((a) => a.id === 'switchRegion'));
      assert.deepStrictEqual(postedEvents(posts.messages, 'failed').map((f) => f.error), [api.chat.lastError!.error.toView()], 'the client\'s StepError reached the view as it was thrown');
      assert.strictEqual(api.chat.lastError!.error.kind, 'region-mismatch');
      const probe = sim.requests.find((r) => r.region === 'china' && r.path.endsWith('/models'));
      assert.ok(probe, 'the other region was probed once with the same key');

      await api.router.handle({ type: 'errorAction', turnId: end.id, action: 'switchRegion' });
      assert.strictEqual(vscode.workspace.getConfiguration('stepFlash').get('provider'), 'stepfun-china');
      assert.strictEqual(await api.provider.keys.get('stepfun-china'), 'sk-china-test');
      assert.strictEqual(postedTurns(posts.messages).at(-1)!.status, 'done');
      const chats = chatRequests(sim);
      assert.deepStrictEqual(chats.map((r) => r.region), ['global', 'china']);
      assert.match(api.chat.current.turns.at(-1)!.text, /Step API simulator/);
    } finally {
      posts.dispose();
    }
  });

  it('a key valid on neither region says so and offers Set API Key', async () => {
    await api.provider.keys.set('stepfun-global', 'sk-bogus-key');
    const outcome = await api.chat.runTurn({ intent: 'chat', display: 'hi' });
    assert.strictEqual(outcome.status, 'error');
    const error = api.chat.current.turns.at(-1)!.error!;
    assert.match(error.message, /not valid on either/i);
    assert.ok(error.actions.some((a) => a.id === 'setApiKey'));
  });

  it('the status bar shows the session cost and the last task’s bill with its cached share', async () => {
    await api.provider.keys.set('stepfun-global', 'sk-global-test');
    const before = api.provider.costs.session().costUsd;
    sim.enqueue({ content: 'priced answer', promptTokens: 100_000, cachedTokens: 40_000 });
    const outcome = await api.chat.runTurn({ intent: 'chat', display: 'what does this cost?' });
    assert.strictEqual(outcome.status, 'done');
    const usage = api.chat.current.turns.at(-1)!.usage!;
    assert.strictEqual(usage.promptTokens, 100_000);
    assert.strictEqual(usage.cachedTokens, 40_000);
    const expected = (60_000 * 0.2 + 40_000 * 0.04 + usage.completionTokens * 1.15) / 1e6;
    assert.ok(Math.abs(api.provider.costs.session().costUsd - before - expected) < 1e-9);
    assert.match(api.statusBar.text, /^\$\(zap\) \$\d+\.\d+ session · Chat \$\d+\.\d+ \(40% cached\)$/);
    const lines = api.statusBar.breakdown();
    assert.match(lines[0]!, /^Session: /);
    assert.ok(lines.some((l) => /^• Chat — 100,000 in \(40% cached\) · \d+ out · \$0\.\d+$/.test(l)), lines.join('\n'));
    assert.ok(lines.some((l) => /^• step-3\.7-flash — /.test(l)), lines.join('\n'));
  });

  it('a 429 with Retry-After shows a countdown in the chat, then the retry answers', async () => {
    await api.provider.keys.set('stepfun-global', 'sk-global-test');
    sim.enqueue({ fault: { kind: 'status', status: 429, retryAfterSeconds: 1 } }, { content: 'after the wait' });
    const posts = recordPosts(api);
    try {
      await api.router.handle({ type: 'send', sendId: 's1', text: 'busy?', effort: 'auto', attachments: [], chips: [] });
      const retries = postedEvents(posts.messages, 'retry');
      assert.ok(retries.length >= 1, 'the countdown was shown');
      assert.deepStrictEqual([retries[0]!.secondsLeft, retries[0]!.attempt], [1, 2]);
      assert.match(retries[0]!.reason, /rate limit/i);
      assert.strictEqual(postedTurns(posts.messages)[0]!.status, 'done');
      assert.strictEqual(api.chat.current.turns.at(-1)!.text, 'after the wait');
      assert.strictEqual(chatRequests(sim).length, 2);
    } finally {
      posts.dispose();
    }
  });

  it('a 402 says the balance ran out and offers the top-up page and diagnostics, never a bare status', async () => {
    await api.provider.keys.set('stepfun-global', 'sk-global-test');
    sim.enqueue({ fault: { kind: 'status', status: 402 } });
    const outcome = await api.chat.runTurn({ intent: 'chat', display: 'hi' });
    assert.strictEqual(outcome.status, 'error');
    const error = api.chat.current.turns.at(-1)!.error!;
    assert.doesNotMatch(error.message, /^402\b/);
    assert.deepStrictEqual(error.actions.map((a) => a.id).filter((id) => id === 'openTopUp' || id === 'copyDiagnostics').sort(), ['copyDiagnostics', 'openTopUp']);
    assert.strictEqual(chatRequests(sim).length, 1, '402 is never retried');
  });

  it('50 requests under tier V0 all finish, none with a 429 reaching the user', async () => {
    // The simulator enforces V0 (5 concurrent, 10 a minute) on a clock 10× faster, and so does our
    // limiter: the same real code paths, with a minute lasting six seconds. The limiter queues what
    // the tier does not allow; a 429 at a window's edge (the server counts a request a little after
    // we send it) is retried out of sight, so the user sees every answer and no error.
    await sim.close();
    const start = Date.now();
    const scaled = () => start + (Date.now() - start) * 10;
    sim = await startHostSim({ unauthorizedBody: 'empty', tier: 'V0', now: scaled });
    api.provider.useLimiterClock({
      now: scaled,
      setTimeout: (fn, ms) => setTimeout(fn, ms / 10),
      clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
    });
    await setSetting('rateTier', 'V0');
    await api.provider.keys.set('stepfun-global', 'sk-global-test');
    const client = await api.provider.client();
    let queuedSeen = 0;
    let serverRefusals = 0;
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        client.streamChat(
          { messages: [{ role: 'user', content: `request ${i}` }], effort: 'low' },
          { onQueued: () => queuedSeen++, onRetry: () => serverRefusals++ },
        ),
      ),
    );
    assert.strictEqual(results.length, 50);
    assert.ok(results.every((r) => r.content.includes('Step API simulator') && !r.stopped));
    assert.strictEqual(chatRequests(sim).length, 50 + serverRefusals);
    // Without the limiter, 40 of the 50 would be refused at once.
    assert.ok(serverRefusals <= 5, `the limiter kept the server's refusals to the window edges (${serverRefusals})`);
    assert.ok(queuedSeen > 0, 'requests beyond the allowance were queued');
    console.log(`      V0: 50 requests, ${serverRefusals} edge 429(s) retried unseen, ${queuedSeen} queue updates, ${((Date.now() - start) / 1000).toFixed(1)} s`);
  });
});
