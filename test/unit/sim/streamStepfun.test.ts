import * as assert from 'assert';
import { chat, choices, joined, stream, useSimulator } from './helpers';

describe('simulator: StepFun stream shape', () => {
  const sim = useSimulator();

  it('starts with the assistant role, sends reasoning before content, and ends with finish_reason then [DONE]', async () => {
    sim.enqueue({ reasoning: 'Let me think about the question.', content: 'The answer is 42, of course.' });
    const { res, sse } = await stream(sim);
    assert.strictEqual(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/event-stream/);
    assert.match(res.headers.get('x-trace-id') ?? '', /^[0-9a-f]{32}$/);
    const cs = choices(sse);
    assert.deepStrictEqual(cs[0].delta, { role: 'assistant', content: '' });
    const firstContent = cs.findIndex((c) => typeof c.delta.content === 'string' && c.delta.content !== '');
    const lastReasoning = cs.map((c) => 'reasoning' in c.delta).lastIndexOf(true);
    assert.ok(lastReasoning > 0 && firstContent > lastReasoning, 'reasoning chunks come before content chunks');
    assert.strictEqual(joined(sse, 'reasoning'), 'Let me think about the question.');
    assert.strictEqual(joined(sse, 'content'), 'The answer is 42, of course.');
    assert.ok(cs.slice(0, -1).every((c) => c.finish_reason === null));
    assert.strictEqual(cs[cs.length - 1].finish_reason, 'stop');
    assert.ok(sse.done);
    assert.ok(sse.events.every((e) => e.object === 'chat.completion.chunk' && e.id === res.headers.get('x-trace-id')));
  });

  it('sends cumulative usage on every chunk whose final totals equal the non-stream usage', async () => {
    const reply = { reasoning: 'r'.repeat(37), content: 'c'.repeat(101), promptTokens: 300, cachedTokens: 256 };
    sim.enqueue(reply, reply);
    const { sse } = await stream(sim);
    const usages = sse.events.map((e) => e.usage as Record<string, number>);
    assert.ok(usages.every((u) => u && u.prompt_tokens === 300 && u.cached_tokens === 256));
    const completion = usages.map((u) => u.completion_tokens);
    assert.ok(completion.every((n, i) => i === 0 || n >= completion[i - 1]), `not cumulative: ${completion}`);
    assert.ok(new Set(completion).size > 5, 'usage grows during the stream');
    const last = usages[usages.length - 1];
    const body = (await (await chat(sim)).json()) as { usage: Record<string, number> };
    assert.deepStrictEqual(last, body.usage);
    assert.strictEqual(body.usage.completion_tokens, Math.ceil(37 / 4) + Math.ceil(101 / 4));
    assert.strictEqual(body.usage.total_tokens, 300 + body.usage.completion_tokens);
  });

  it('omits cached_tokens when no cache hit was scripted', async () => {
    sim.enqueue({ content: 'hi' });
    const { sse } = await stream(sim);
    assert.ok(sse.events.every((e) => !('cached_tokens' in (e.usage as object))));
  });

  it('switches to reasoning_content when the request asks for deepseek-style', async () => {
    sim.enqueue({ reasoning: 'thinking...', content: 'done' }, { reasoning: 'thinking...', content: 'done' });
    const { sse } = await stream(sim, { reasoning_format: 'deepseek-style' });
    assert.strictEqual(joined(sse, 'reasoning_content'), 'thinking...');
    assert.strictEqual(joined(sse, 'reasoning'), '');
    const body = (await (await chat(sim, { reasoning_format: 'deepseek-style' })).json()) as { choices: { message: Record<string, unknown> }[] };
    assert.strictEqual(body.choices[0].message.reasoning_content, 'thinking...');
  });

  it('streams tool calls as id/name first, then the arguments in pieces, with index', async () => {
    const args = JSON.stringify({ path: 'src/deep/nested/file.ts', line: 120, text: 'replacement text here' });
    sim.enqueue({ toolCalls: [{ id: 'call_A', name: 'read_file', arguments: args }, { name: 'list_dir', arguments: '{"dir":"."}' }] });
    const { sse } = await stream(sim);
    const calls = choices(sse).flatMap((c) => (c.delta.tool_calls as Record<string, unknown>[] | undefined) ?? []);
    const first = calls.filter((t) => t.index === 0);
    assert.deepStrictEqual(first[0], { index: 0, id: 'call_A', type: 'function', function: { name: 'read_file', arguments: '' } });
    assert.ok(first.length > 3, 'arguments arrive in several pieces');
    assert.ok(first.slice(1).every((t) => t.id === undefined && (t.function as Record<string, unknown>).name === undefined));
    assert.strictEqual(first.map((t) => (t.function as { arguments: string }).arguments).join(''), args);
    const second = calls.filter((t) => t.index === 1);
    assert.match(String(second[0].id), /^call_[A-Za-z0-9_-]{22}$/);
    const cs = choices(sse);
    assert.strictEqual(cs[cs.length - 1].finish_reason, 'tool_calls');
  });

  it('can omit the tool-call index and use "" as the intermediate finish_reason', async () => {
    sim.enqueue({ content: 'x'.repeat(40), toolCalls: [{ name: 'f', arguments: '{"a":1}' }], midStreamFinishReason: '', omitToolCallIndex: true, finishReason: 'stop' });
    const { sse } = await stream(sim);
    const cs = choices(sse);
    assert.ok(cs.slice(0, -1).every((c) => c.finish_reason === ''));
    assert.strictEqual(cs[cs.length - 1].finish_reason, 'stop');
    const calls = cs.flatMap((c) => (c.delta.tool_calls as Record<string, unknown>[] | undefined) ?? []);
    assert.ok(calls.length >= 2 && calls.every((t) => !('index' in t)));
  });

  it('chunks by tokensPerChunk, a fixed count or a [min, max] range', async () => {
    const text = 'abcdefghij'.repeat(30);
    sim.enqueue({ content: text, tokensPerChunk: 5 }, { content: text, tokensPerChunk: [1, 4] });
    const fixed = choices((await stream(sim)).sse).map((c) => c.delta.content).filter((t): t is string => !!t);
    assert.ok(fixed.slice(0, -1).every((t) => t.length === 20));
    const ranged = choices((await stream(sim)).sse).map((c) => c.delta.content).filter((t): t is string => !!t);
    assert.strictEqual(ranged.join(''), text);
    const sizes = new Set(ranged.slice(0, -1).map((t) => t.length));
    assert.ok([...sizes].every((n) => n % 4 === 0 && n >= 4 && n <= 16));
    assert.ok(sizes.size > 1, 'a range gives varied chunk sizes');
  });

  it('never splits a surrogate pair across chunks', async () => {
    const text = '😀'.repeat(50);
    sim.enqueue({ content: text, tokensPerChunk: 1 });
    const pieces = choices((await stream(sim)).sse).map((c) => c.delta.content).filter((t): t is string => !!t);
    assert.strictEqual(pieces.join(''), text);
    assert.ok(pieces.every((p) => !/[\ud800-\udbff]$/.test(p)));
  });

  it('cuts the reply at max_tokens with finish_reason "length"', async () => {
    sim.enqueue({ reasoning: 'r'.repeat(40), content: 'c'.repeat(400), toolCalls: [{ name: 'f', arguments: '{}' }] });
    const body = (await (await chat(sim, { max_tokens: 30 })).json()) as { choices: { message: Record<string, unknown>; finish_reason: string }[]; usage: Record<string, number> };
    assert.strictEqual(body.choices[0].finish_reason, 'length');
    assert.strictEqual(body.choices[0].message.content, 'c'.repeat(80));
    assert.strictEqual(body.choices[0].message.tool_calls, undefined);
    assert.strictEqual(body.usage.completion_tokens, 30);
  });

  it('answers non-stream requests with a chat.completion carrying reasoning and tool calls', async () => {
    sim.enqueue({ reasoning: 'why', toolCalls: [{ id: 'call_1', name: 'f', arguments: '{"a":1}' }] });
    const res = await chat(sim);
    const body = (await res.json()) as Record<string, unknown> & { choices: { message: Record<string, unknown>; finish_reason: string }[] };
    assert.strictEqual(body.object, 'chat.completion');
    assert.strictEqual(res.headers.get('x-trace-id'), body.id);
    assert.deepStrictEqual(body.choices[0].message, {
      role: 'assistant',
      content: '',
      reasoning: 'why',
      tool_calls: [{ index: 0, id: 'call_1', type: 'function', function: { name: 'f', arguments: '{"a":1}' } }],
    });
    assert.strictEqual(body.choices[0].finish_reason, 'tool_calls');
  });

  it('streams 200,000 tokens intact with the full count in the final usage', async () => {
    const text = 'abcd'.repeat(200_000);
    sim.enqueue({ content: text, tokensPerChunk: 50 });
    const { sse } = await stream(sim);
    assert.strictEqual(joined(sse, 'content').length, text.length);
    const last = sse.events[sse.events.length - 1].usage as Record<string, number>;
    assert.strictEqual(last.completion_tokens, 200_000);
    assert.ok(sse.done);
  });
});
