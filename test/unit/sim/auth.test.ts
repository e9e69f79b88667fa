import * as assert from 'assert';
import { call, chat, KEYS, useSimulator, withSimulator } from './helpers';

const INVALID_KEY_BODY = { error: { message: 'Incorrect API key provided', type: 'invalid_api_key' } };

describe('simulator: region keys and models', () => {
  const sim = useSimulator();

  it('serves the two regions on different ports of 127.0.0.1', () => {
    assert.match(sim.url('global'), /^http:\/\/127\.0\.0\.1:\d+\/v1$/);
    assert.notStrictEqual(sim.url('global'), sim.url('china'));
    assert.strictEqual(sim.url(), sim.url('global'));
  });

  it('accepts each region key on its own host', async () => {
    assert.strictEqual((await chat(sim, {}, { region: 'global' })).status, 200);
    assert.strictEqual((await chat(sim, {}, { region: 'china' })).status, 200);
  });

  it('refuses a key on the other region with the identical invalid_api_key body', async () => {
    const a = await chat(sim, {}, { region: 'china', key: KEYS.global });
    const b = await chat(sim, {}, { region: 'global', key: KEYS.china });
    assert.strictEqual(a.status, 401);
    assert.strictEqual(b.status, 401);
    const [ta, tb] = [await a.text(), await b.text()];
    assert.strictEqual(ta, tb);
    assert.deepStrictEqual(JSON.parse(ta), INVALID_KEY_BODY);
  });

  it('refuses a missing key and an unknown key, on every endpoint', async () => {
    assert.strictEqual((await chat(sim, {}, { key: null })).status, 401);
    assert.strictEqual((await chat(sim, {}, { key: 'sk-nobody' })).status, 401);
    assert.strictEqual((await call(sim, '/models', undefined, { key: null })).status, 401);
    assert.strictEqual((await call(sim, '/files', undefined, { region: 'china', key: KEYS.global })).status, 401);
  });

  it('keyless, takes a request without a key (vLLM without --api-key) and still refuses a wrong one', async () => {
    await withSimulator({ flavour: 'vllm', keyless: true }, async (s) => {
      assert.strictEqual((await chat(s, { model: 'step3p7-flash' }, { key: null })).status, 200);
      assert.strictEqual((await call(s, '/models', undefined, { key: null })).status, 200);
      assert.strictEqual((await chat(s, { model: 'step3p7-flash' }, { key: 'sk-nobody' })).status, 401);
    });
  });

  it('can send the 401 with an empty body, and take custom keys', async () => {
    await withSimulator({ unauthorizedBody: 'empty', keys: { global: ['sk-mine'] } }, async (s) => {
      const refused = await chat(s, {}, { key: KEYS.global });
      assert.strictEqual(refused.status, 401);
      assert.strictEqual(await refused.text(), '');
      assert.strictEqual((await chat(s, {}, { key: 'sk-mine' })).status, 200);
      assert.strictEqual((await chat(s, {}, { region: 'china' })).status, 200, 'the china default stays');
    });
  });

  it('shapes the 401 body per flavour', async () => {
    await withSimulator({ flavour: 'vllm' }, async (s) => {
      const res = await call(s, '/models', undefined, { key: 'sk-wrong' });
      assert.deepStrictEqual(await res.json(), { object: 'error', message: 'Incorrect API key provided', type: 'Unauthorized', param: null, code: 401 });
    });
  });

  it('lists models and fetches one by id; an unknown id is a 404', async () => {
    const list = (await (await call(sim, '/models')).json()) as { object: string; data: { id: string; object: string; owned_by: string }[] };
    assert.strictEqual(list.object, 'list');
    assert.deepStrictEqual(list.data.map((m) => m.id), ['step-3.7-flash', 'step-3.5-flash', 'step-3.5-flash-2603']);
    assert.ok(list.data.every((m) => m.object === 'model' && m.owned_by === 'stepai'));
    const one = (await (await call(sim, '/models/step-3.7-flash')).json()) as { id: string };
    assert.strictEqual(one.id, 'step-3.7-flash');
    const missing = await call(sim, '/models/gpt-4');
    assert.strictEqual(missing.status, 404);
    assert.match(((await missing.json()) as { error: { message: string } }).error.message, /gpt-4/);
  });

  it('lists each flavour its own model ids, including OpenRouter ids with a slash', async () => {
    await withSimulator({ flavour: 'openrouter' }, async (s) => {
      const list = (await (await call(s, '/models')).json()) as { data: { id: string }[] };
      assert.ok(list.data.some((m) => m.id === 'stepfun/step-3.7-flash'));
      assert.strictEqual((await call(s, '/models/stepfun/step-3.7-flash')).status, 200);
    });
  });

  it('answers unknown paths with 404 and wrong methods with 405, naming them', async () => {
    const res = await call(sim, '/embeddings', { input: 'x' });
    assert.strictEqual(res.status, 404);
    assert.match(((await res.json()) as { error: { message: string } }).error.message, /POST \/v1\/embeddings/);
    const wrong = await call(sim, '/chat/completions');
    assert.strictEqual(wrong.status, 405);
  });
});
