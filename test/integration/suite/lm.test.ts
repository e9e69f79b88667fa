/**
 * Step 3.7 Flash as a VS Code language model, used the way another extension (or VS Code's
 * chat) uses it: vscode.lm.selectChatModels and sendRequest, answered by the simulator.
 * The typings are the 1.90 floor's, so the newer API is reached through the small views below.
 */
import * as assert from 'assert';
import { readFileSync } from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { activateExtension } from './helpers';
import { chatRequests, resetExtension, startHostSim, waitFor, startWithKey } from './hostSim';
import type { Simulator } from '../../sim/types';
import type { ExtensionApi } from '../../../src/extension';

const VENDOR = 'step-flash';
const PNG = readFileSync(path.resolve(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'media', 'screenshot-40x30.png'));

interface Modern {
  LanguageModelTextPart: new (value: string) => { value: string };
  LanguageModelToolCallPart: new (callId: string, name: string, input: object) => { callId: string; name: string; input: object };
  LanguageModelDataPart: { image(data: Uint8Array, mime: string): object };
}
const modern = vscode as unknown as Modern;

type Options = { modelOptions?: Record<string, unknown>; tools?: Array<{ name: string; description: string; inputSchema?: object }> };
type Response = { stream: AsyncIterable<unknown>; text: AsyncIterable<string> };

function send(model: vscode.LanguageModelChat, messages: unknown[], options: Options = {}, token?: vscode.CancellationToken): Promise<Response> {
  const sendRequest = model.sendRequest as unknown as (m: unknown[], o: Options, t?: vscode.CancellationToken) => Thenable<Response>;
  return Promise.resolve(sendRequest.call(model, messages, options, token));
}

/** Everything a response streamed, or the error it ended with (sendRequest may reject, or its stream may). */
async function collect(response: Promise<Response>): Promise<{ parts: unknown[]; text: string; error?: Error }> {
  const parts: unknown[] = [];
  try {
    for await (const part of (await response).stream) parts.push(part);
  } catch (error) {
    return { parts, text: textOf(parts), error: error as Error };
  }
  return { parts, text: textOf(parts) };
}

function textOf(parts: unknown[]): string {
  return parts.filter((p): p is { value: string } => p instanceof modern.LanguageModelTextPart).map((p) => p.value).join('');
}

async function ourModel(): Promise<vscode.LanguageModelChat> {
  const models = await vscode.lm.selectChatModels({ vendor: VENDOR });
  const model = models.find((m) => m.id === 'stepfun-global:step-3.7-flash');
  assert.ok(model, `Step 3.7 Flash (StepFun global) is offered; got ${JSON.stringify(models.map((m) => m.id))}`);
  return model;
}

describe('language model: Step 3.7 Flash in VS Code’s language-model API', function () {
  this.timeout(60_000);
  let api: ExtensionApi;
  let sim: Simulator;

  before(async () => {
    api = await activateExtension();
    sim = await startHostSim();
  });
  beforeEach(async () => {
    await startWithKey(api, sim);
  });
  after(async () => {
    await resetExtension(api);
    await sim.close();
  });

  it('selectChatModels lists one entry per configured provider, with the real limits, even with AI features turned off', async () => {
    assert.strictEqual(vscode.workspace.getConfiguration('chat').get('disableAIFeatures'), true, 'the harness turns built-in AI off');
    const model = await ourModel();
    assert.strictEqual(model.vendor, VENDOR);
    assert.strictEqual(model.name, 'Step 3.7 Flash');
    assert.strictEqual(model.family, 'step-3.7-flash');
    assert.strictEqual(model.maxInputTokens, 224_000);
    await api.provider.keys.set('openrouter', 'sk-or-test');
    const listed = (await vscode.lm.selectChatModels({ vendor: VENDOR })).map((m) => m.id).sort();
    assert.deepStrictEqual(listed, ['openrouter:stepfun/step-3.7-flash', 'stepfun-global:step-3.7-flash'], 'a stored OpenRouter key adds its entry');
  });

  it('sendRequest streams a text answer from the simulator, sending medium effort by default', async () => {
    sim.enqueue({ reasoning: 'Thinking about carts.', content: 'A cart holds line items. '.repeat(8), tokensPerChunk: 3 });
    const model = await ourModel();
    const result = await collect(send(model, [vscode.LanguageModelChatMessage.User('What is a cart?')]));
    assert.strictEqual(result.error, undefined, result.error?.message);
    assert.strictEqual(result.text, 'A cart holds line items. '.repeat(8));
    assert.ok(result.parts.filter((p) => p instanceof modern.LanguageModelTextPart).length > 1, 'the answer arrived in pieces');
    const body = chatRequests(sim)[0]!.body as { reasoning_effort?: string; stream?: boolean; messages: Array<{ role: string; content: unknown }> };
    assert.strictEqual(body.reasoning_effort, 'medium');
    assert.strictEqual(body.stream, true);
    assert.deepStrictEqual(body.messages, [{ role: 'user', content: 'What is a cart?' }]);
  });

  it('the effort a request carries in modelOptions is the one sent', async () => {
    sim.enqueue({ content: 'Thought hard.' });
    const result = await collect(send(await ourModel(), [vscode.LanguageModelChatMessage.User('Hard question')], { modelOptions: { reasoningEffort: 'high' } }));
    assert.strictEqual(result.text, 'Thought hard.');
    assert.strictEqual((chatRequests(sim)[0]!.body as { reasoning_effort?: string }).reasoning_effort, 'high');
  });

  it('answers a message with an image: the image reaches the server as a data URL', async () => {
    sim.enqueue({ content: 'A small screenshot.' });
    const message = vscode.LanguageModelChatMessage.User([
      new modern.LanguageModelTextPart('What is this?'),
      modern.LanguageModelDataPart.image(new Uint8Array(PNG), 'image/png'),
    ] as unknown as string);
    const result = await collect(send(await ourModel(), [message]));
    assert.strictEqual(result.error, undefined, result.error?.message);
    assert.strictEqual(result.text, 'A small screenshot.');
    const content = (chatRequests(sim)[0]!.body as { messages: Array<{ content: Array<{ type: string; image_url?: { url: string } }> }> }).messages[0]!.content;
    assert.deepStrictEqual(content.map((p) => p.type), ['text', 'image_url']);
    assert.strictEqual(content[1]!.image_url!.url, `data:image/png;base64,${PNG.toString('base64')}`);
  });

  it('streams a tool call as a tool-call part, and takes the tool result back', async () => {
    sim.enqueue({ content: 'Let me look.', toolCalls: [{ id: 'call_w1', name: 'weather_lookup', arguments: '{"city":"Shanghai"}' }] }, { content: 'It is sunny in Shanghai.' });
    const model = await ourModel();
    const tools = [{ name: 'weather.lookup', description: 'Current weather for a city', inputSchema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } }];
    const first = await collect(send(model, [vscode.LanguageModelChatMessage.User('Weather in Shanghai?')], { tools }));
    assert.strictEqual(first.error, undefined, first.error?.message);
    const calls = first.parts.filter((p): p is { callId: string; name: string; input: object } => p instanceof modern.LanguageModelToolCallPart);
    assert.deepStrictEqual(calls.map((c) => [c.callId, c.name, c.input]), [['call_w1', 'weather.lookup', { city: 'Shanghai' }]], 'the call comes back under the tool’s real name');
    const sentTools = (chatRequests(sim)[0]!.body as { tools: Array<{ function: { name: string } }> }).tools;
    assert.deepStrictEqual(sentTools.map((t) => t.function.name), ['weather_lookup'], 'a name the API takes went on the wire');

    const resultPart = new (vscode as unknown as { LanguageModelToolResultPart: new (id: string, c: unknown[]) => object }).LanguageModelToolResultPart('call_w1', [new modern.LanguageModelTextPart('sunny, 24°C')]);
    const second = await collect(
      send(model, [
        vscode.LanguageModelChatMessage.User('Weather in Shanghai?'),
        vscode.LanguageModelChatMessage.Assistant([new modern.LanguageModelTextPart('Let me look.'), calls[0]] as unknown as string),
        vscode.LanguageModelChatMessage.User([resultPart] as unknown as string),
      ], { tools }),
    );
    assert.strictEqual(second.text, 'It is sunny in Shanghai.');
    const wire = (chatRequests(sim)[1]!.body as { messages: Array<Record<string, unknown>> }).messages;
    assert.deepStrictEqual(wire.slice(1), [
      { role: 'assistant', content: 'Let me look.', tool_calls: [{ id: 'call_w1', type: 'function', function: { name: 'weather_lookup', arguments: '{"city":"Shanghai"}' } }] },
      { role: 'tool', tool_call_id: 'call_w1', content: 'sunny, 24°C' },
    ]);
  });

  it('cancelling the request stops it at the server', async () => {
    sim.enqueue({ content: 'word '.repeat(400), tokensPerChunk: 1, chunkDelayMs: 25 });
    const source = new vscode.CancellationTokenSource();
    const response = await send(await ourModel(), [vscode.LanguageModelChatMessage.User('Talk a lot')], {}, source.token);
    let received = '';
    for await (const piece of response.text) {
      received += piece;
      if (received.length > 10) {
        source.cancel();
        break;
      }
    }
    const record = await waitFor(() => (chatRequests(sim)[0]?.closedByClient !== undefined ? chatRequests(sim)[0] : undefined), 'the server to see the request end');
    assert.strictEqual(record.closedByClient, true, 'the connection was closed before the answer finished');
    assert.ok(received.length < 'word '.repeat(400).length);
  });

  it('a key from the other region gives our region diagnosis through the language-model API', async () => {
    await api.provider.keys.set('stepfun-global', 'sk-china-test');
    const result = await collect(send(await ourModel(), [vscode.LanguageModelChatMessage.User('hi')]));
    assert.ok(result.error, 'the request failed');
    assert.match(result.error.message, /Key is for the other region: This key belongs to the China platform \(api\.stepfun\.com\)/);
    assert.match(result.error.message, /Choose Provider \/ Region" and pick StepFun China/);
    assert.doesNotMatch(result.error.message, /sk-china-test/, 'the key itself is never echoed');
  });

  it('no key for the selected provider is said by name', async () => {
    await api.provider.keys.clear('stepfun-global');
    const result = await collect(send(await ourModel(), [vscode.LanguageModelChatMessage.User('hi')]));
    assert.match(result.error?.message ?? '', /No API key: No API key is set for StepFun \(global, api\.stepfun\.ai\)/);
    assert.strictEqual(chatRequests(sim).length, 0, 'nothing was sent without a key');
  });

  it('a 429 says how long to wait', async () => {
    sim.enqueue({ fault: { kind: 'status', status: 429, retryAfterSeconds: 600 } });
    const result = await collect(send(await ourModel(), [vscode.LanguageModelChatMessage.User('hi')]));
    assert.match(result.error?.message ?? '', /Rate limited: .*wait 600 s/);
  });

  it('counts tokens with the extension’s estimator', async () => {
    const model = await ourModel();
    assert.strictEqual(await model.countTokens('x'.repeat(350)), 100);
  });
});
