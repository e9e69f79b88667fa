/**
 * Requests ordered for the prefix cache: each step of a task sends what the previous step
 * sent, byte for byte, and only then what is new. Checked on the request bodies as the
 * simulator received them over HTTP from the real client.
 */
import * as assert from 'assert';
import { conversationAfter } from '../../../src/core/agent';
import { fitToBudget } from '../../../src/core/chat/budget';
import { toApiMessages } from '../../../src/core/chat/messages';
import type { ApiMessage, StoredTurn } from '../../../src/core/chat/types';
import { EDIT_TOOLS, READ_TOOLS } from '../../../src/core/edits';
import { CHAT_SYSTEM_PROMPT } from '../../../src/core/prompts';
import { demoHarness, loadWorkspace, runCommand, selectionBlock, type DemoHarness } from '../sim/demoWorkspace';

interface Body {
  tools?: unknown;
  messages: unknown[];
}

const bodies = (h: DemoHarness): Body[] => h.sim.requests.filter((r) => r.path.endsWith('/chat/completions')).map((r) => r.body as Body);

/** `next` begins with everything `prev` sent: the same tools, then prev's messages serialized, unchanged. */
function assertExtends(prev: Body, next: Body, what: string): void {
  assert.strictEqual(JSON.stringify(next.tools), JSON.stringify(prev.tools), `${what}: the tool definitions changed`);
  const before = JSON.stringify(prev.messages).slice(0, -1);
  const after = JSON.stringify(next.messages);
  assert.ok(after.startsWith(before) && after.length > before.length + 1, `${what}: the messages do not extend the previous request's`);
}

const turn = (id: string, text: string, answer: string): StoredTurn => ({
  id,
  createdAt: 0,
  user: { text },
  effort: { level: 'medium', reason: 'chat default', source: 'policy' },
  reasoning: '',
  text: answer,
  steps: [],
  status: 'done',
});

describe('prompt stability: each step of a task extends the previous request', function () {
  this.timeout(20_000);
  let h: DemoHarness;
  beforeEach(async () => {
    h = await demoHarness();
  });
  afterEach(() => h.close());

  it('every step of a multi-step Refactor, and its repair turn, shares the previous step’s prefix byte for byte', async () => {
    const ws = loadWorkspace();
    const run = await runCommand(h, ws, { intent: 'refactor', prompt: 'extract the line total', context: [selectionBlock(ws, 'src/cart.ts', 8, 14)] });
    const steps = bodies(h);
    assert.ok(steps.length >= 3, `the refactor took ${steps.length} request(s); this test needs several steps`);
    for (let i = 1; i < steps.length; i++) assertExtends(steps[i - 1]!, steps[i]!, `step ${i + 1}`);
    assert.strictEqual((steps[0]!.messages[0] as ApiMessage).role, 'system');

    // The repair turn is the next message of the same conversation, with the same tools.
    const repair = [...conversationAfter(run.agent, 'Received: placing it for review.'), { role: 'user', content: 'Some of your edits could not be applied.' } as ApiMessage];
    await h.client.streamChat({ messages: repair, tools: [...READ_TOOLS, ...EDIT_TOOLS] });
    const all = bodies(h);
    assertExtends(all.at(-2)!, all.at(-1)!, 'the repair turn');
  });

  it('the step limit does not change the tools offered: the last step still extends the one before', async () => {
    const ws = loadWorkspace();
    await runCommand(h, ws, { intent: 'refactor', prompt: 'extract the line total', context: [selectionBlock(ws, 'src/cart.ts', 8, 14)], maxSteps: 1 });
    const steps = bodies(h);
    assert.strictEqual(steps.length, 2);
    assertExtends(steps[0]!, steps[1]!, 'the step after the limit');
  });

  it('a chat’s next turn extends the previous request, and the simulator bills that prefix as cached', async () => {
    const ws = loadWorkspace();
    const asked = { text: 'How should I name the function that totals this cart?', context: [selectionBlock(ws, 'src/cart.ts', 0, 20)] };
    const one = await h.client.streamChat({ messages: toApiMessages(CHAT_SYSTEM_PROMPT, [], asked) });
    const second = toApiMessages(CHAT_SYSTEM_PROMPT, [{ ...turn('t1', asked.text, one.answerText), user: asked }], { text: 'And one that adds tax?' });
    const two = await h.client.streamChat({ messages: second });
    const [a, b] = bodies(h);
    assertExtends(a!, b!, 'the second chat turn');
    assert.strictEqual(one.usage?.cachedTokens, 0);
    assert.ok(two.usage!.cachedTokens >= 256 && two.usage!.cachedTokens <= one.usage!.promptTokens, `cached ${two.usage!.cachedTokens} of ${two.usage!.promptTokens}`);
  });
});

describe('context budget: trims from a stable point', () => {
  const exchange = (i: number): ApiMessage[] => [
    { role: 'user', content: `question ${i} ${'q'.repeat(400)}` },
    { role: 'assistant', content: `answer ${i} ${'a'.repeat(400)}` },
  ];

  it('once trimming starts, most turns keep the same cut, so the request still extends the previous one', () => {
    const budget = 8_000;
    let history: ApiMessage[] = [];
    let previous: ApiMessage[] | undefined;
    let trimmed = 0;
    let broken = 0;
    for (let i = 0; i < 120; i++) {
      const [question, answer] = exchange(i);
      const result = fitToBudget([{ role: 'system', content: 'system' }, ...history, question!], budget);
      assert.ok(result.estimatedTokens <= budget && !result.overflow);
      if (result.droppedMessages > 0) trimmed++;
      const sent = result.messages;
      if (previous && result.droppedMessages > 0) {
        if (!JSON.stringify(sent).startsWith(JSON.stringify(previous).slice(0, -1))) broken++;
      }
      previous = sent;
      history = [...history, question!, answer!];
    }
    assert.ok(trimmed > 80, `only ${trimmed} turns were trimmed; the test needs a long chat`);
    // A cut that moved one exchange every turn would break the prefix on every trimmed turn.
    assert.ok(broken <= trimmed / 3, `the cut moved on ${broken} of ${trimmed} trimmed turns`);
  });

  it('starts the kept part at a stable point: the same cut for the same early conversation, whatever follows', () => {
    const early = [exchange(0), exchange(1), exchange(2), exchange(3), exchange(4), exchange(5)].flat();
    const a = fitToBudget([{ role: 'system', content: 's' }, ...early, { role: 'user', content: 'next' }], 1_200);
    const b = fitToBudget([{ role: 'system', content: 's' }, ...early, { role: 'user', content: 'x'.repeat(200) }], 1_200);
    assert.ok(a.droppedMessages > 0);
    assert.strictEqual(a.droppedMessages, b.droppedMessages);
  });
});
