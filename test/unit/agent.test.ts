import * as assert from 'assert';
import { runAgent, ModelTurn } from '../../src/core/agent';
import type { ApiMessage } from '../../src/core/chat/types';
import type { ToolDefinition } from '../../src/core/provider/types';

function scripted(turns: ModelTurn[]) {
  const seen: Array<{ messages: ApiMessage[]; tools: readonly ToolDefinition[] }> = [];
  const ran: string[] = [];
  const steps: string[] = [];
  return {
    seen,
    ran,
    steps,
    deps: {
      ask: async (messages: ApiMessage[], tools: readonly ToolDefinition[]) => {
        seen.push({ messages: [...messages], tools });
        const next = turns.shift();
        if (!next) throw new Error('model asked more often than scripted');
        return next;
      },
      runReadTool: async (name: string, args: Record<string, unknown>) => {
        ran.push(`${name}:${JSON.stringify(args)}`);
        return `contents of ${String(args.path ?? args.query ?? '')}`;
      },
      onStep: (step: string) => steps.push(step),
    },
  };
}

const call = (id: string, name: string, args: object) => ({ id, name, arguments: JSON.stringify(args) });
const tool = (name: string): ToolDefinition => ({ type: 'function', function: { name } });
const READ = [tool('read_file')];
const EDIT = [tool('edit_file')];

describe('runAgent', () => {
  it('runs read tools, shows each step, then returns the proposed edits', async () => {
    const s = scripted([
      { text: '', toolCalls: [call('1', 'read_file', { path: 'src/a.ts' })], stopped: false },
      { text: 'done', toolCalls: [call('2', 'edit_file', { path: 'src/a.ts', edits: [] })], stopped: false },
    ]);
    const result = await runAgent([{ role: 'system', content: 's' }], { read: READ, edit: EDIT }, 5, s.deps);
    assert.deepStrictEqual(s.steps, ['Read src/a.ts']);
    assert.deepStrictEqual(result.editCalls.map((c) => c.name), ['edit_file']);
    const second = s.seen[1]!.messages;
    assert.deepStrictEqual(second.slice(-2).map((m) => m.role), ['assistant', 'tool']);
    assert.strictEqual((second.at(-1) as { content: string }).content, 'contents of src/a.ts');
  });

  it('at the step limit asks for the proposal in a message, offers the same tools (a stable prefix) and runs no more reads', async () => {
    const reading = (id: string) => ({ text: '', toolCalls: [call(id, 'search_text', { query: 'x' })], stopped: false });
    const s = scripted([reading('1'), reading('2'), { text: 'final answer', toolCalls: [], stopped: false }]);
    const result = await runAgent([{ role: 'system', content: 's' }], { read: READ, edit: EDIT }, 2, s.deps);
    assert.strictEqual(s.ran.length, 2);
    assert.deepStrictEqual(s.seen[2]!.tools, s.seen[0]!.tools);
    assert.deepStrictEqual(s.seen[2]!.tools, [...READ, ...EDIT]);
    assert.match(JSON.stringify(s.seen[2]!.messages.at(-1)), /used all 2 read steps/);
    assert.strictEqual(result.text, 'final answer');
  });

  it('answers a malformed tool call with an error the model can read, without running it', async () => {
    const s = scripted([
      { text: '', toolCalls: [{ id: '1', name: 'read_file', arguments: '{oops' }], stopped: false },
      { text: 'sorry', toolCalls: [], stopped: false },
    ]);
    const result = await runAgent([{ role: 'system', content: 's' }], { read: READ, edit: EDIT }, 5, s.deps);
    assert.deepStrictEqual(s.ran, []);
    assert.match(JSON.stringify(s.seen[1]!.messages.at(-1)), /not valid JSON/);
    assert.strictEqual(result.text, 'sorry');
  });

  it('returns at once when the user stops', async () => {
    const s = scripted([{ text: 'partial', toolCalls: [call('1', 'read_file', { path: 'a' })], stopped: true }]);
    const result = await runAgent([{ role: 'system', content: 's' }], { read: READ, edit: EDIT }, 5, s.deps);
    assert.ok(result.stopped);
    assert.deepStrictEqual(s.ran, []);
  });
});
