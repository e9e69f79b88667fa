import * as assert from 'assert';
import { readFileSync } from 'fs';
import * as path from 'path';
import { toApiMessages } from '../../../src/core/chat/messages';
import type { ContextBlock, StoredImage } from '../../../src/core/chat/types';
import { applyFileEdits, parseAnswer } from '../../../src/core/edits';
import { CHAT_SYSTEM_PROMPT, commandSystemPrompt, screenshotPrompt } from '../../../src/core/prompts';
import { detectStack } from '../../../src/core/stack';
import { demoReply } from '../../sim/demo';
import { splitContext } from '../../sim/demo/request';
import { renderContext } from '../../../src/core/chat/messages';
import { applyChanges, demoHarness, FIXTURE_WORKSPACE, fileBlock, loadWorkspace, runCommand, selectionBlock, type DemoHarness, type Workspace } from './demoWorkspace';
import { stream } from './helpers';
import { loginScreen, png } from '../../support/png';

const LOGIN = png(400, 300, loginScreen);
const image = (bytes: Buffer): StoredImage => ({ name: 'screenshot.png', mime: 'image/png', base64: bytes.toString('base64'), detail: 'high' });

describe('simulator: demo model — chat, explanations and screenshots', function () {
  this.timeout(20_000);
  let h: DemoHarness;
  let ws: Workspace;
  before(async () => {
    h = await demoHarness();
  });
  after(() => h.close());
  beforeEach(() => {
    ws = loadWorkspace();
  });

  const chat = (text: string, context: ContextBlock[] = [], images: StoredImage[] = []) =>
    h.client.streamChat({ messages: toApiMessages(CHAT_SYSTEM_PROMPT, [], { text, context, images }) });

  it('reads context blocks exactly as the product renders them, fences and line offsets included', () => {
    const blocks: ContextBlock[] = [
      { label: 'Selection', path: 'src/a b.ts', language: 'typescript', text: 'const x = "```";\n', startLine: 4 },
      { label: 'Mentioned file', path: 'README.md', language: 'markdown', text: '' },
    ];
    const { blocks: read, rest } = splitContext([...blocks.map(renderContext), 'What is this?'].join('\n\n'));
    assert.deepStrictEqual(read, blocks);
    assert.strictEqual(rest, 'What is this?');
  });

  it('a plain question gets a markdown answer with reasoning, streamed over SSE — not an echo', async () => {
    const { sse } = await stream(h.sim, { messages: [{ role: 'system', content: CHAT_SYSTEM_PROMPT }, { role: 'user', content: 'How do I debounce a function?' }], stream_options: { include_usage: true } });
    const text = sse.events.map((e) => (e.choices as Array<{ delta: { content?: string } }>)[0]?.delta?.content ?? '').join('');
    const reasoning = sse.events.map((e) => (e.choices as Array<{ delta: { reasoning?: string } }>)[0]?.delta?.reasoning ?? '').join('');
    assert.match(text, /^That is a question for a real model\. I'm the simulator's \*\*demo model\*\*/);
    assert.ok(!text.includes('debounce'), 'no echo');
    assert.match(reasoning, /debounce a function/, 'the reasoning considers the question');
    assert.match(text, /\*\*Refactor\*\* `src\/cart\.ts`/, 'it says what it can do instead');
    assert.ok(reasoning.length > 40);
    assert.ok((sse.events.at(-1)!.usage as { prompt_tokens: number }).prompt_tokens > 0);
    const hello = await chat('Hello!');
    assert.match(hello.answerText, /^Hello! I'm the \*\*demo model\*\*/);
  });

  it('explains attached code: each declaration, what it depends on, and what is worth knowing', async () => {
    const result = await chat('What does this do?', [fileBlock(ws, 'src/cart.ts')]);
    assert.match(result.answerText, /^You asked: \*What does this do\?\*/);
    assert.match(result.answerText, /\*\*`cartTotal\(items\)` → `number`\*\* — Computes the cart total\. Adds up a value for each entry of `items`\./);
    assert.match(result.answerText, /`formatPrice` from `\.\/format`/);
    assert.match(result.answerText, /floating-point/);
    const explain = await h.client.streamChat({ messages: toApiMessages(commandSystemPrompt('explain', false), [], { text: 'Explain this code.', context: [selectionBlock(ws, 'src/format.ts', 0, 2)] }) });
    assert.match(explain.answerText, /^The selection in `src\/format\.ts` \(from line 1\) declares 1 thing/);
  });

  it('in the chat, edits come as SEARCH/REPLACE blocks the product parses and places', async () => {
    const result = await chat('Please add doc comments', [fileBlock(ws, 'src/cart.ts')]);
    const parsed = parseAnswer(result.answerText);
    assert.deepStrictEqual(parsed.problems, []);
    assert.deepStrictEqual(parsed.changes.map((c) => c.kind), ['edit']);
    const change = parsed.changes[0];
    assert.ok(change.kind === 'edit');
    const placed = applyFileEdits(ws.get('src/cart.ts')!, change.edits);
    assert.ok(placed.newText?.includes('@returns The cart total.'), JSON.stringify(placed.blocks));
    const refactor = parseAnswer((await chat('extract the line total', [fileBlock(ws, 'src/cart.ts')])).answerText);
    assert.deepStrictEqual(refactor.changes.map((c) => `${c.kind} ${'path' in c ? c.path : ''}`), ['create src/pricing.ts', 'edit src/cart.ts']);
    applyChanges(ws, refactor.changes);
  });

  it('a pasted screenshot becomes HTML and CSS in its colours when asked, and is described otherwise', async () => {
    const code = await chat('Turn this into HTML and CSS: a login form', [], [image(LOGIN)]);
    const parsed = parseAnswer(code.answerText);
    assert.deepStrictEqual(parsed.changes.map((c) => `${c.kind} ${'path' in c ? c.path : ''}`), ['create screenshot/index.html', 'create screenshot/styles.css']);
    const [html, css] = parsed.changes.map((c) => (c.kind === 'create' ? c.content : ''));
    assert.match(html, /<label for="email">Email<\/label>\n\s*<input id="email" name="email" type="email" autocomplete="email" required>/);
    assert.match(html, /<link rel="stylesheet" href="styles\.css">/);
    assert.match(css, /--background: #f5f6f8;/);
    assert.match(css, /--accent: #2563eb;/);
    assert.match(code.reasoning, /PNG image 400×300 px, mostly #f5f6f8 with #2563eb as the accent/);
    const described = await chat('What is in this picture?', [], [image(LOGIN)]);
    assert.deepStrictEqual(parseAnswer(described.answerText).changes, []);
    assert.match(described.answerText, /400×300 px/);
  });

  it('Screenshot to Code lists the target folder first, then creates files for the detected stack', async () => {
    const html = await runCommand(h, ws, { intent: 'screenshotToCode', prompt: screenshotPrompt(detectStack(ws.get('package.json'), true, ['src']), 'a login form'), images: [image(LOGIN)] });
    assert.deepStrictEqual(html.agent.steps, ['Listed files matching screenshot/**']);
    assert.deepStrictEqual(html.changes.map((c) => (c.kind === 'create' ? c.path : c.kind)), ['screenshot/index.html', 'screenshot/styles.css']);
    const react = await runCommand(h, ws, { intent: 'screenshotToCode', prompt: screenshotPrompt(detectStack('{"dependencies":{"react":"18","tailwindcss":"3"}}', true, ['src']), 'pricing plans'), images: [image(LOGIN)] });
    assert.deepStrictEqual(react.changes.map((c) => (c.kind === 'create' ? c.path : c.kind)), ['src/components/PricingPlans.tsx']);
    const tsx = react.changes[0].kind === 'create' ? react.changes[0].content : '';
    assert.match(tsx, /^export function PricingPlans\(\) \{\n {2}return \(\n {4}<main className="mx-auto my-12 max-w-\[400px\] rounded-xl bg-\[#f5f6f8\]/);
    assert.match(tsx, /<button className="mt-4 rounded-lg bg-\[#2563eb\] px-4 py-2 text-white" type="button">Get started<\/button>/);
    const fixture = readFileSync(path.join(FIXTURE_WORKSPACE, '..', 'media', 'screenshot-40x30.png'));
    const vue = await runCommand(h, ws, { intent: 'screenshotToCode', prompt: screenshotPrompt(detectStack('{"dependencies":{"vue":"3"}}', false, []), ''), images: [image(fixture)] });
    assert.deepStrictEqual(vue.changes.map((c) => (c.kind === 'create' ? c.path : c.kind)), ['components/FeaturePanel.vue']);
    assert.match(vue.reasoning[0], /PNG image 40×30 px, mostly #/, 'a 16-bit PNG is read too');
  });

  it('never overwrites an existing file of the target folder', async () => {
    ws.set('screenshot/index.html', '<p>mine</p>\n');
    const run = await runCommand(h, ws, { intent: 'screenshotToCode', prompt: screenshotPrompt(detectStack(undefined, false), ''), images: [image(LOGIN)] });
    assert.deepStrictEqual(run.changes.map((c) => (c.kind === 'create' ? c.path : c.kind)), ['screenshot/index2.html', 'screenshot/styles.css']);
    assert.match(run.changes[0].kind === 'create' ? run.changes[0].content : '', /href="styles\.css"/);
  });

  it('answers the same request the same way, tool-call ids included', () => {
    const body = { model: 'step-3.7-flash', tools: [], messages: toApiMessages(commandSystemPrompt('refactor', true), [], { text: 'extract', context: [fileBlock(ws, 'src/cart.ts')] }) };
    assert.deepStrictEqual(demoReply(body), demoReply(body));
  });

  it('works the same over the OpenRouter flavour', async () => {
    const or = await demoHarness('openrouter');
    try {
      const result = await or.client.streamChat({ messages: toApiMessages(CHAT_SYSTEM_PROMPT, [], { text: 'Explain', context: [fileBlock(ws, 'src/format.ts')] }) });
      assert.match(result.answerText, /`formatPrice\(amount\)` → `string`/);
      assert.ok(result.reasoning.length > 0 && (result.usage?.promptTokens ?? 0) > 0);
    } finally {
      await or.close();
    }
  });

  it('asks for what it needs instead of guessing when the request lacks it', async () => {
    const noCode = await runCommand(h, ws, { intent: 'refactor', prompt: 'make it better' });
    assert.deepStrictEqual(noCode.changes, []);
    assert.match(noCode.agent.text, /Open a TypeScript or JavaScript file/);
    const noImage = await runCommand(h, ws, { intent: 'screenshotToCode', prompt: screenshotPrompt(detectStack(undefined, false), '') });
    assert.match(noImage.agent.text, /I need the screenshot itself/);
    const noProblems = await runCommand(h, ws, { intent: 'fix', prompt: 'Fix these problems:\n', context: [fileBlock(ws, 'src/cart.ts')] });
    assert.match(noProblems.agent.text, /no problems to fix/);
  });
});
