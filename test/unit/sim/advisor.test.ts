import * as assert from 'assert';
import { chat, useSimulator, withSimulator } from './helpers';

type Completion = { model: string; choices: Array<{ message: { content: string; tool_calls?: Array<{ function: { name: string } }> } }> };
const json = async (res: Response) => (await res.json()) as Completion & { error?: { message: string } };

describe('simulator: the advisor', () => {
  const sim = useSimulator({ advisor: true });

  it('answers a model id that is not the executor\'s as the advisor, under that id, and marks the request', async () => {
    const res = await chat(sim, { model: 'frontier/any-model-1', messages: [{ role: 'user', content: 'Write a short numbered plan.\n\nTask: refactor src/cart.ts' }] });
    assert.strictEqual(res.status, 200);
    const body = await json(res);
    assert.strictEqual(body.model, 'frontier/any-model-1');
    assert.match(body.choices[0]!.message.content, /^1\. Read `src\/cart.ts`/);
    assert.strictEqual(sim.requests.at(-1)!.advisor, true);
  });

  it('keeps the advisor queue apart from the executor queue, so a scripted ask_advisor turn and its answer interleave', async () => {
    sim.enqueue({ toolCalls: [{ name: 'ask_advisor', arguments: '{"question":"map or loop?"}' }] }, { content: 'executor done' });
    sim.enqueueAdvisor({ content: 'Use a map.' });
    const first = await json(await chat(sim, {}));
    assert.strictEqual(first.choices[0]!.message.tool_calls![0]!.function.name, 'ask_advisor');
    const advice = await json(await chat(sim, { model: 'big' }));
    assert.strictEqual(advice.choices[0]!.message.content, 'Use a map.');
    const last = await json(await chat(sim, {}));
    assert.strictEqual(last.choices[0]!.message.content, 'executor done');
    assert.deepStrictEqual(sim.requests.map((r) => r.advisor === true), [false, true, false]);
  });

  it('scripts an advisor that refuses the key', async () => {
    sim.enqueueAdvisor({ fault: { kind: 'status', status: 401 } });
    const res = await chat(sim, { model: 'big' });
    assert.strictEqual(res.status, 401);
  });
});

describe('simulator: without the advisor', () => {
  it('refuses an unknown model as before', async () => {
    await withSimulator({}, async (sim) => {
      const res = await chat(sim, { model: 'big' });
      assert.strictEqual(res.status, 400);
      assert.match((await json(res)).error!.message, /Model "big" does not exist/);
    });
  });
});
