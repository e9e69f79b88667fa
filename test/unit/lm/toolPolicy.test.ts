import * as assert from 'assert';
import { runAgent, type ModelTurn } from '../../../src/core/agent';
import type { LmPart } from '../../../src/core/lm/messages';
import { allowedTools, consentFor, VscodeToolSet, type ToolInfo, type ToolRunnerDeps } from '../../../src/core/lm/toolPolicy';

const tool = (name: string, tags: string[] = [], description = `the ${name} tool`): ToolInfo => ({ name, description, inputSchema: { type: 'object', properties: { q: { type: 'string' } } }, tags });
const TOOLS = [tool('lookup', ['search']), tool('gh.get_issue', ['mcp']), tool('gh.close_issue', ['mcp']), tool('deploy', ['ops'])];

function fakeDeps(answers: { confirm?: boolean; result?: LmPart[]; error?: Error; cancelled?: boolean } = {}) {
  const calls: string[] = [];
  const asked: string[] = [];
  const steps: string[] = [];
  const deps: ToolRunnerDeps = {
    invoke: async (name, input) => {
      calls.push(`${name} ${JSON.stringify(input)}`);
      if (answers.error) throw answers.error;
      return answers.result ?? [{ kind: 'text', text: `result of ${name}` }];
    },
    confirm: async (t) => {
      asked.push(t.name);
      return answers.confirm ?? false;
    },
    step: (s) => steps.push(s),
    cancelled: () => answers.cancelled ?? false,
  };
  return { deps, calls, asked, steps };
}

describe('VS Code tools for the agent: which, and with whose consent', () => {
  it('allows nothing by default, and tools by name or by tag', () => {
    assert.deepStrictEqual(allowedTools(TOOLS, { allowed: [], withoutAsking: [] }), []);
    assert.deepStrictEqual(allowedTools(TOOLS, { allowed: ['lookup', 'tag:mcp'], withoutAsking: [] }).map((t) => t.name), ['lookup', 'gh.get_issue', 'gh.close_issue']);
    assert.deepStrictEqual(allowedTools(TOOLS, { allowed: [' tag: ops ', 'nope'], withoutAsking: [] }).map((t) => t.name), ['deploy']);
  });

  it('runs vouched-for tools directly, leaves MCP tools to VS Code’s confirmation, and asks for the rest', () => {
    const policy = { allowed: ['tag:mcp', 'lookup', 'deploy'], withoutAsking: ['lookup', 'gh.get_issue'] };
    assert.strictEqual(consentFor(TOOLS[0]!, policy), 'run');
    assert.strictEqual(consentFor(TOOLS[1]!, policy), 'run');
    assert.strictEqual(consentFor(TOOLS[2]!, policy), 'editor');
    assert.strictEqual(consentFor(TOOLS[3]!, policy), 'ask');
  });

  it('offers allowed tools under wire-safe names that never take one of the extension’s own', () => {
    const set = new VscodeToolSet([tool('read_file'), TOOLS[1]!], { allowed: [], withoutAsking: [] }, new Set(['read_file']), fakeDeps().deps);
    assert.deepStrictEqual(set.definitions.map((d) => d.function.name), ['read_file_2', 'gh_get_issue']);
    assert.strictEqual(set.definitions[1]!.function.description, 'the gh.get_issue tool');
    assert.ok(set.has('gh_get_issue') && !set.has('gh.get_issue') && !set.has('read_file'));
    assert.strictEqual(set.describe('gh_get_issue', { q: 'login bug', n: 3, nested: {} }), 'Ran the VS Code tool gh.get_issue with q “login bug”, n “3”');
  });

  it('a call the user declines is never made, and the model is told', async () => {
    const f = fakeDeps({ confirm: false });
    const set = new VscodeToolSet([TOOLS[3]!], { allowed: ['deploy'], withoutAsking: [] }, new Set(), f.deps);
    const text = await set.run('deploy', { q: 'prod' });
    assert.deepStrictEqual(f.asked, ['deploy']);
    assert.deepStrictEqual(f.calls, []);
    assert.match(text, /declined to run deploy/);
    assert.deepStrictEqual(f.steps, ['deploy was not run: you declined']);
  });

  it('a confirmed call runs with the real name and its result text goes to the model', async () => {
    const f = fakeDeps({ confirm: true, result: [{ kind: 'text', text: 'deployed' }, { kind: 'data', mime: 'application/json', bytes: new TextEncoder().encode('{"ok":true}') }] });
    const set = new VscodeToolSet([TOOLS[3]!], { allowed: ['deploy'], withoutAsking: [] }, new Set(), f.deps);
    assert.strictEqual(await set.run('deploy', { q: 'staging' }), 'deployed\n{"ok":true}');
    assert.deepStrictEqual(f.calls, ['deploy {"q":"staging"}']);
  });

  it('MCP and vouched-for tools run without our question; a decline in VS Code’s own dialog is reported as such', async () => {
    const canceled = Object.assign(new Error('Canceled'), { name: 'Canceled' });
    const f = fakeDeps({ error: canceled });
    const set = new VscodeToolSet([TOOLS[2]!], { allowed: ['tag:mcp'], withoutAsking: [] }, new Set(), f.deps);
    const text = await set.run('gh_close_issue', { q: '12' });
    assert.deepStrictEqual(f.asked, [], 'VS Code asks for MCP tools itself');
    assert.deepStrictEqual(f.calls, ['gh.close_issue {"q":"12"}']);
    assert.match(text, /declined to run gh\.close_issue/);
    assert.deepStrictEqual(f.steps, ["gh.close_issue was not run: you declined in VS Code's confirmation"]);
  });

  it('a failing tool returns its error to the model and shows it as a step; a cancelled command says so', async () => {
    const failing = fakeDeps({ error: new Error('schema: q must be a string') });
    const set = new VscodeToolSet([TOOLS[0]!], { allowed: ['lookup'], withoutAsking: ['lookup'] }, new Set(), failing.deps);
    assert.strictEqual(await set.run('lookup', { q: 1 }), 'Error: schema: q must be a string');
    assert.deepStrictEqual(failing.steps, ['lookup failed: schema: q must be a string']);
    const stopped = fakeDeps({ error: Object.assign(new Error('Canceled'), { name: 'Canceled' }), cancelled: true });
    const again = new VscodeToolSet([TOOLS[0]!], { allowed: ['lookup'], withoutAsking: ['lookup'] }, new Set(), stopped.deps);
    assert.strictEqual(await again.run('lookup', {}), 'Error: the command was cancelled.');
    assert.deepStrictEqual(stopped.steps, []);
  });

  it('bounds a huge result', async () => {
    const f = fakeDeps({ result: [{ kind: 'text', text: 'z'.repeat(70_000) }] });
    const set = new VscodeToolSet([TOOLS[0]!], { allowed: ['lookup'], withoutAsking: ['lookup'] }, new Set(), f.deps);
    const text = await set.run('lookup', {});
    assert.ok(text.length < 61_000);
    assert.match(text, /\[truncated: the result had 70000 characters\]$/);
  });

  it('in the agent loop, a VS Code tool call is a read step, not an edit', async () => {
    const f = fakeDeps();
    const set = new VscodeToolSet([TOOLS[0]!], { allowed: ['lookup'], withoutAsking: ['lookup'] }, new Set(), f.deps);
    const turns: ModelTurn[] = [
      { text: '', toolCalls: [{ id: '1', name: 'lookup', arguments: '{"q":"cart"}' }], stopped: false },
      { text: 'done', toolCalls: [], stopped: false },
    ];
    const steps: string[] = [];
    const result = await runAgent([{ role: 'system', content: 's' }], { read: set.definitions, edit: [] }, 5, {
      ask: async () => turns.shift()!,
      runReadTool: (name, args) => (set.has(name) ? set.run(name, args) : Promise.resolve('builtin')),
      onStep: (s) => steps.push(s),
      extraReadTools: set,
    });
    assert.deepStrictEqual(result.editCalls, []);
    assert.deepStrictEqual(steps, ['Ran the VS Code tool lookup with q “cart”']);
    assert.deepStrictEqual(result.messages.at(-1), { role: 'tool', tool_call_id: '1', content: 'result of lookup' });
  });
});
