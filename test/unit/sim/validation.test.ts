import * as assert from 'assert';
import { call, chat, useSimulator, withSimulator } from './helpers';

type ErrorBody = { error: { message: string; type: string } };
const PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

function userParts(...parts: unknown[]): Record<string, unknown> {
  return { messages: [{ role: 'user', content: [{ type: 'text', text: 'look' }, ...parts] }] };
}

async function refusal(res: Response, status = 400): Promise<ErrorBody['error']> {
  assert.strictEqual(res.status, status);
  return ((await res.json()) as ErrorBody).error;
}

describe('simulator: request validation', () => {
  const sim = useSimulator();

  it('names the missing model and messages parameters', async () => {
    const a = await refusal(await call(sim, '/chat/completions', { messages: [{ role: 'user', content: 'x' }] }));
    assert.deepStrictEqual(a, { message: 'model is required', type: 'request_params_invalid' });
    const b = await refusal(await call(sim, '/chat/completions', { model: 'step-3.7-flash' }));
    assert.match(b.message, /^messages is required/);
    const c = await refusal(await chat(sim, { messages: [] }));
    assert.match(c.message, /messages must be a non-empty array/);
  });

  it('refuses an unknown model with a 400 naming it (StepFun) or a 404 (vLLM)', async () => {
    const e = await refusal(await chat(sim, { model: 'step-9-huge' }));
    assert.match(e.message, /step-9-huge/);
    await withSimulator({ flavour: 'vllm' }, async (v) => {
      const res = await chat(v, { model: 'step-9-huge' });
      assert.strictEqual(res.status, 404);
      assert.match(((await res.json()) as { message: string }).message, /step-9-huge/);
    });
  });

  it('refuses reasoning_effort outside low|medium|high, and medium on step-3.5-flash-2603', async () => {
    assert.match((await refusal(await chat(sim, { reasoning_effort: 'max' }))).message, /reasoning_effort.*"max"/);
    assert.strictEqual((await chat(sim, { reasoning_effort: 'high' })).status, 200);
    assert.match((await refusal(await chat(sim, { model: 'step-3.5-flash-2603', reasoning_effort: 'medium' }))).message, /low\|high/);
  });

  it('refuses invalid JSON, bad roles, out-of-range temperature and bad tool names', async () => {
    assert.match((await refusal(await call(sim, '/chat/completions', '{"model":'))).message, /not valid JSON/);
    assert.match((await refusal(await chat(sim, { messages: [{ role: 'robot', content: 'x' }] }))).message, /messages\[0\]\.role/);
    assert.match((await refusal(await chat(sim, { temperature: 3 }))).message, /temperature/);
    const tools = [{ type: 'function', function: { name: 'bad name!', parameters: { type: 'object' } } }];
    assert.match((await refusal(await chat(sim, { tools }))).message, /tools\[0\]\.function\.name/);
    assert.match((await refusal(await chat(sim, { messages: [{ role: 'tool', content: 'r' }] }))).message, /tool_call_id/);
  });

  it('accepts png/jpeg/webp/gif data URLs and http(s) image URLs', async () => {
    assert.strictEqual((await chat(sim, userParts({ type: 'image_url', image_url: { url: PNG, detail: 'high' } }))).status, 200);
    assert.strictEqual((await chat(sim, userParts({ type: 'image_url', image_url: { url: 'https://example.com/a.png' } }))).status, 200);
  });

  it('refuses other image types, broken base64 and unknown stepfile ids', async () => {
    const bmp = await refusal(await chat(sim, userParts({ type: 'image_url', image_url: { url: 'data:image/bmp;base64,AAAA' } })));
    assert.strictEqual(bmp.type, 'unsupported_content_type');
    const broken = await refusal(await chat(sim, userParts({ type: 'image_url', image_url: { url: 'data:image/png;base64,%%%notbase64' } })));
    assert.match(broken.message, /messages\[0\]\.content\[1\]\.image_url\.url.*not valid base64/);
    const unknown = await refusal(await chat(sim, userParts({ type: 'image_url', image_url: { url: 'stepfile://file-nope' } })));
    assert.match(unknown.message, /file-nope/);
  });

  it('accepts mp4 data video on StepFun and refuses video on the other flavours', async () => {
    assert.strictEqual((await chat(sim, userParts({ type: 'video_url', video_url: { url: 'data:video/mp4;base64,AAAAIGZ0eXA=' } }))).status, 200);
    assert.strictEqual((await refusal(await chat(sim, userParts({ type: 'video_url', video_url: { url: 'data:video/webm;base64,AAAA' } })))).type, 'unsupported_content_type');
    await withSimulator({ flavour: 'openrouter' }, async (or) => {
      const res = await chat(or, { model: 'stepfun/step-3.7-flash', ...userParts({ type: 'video_url', video_url: { url: 'https://x/v.mp4' } }) });
      assert.strictEqual(res.status, 400);
      assert.match(((await res.json()) as ErrorBody).error.message, /lacks video/);
    });
  });

  it('refuses turning reasoning off on OpenRouter, as the real endpoint does', async () => {
    await withSimulator({ flavour: 'openrouter' }, async (or) => {
      const res = await chat(or, { model: 'stepfun/step-3.7-flash', reasoning: { enabled: false } });
      assert.strictEqual(res.status, 400);
      assert.match(((await res.json()) as ErrorBody).error.message, /Reasoning is mandatory/);
    });
  });

  it('does not consume a queued reply when the request is refused', async () => {
    sim.enqueue({ content: 'kept for the valid request' });
    await chat(sim, { model: 'nope' });
    const body = (await (await chat(sim)).json()) as { choices: { message: { content: string } }[] };
    assert.strictEqual(body.choices[0].message.content, 'kept for the valid request');
  });
});
