import * as assert from 'assert';
import { adviseQuestion, adviseRequest, advisorCostUsd, advisorReadiness, clip, parsePrice, RepeatedToolErrors, transcript, type AdvisorSettings } from '../../../src/core/advisor';

const ON: AdvisorSettings = { enabled: true, provider: 'openrouter', model: 'some/big-model', maxCallsPerTask: 3, timeoutSeconds: 60 };

describe('advisor settings', () => {
  it('is ready only when on, with a model and a positive limit, and says which setting is wrong', () => {
    assert.deepStrictEqual(advisorReadiness(ON), { ok: true });
    assert.deepStrictEqual(advisorReadiness({ ...ON, enabled: false }), { ok: false, reason: 'The advisor is off (stepFlash.advisor.enabled).' });
    assert.match(JSON.stringify(advisorReadiness({ ...ON, model: ' ' })), /stepFlash.advisor.model is empty/);
    assert.match(JSON.stringify(advisorReadiness({ ...ON, model: 'a b' })), /contains spaces/);
    assert.match(JSON.stringify(advisorReadiness({ ...ON, maxCallsPerTask: 0 })), /maxCallsPerTask is below 1/);
    const unknown = advisorReadiness({ ...ON, provider: 'nowhere' as never });
    assert.strictEqual(unknown.ok ? '' : unknown.reason, 'stepFlash.advisor.provider "nowhere" is not a provider Step Flash knows.');
  });

  it('reads a price only when both figures are non-negative numbers', () => {
    assert.deepStrictEqual(parsePrice({ input: 3, output: 15 }), { inputPerM: 3, outputPerM: 15 });
    assert.strictEqual(parsePrice({ input: 3 }), undefined);
    assert.strictEqual(parsePrice({ input: -1, output: 2 }), undefined);
    assert.strictEqual(parsePrice(null), undefined);
  });

  it('prices a request: the known figure first, else the price setting, else unknown', () => {
    const usage = { promptTokens: 2_000_000, completionTokens: 100_000 };
    assert.strictEqual(advisorCostUsd(0.5, usage, { inputPerM: 3, outputPerM: 15 }), 0.5);
    assert.strictEqual(advisorCostUsd(undefined, usage, { inputPerM: 3, outputPerM: 15 }), 7.5);
    assert.strictEqual(advisorCostUsd(undefined, usage, undefined), undefined);
    assert.strictEqual(advisorCostUsd(undefined, undefined, { inputPerM: 3, outputPerM: 15 }), undefined);
  });
});

describe('advisor prompts', () => {
  it('recognises /advise with and without a question, and nothing else', () => {
    assert.strictEqual(adviseRequest('/advise why does this fail?'), 'why does this fail?');
    assert.strictEqual(adviseRequest('  /ADVISE'), '');
    assert.strictEqual(adviseRequest('/advisers are'), undefined);
    assert.strictEqual(adviseRequest('please /advise'), undefined);
  });

  it('asks Ask the Advisor\'s question about a failure when the answer failed, else about the answer', () => {
    assert.strictEqual(adviseQuestion({ status: 'error', error: { title: 'Server error (500)', message: 'The server failed.' } }), 'The last attempt failed: Server error (500): The server failed. What should be done instead?');
    assert.match(adviseQuestion({ status: 'done' }), /^The user is not satisfied with the last answer/);
  });

  it('renders the exchange for the advisor: tool calls and results, images named, no system prompt', () => {
    const text = transcript([
      { role: 'system', content: 'SECRET SYSTEM' },
      { role: 'user', content: [{ type: 'text', text: 'Make this' }, { type: 'image_url', image_url: { url: 'data:image/png;base64,AAAA' } }] },
      { role: 'assistant', content: null, tool_calls: [{ id: '1', type: 'function', function: { name: 'read_file', arguments: '{"path":"a.ts"}' } }] },
      { role: 'tool', tool_call_id: '1', content: 'x'.repeat(50) },
    ], 20);
    assert.doesNotMatch(text, /SECRET SYSTEM|base64/);
    assert.match(text, /## User\nMake this\n\[an image the executor can see\]/);
    assert.match(text, /- called read_file\(\{"path":"a.ts"\}\)/);
    assert.match(text, /## Tool result\nx{8}\n… \[30 characters left out\] …\nx{12}/);
  });

  it('clips long context keeping its start and end', () => {
    const clipped = clip(`START${'-'.repeat(1000)}END`, 100);
    assert.ok(clipped.startsWith('START') && clipped.endsWith('END'));
    assert.match(clipped, /\[908 characters left out\]/);
  });
});

describe('RepeatedToolErrors', () => {
  it('reports the same error of the same tool exactly once, on its second time', () => {
    const watch = new RepeatedToolErrors();
    assert.strictEqual(watch.repeated('read_file', 'Error: no such file a.ts'), false);
    assert.strictEqual(watch.repeated('search_text', 'Error: no such file a.ts'), false);
    assert.strictEqual(watch.repeated('read_file', 'contents'), false);
    assert.strictEqual(watch.repeated('read_file', 'contents'), false);
    assert.strictEqual(watch.repeated('read_file', 'Error: no such file a.ts'), true);
    assert.strictEqual(watch.repeated('read_file', 'Error: no such file a.ts'), false);
  });
});
