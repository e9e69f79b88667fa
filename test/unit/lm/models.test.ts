import * as assert from 'assert';
import { CONTEXT_TOKENS } from '../../../src/core/chat/budget';
import { effortFrom, effortSchema, lmErrorText, listedProviders, modelInfo, samplingFrom } from '../../../src/core/lm/models';
import { wireToolNames, withWireNames } from '../../../src/core/lm/toolNames';
import { StepError } from '../../../src/core/provider/errors';
import { resolveProfile } from '../../../src/core/provider/profiles';

describe('language models offered to VS Code', () => {
  it('lists the selected provider always and every other provider with a key, in a fixed order', () => {
    assert.deepStrictEqual(listedProviders('stepfun-global', new Set()), ['stepfun-global']);
    assert.deepStrictEqual(listedProviders('custom', new Set(['openrouter', 'stepfun-china'])), ['stepfun-china', 'openrouter', 'custom']);
  });

  it('describes each entry with its provider, the real limits and what it can take', () => {
    const global = modelInfo(resolveProfile({ provider: 'stepfun-global' }), true);
    assert.strictEqual(global.id, 'stepfun-global:step-3.7-flash');
    assert.strictEqual(global.name, 'Step 3.7 Flash');
    assert.strictEqual(global.family, 'step-3.7-flash');
    assert.strictEqual(global.detail, 'StepFun global');
    assert.ok(global.maxInputTokens + global.maxOutputTokens === CONTEXT_TOKENS);
    assert.deepStrictEqual(global.capabilities, { imageInput: true, toolCalling: true });
    assert.doesNotMatch(global.tooltip, /No API key/);

    const router = modelInfo(resolveProfile({ provider: 'openrouter' }), false);
    assert.strictEqual(router.name, 'Step 3.7 Flash');
    assert.strictEqual(router.version, 'stepfun/step-3.7-flash');
    assert.match(router.tooltip, /No API key is set yet: run "Step Flash: Set API Key"/);

    const textOnly = modelInfo(resolveProfile({ provider: 'custom', baseUrl: 'http://10.0.0.5:8000/v1', model: 'step3p7-flash', vision: false }), false);
    assert.strictEqual(textOnly.detail, 'Custom endpoint (10.0.0.5:8000)');
    assert.strictEqual(textOnly.name, 'Step 3.7 Flash');
    assert.strictEqual(textOnly.capabilities.imageInput, false);
    assert.doesNotMatch(textOnly.tooltip, /No API key/, 'a custom server may need no key');
    assert.strictEqual(modelInfo(resolveProfile({ provider: 'custom', baseUrl: 'http://h:1/v1', model: 'my-finetune' }), false).name, 'my-finetune');
  });

  it('takes the effort from modelOptions, then the model picker, else medium', () => {
    assert.strictEqual(effortFrom(undefined, undefined), 'medium');
    assert.strictEqual(effortFrom({ reasoningEffort: 'high' }, { reasoningEffort: 'low' }), 'high');
    assert.strictEqual(effortFrom({ reasoning_effort: 'LOW' }, undefined), 'low');
    assert.strictEqual(effortFrom({ reasoning: { effort: 'high' } }, undefined), 'high');
    assert.strictEqual(effortFrom({ reasoningEffort: 'extreme' }, { reasoningEffort: 'low' }), 'low', 'an unknown level falls through');
    const schema = effortSchema() as { properties: Record<string, { enum: string[]; default: string }> };
    assert.deepStrictEqual(schema.properties.reasoningEffort!.enum, ['low', 'medium', 'high']);
    assert.strictEqual(schema.properties.reasoningEffort!.default, 'medium');
  });

  it('passes sampling options through under either spelling', () => {
    assert.deepStrictEqual(samplingFrom({ max_tokens: 50, temperature: 0.2, topP: 0.9, other: 1 }), { maxTokens: 50, temperature: 0.2, topP: 0.9 });
    assert.deepStrictEqual(samplingFrom({ maxTokens: '50' }), {});
  });

  it('words errors for consumers without buttons: the wait, the next step and the trace id', () => {
    const limited = new StepError({ kind: 'rate-limited', title: 'Rate limited', message: 'StepFun is limiting requests (429).', retryAfterMs: 30_500, traceId: 't-1', actions: ['retry'] });
    assert.strictEqual(lmErrorText(limited), 'Rate limited: StepFun is limiting requests (429). Wait 31 s before retrying. Trace id t-1.');
    const region = new StepError({ kind: 'region-mismatch', title: 'Key is for the other region', message: 'This key belongs to the China platform.', actions: ['switchRegion', 'setApiKey'], targetProvider: 'stepfun-china' });
    assert.match(lmErrorText(region), /\(Step Flash: run "Step Flash: Choose Provider \/ Region" and pick StepFun China; run "Step Flash: Set API Key"\.\)$/);
    const effort = new StepError({ kind: 'bad-request', title: 'Effort level refused', message: 'm', actions: ['useSupportedEffort', 'stopSendingEffort'], effortRejected: { sent: 'high', supported: ['low', 'medium'] } });
    assert.match(lmErrorText(effort), /pick the effort low or medium in the model options; turn off stepFlash\.customSendEffort/);
  });
});

describe('tool names on the wire', () => {
  it('keeps valid names, aliases invalid and colliding ones, and maps calls back', () => {
    const names = wireToolNames(['read_file', 'mcp.github/get issue', 'lookup', '9lives', 'x'.repeat(70)], new Set(['read_file']));
    assert.strictEqual(names.toWire.get('lookup'), 'lookup');
    assert.strictEqual(names.toWire.get('read_file'), 'read_file_2', 'never the name of one of our own tools');
    assert.strictEqual(names.toWire.get('mcp.github/get issue'), 'mcp_github_get_issue');
    assert.strictEqual(names.toWire.get('9lives'), '_9lives');
    assert.strictEqual(names.toWire.get('x'.repeat(70))!.length, 64);
    for (const [wire, real] of names.toReal) {
      assert.match(wire, /^[a-zA-Z_][a-zA-Z0-9_-]{0,63}$/);
      assert.strictEqual(names.toWire.get(real), wire);
    }
  });

  it('renames earlier tool calls in a conversation to the wire names', () => {
    const names = wireToolNames(['a.b']);
    const out = withWireNames([{ role: 'assistant', content: null, tool_calls: [{ id: '1', type: 'function', function: { name: 'a.b', arguments: '{}' } }] }], names);
    assert.strictEqual((out[0] as { tool_calls: Array<{ function: { name: string } }> }).tool_calls[0]!.function.name, 'a_b');
  });
});
