import * as assert from 'assert';
import { runAgent, type AgentDeps, type ModelTurn } from '../../../src/core/agent';
import { ASK_ADVISOR_TOOL, type AgentAdvisor } from '../../../src/core/advisor';
import type { ApiMessage } from '../../../src/core/chat/types';
import type { ToolDefinition } from '../../../src/core/provider/types';

const call = (id: string, name: string, args: object) => ({ id, name, arguments: JSON.stringify(args) });
const tool = (name: string): ToolDefinition => ({ type: 'function', function: { name } });
const TOOLS = { read: [tool('read_file')], edit: [tool('edit_file')] };
const SYSTEM: ApiMessage[] = [{ role: 'system', content: 's' }, { role: 'user', content: 'task' }];

function setup(turns: ModelTurn[], readResult = (args: Record<string, unknown>) => `contents of ${String(args.path)}`) {
  const seen: Array<{ messages: ApiMessage[]; tools: readonly ToolDefinition[] }> = [];
  const consulted: string[] = [];
  const steps: string[] = [];
  const advisor: AgentAdvisor = {
    tool: ASK_ADVISOR_TOOL,
    ask: async (args) => {
      consulted.push(`ask:${String(args.question)}`);
      return 'Advice from the advisor (big): use a map';
    },
    stuck: async (reason, detail) => {
      consulted.push(`${reason}:${detail}`);
      return `Advice from the advisor (big): about ${reason}`;
    },
  };
  const deps: AgentDeps = {
    ask: async (messages, tools) => {
      seen.push({ messages: [...messages], tools });
      const next = turns.shift();
      if (!next) throw new Error('model asked more often than scripted');
      return next;
    },
    runReadTool: async (_name, args) => readResult(args),
    onStep: (step) => steps.push(step),
    advisor,
  };
  return { seen, consulted, steps, deps };
}

describe('runAgent with an advisor', () => {
  it('offers ask_advisor, answers it as a tool result, and shows no tool step of its own', async () => {
    const s = setup([
      { text: '', toolCalls: [call('1', 'ask_advisor', { question: 'map or loop?' })], stopped: false },
      { text: 'ok', toolCalls: [call('2', 'edit_file', {})], stopped: false },
    ]);
    const result = await runAgent(SYSTEM, TOOLS, 5, s.deps);
    assert.deepStrictEqual(s.seen[0]!.tools.map((t) => t.function.name), ['read_file', 'ask_advisor', 'edit_file']);
    assert.deepStrictEqual(s.consulted, ['ask:map or loop?']);
    assert.deepStrictEqual(s.steps, [], 'the advisor step is shown by the advisor, not as "Called ask_advisor"');
    assert.deepStrictEqual(s.seen[1]!.messages.at(-1), { role: 'tool', tool_call_id: '1', content: 'Advice from the advisor (big): use a map' });
    assert.deepStrictEqual(result.editCalls.map((c) => c.name), ['edit_file']);
  });

  it('without an advisor, ask_advisor is neither offered nor run', async () => {
    const s = setup([{ text: 'no', toolCalls: [call('1', 'ask_advisor', { question: 'q' })], stopped: false }]);
    const { advisor: _advisor, ...deps } = s.deps;
    const result = await runAgent(SYSTEM, TOOLS, 5, deps);
    assert.deepStrictEqual(s.seen[0]!.tools.map((t) => t.function.name), ['read_file', 'edit_file']);
    assert.deepStrictEqual(s.consulted, []);
    assert.deepStrictEqual(result.editCalls.map((c) => c.name), ['ask_advisor'], 'an unknown call ends the loop as before');
  });

  it('asks the advisor at the step limit and hands its advice over with the last call to propose', async () => {
    const reading = (id: string) => ({ text: '', toolCalls: [call(id, 'read_file', { path: `f${id}` })], stopped: false });
    const s = setup([reading('1'), reading('2'), { text: 'final', toolCalls: [], stopped: false }]);
    await runAgent(SYSTEM, TOOLS, 2, s.deps);
    assert.strictEqual(s.consulted.length, 1);
    assert.match(s.consulted[0]!, /^step-limit:The executor used all 2 read steps/);
    assert.match(String(s.seen[2]!.messages.at(-1)!.content), /used all 2 read steps[\s\S]*about step-limit/);
  });

  it('asks the advisor once when the same tool error comes back twice, and passes the advice on', async () => {
    const missing = (id: string) => ({ text: '', toolCalls: [call(id, 'read_file', { path: 'gone.ts' })], stopped: false });
    const s = setup([missing('1'), missing('2'), missing('3'), { text: 'done', toolCalls: [], stopped: false }], () => 'Error: gone.ts does not exist');
    await runAgent(SYSTEM, TOOLS, 10, s.deps);
    assert.deepStrictEqual(s.consulted.map((c) => c.split(':')[0]), ['repeated-error']);
    assert.match(s.consulted[0]!, /read_file failed twice with: Error: gone.ts does not exist/);
    const afterSecond = s.seen[2]!.messages;
    assert.deepStrictEqual(afterSecond.at(-1), { role: 'user', content: 'Advice from the advisor (big): about repeated-error' });
    assert.strictEqual(afterSecond.at(-2)!.role, 'tool');
  });
});
