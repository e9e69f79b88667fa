/**
 * The bounded tool loop behind every editing command: the model may call the
 * read-only tools (read_file, list_files, search_text) to gather context, each
 * call shown as a step, until it proposes edits through the edit tools or
 * answers in text. The step limit keeps a confused model from looping forever.
 * With an advisor, the model may also call ask_advisor, and the advisor is asked
 * on its own when the model is stuck (the step limit, the same tool error twice).
 *
 * Every step only appends to the conversation, and every request offers the same tools
 * in the same order, so each step's prompt extends the previous one byte for byte and
 * the provider's prefix cache bills all of it but the new messages at the cached price.
 */
import type { ApiMessage, ApiToolCall } from './chat/types';
import type { ToolDefinition } from './provider/types';
import type { UsageView } from '../shared/protocol';
import { addUsage, ZERO_USAGE } from './chat/types';
import { ASK_ADVISOR, RepeatedToolErrors, type AgentAdvisor } from './advisor';

export interface ModelTurn {
  text: string;
  toolCalls: Array<{ id: string; name: string; arguments: string }>;
  usage?: UsageView;
  stopped: boolean;
}

export interface AgentDeps {
  /** One model request with these tools offered; streams to the UI on its own. */
  ask(messages: ApiMessage[], tools: readonly ToolDefinition[]): Promise<ModelTurn>;
  /** Runs a read-only tool and returns what the model should see (errors as text, never thrown). */
  runReadTool(name: string, args: Record<string, unknown>): Promise<string>;
  onStep(step: string): void;
  /** Context-gathering tools beyond the built-in three (VS Code's tools): their names, and how their steps read. */
  extraReadTools?: { has(name: string): boolean; describe(name: string, args: Record<string, unknown>): string };
  /** Set only when the advisor is on: without it no advisor tool is offered and no advisor request is sent. */
  advisor?: AgentAdvisor;
}

export interface AgentResult {
  text: string;
  editCalls: Array<{ id: string; name: string; arguments: string }>;
  steps: string[];
  usage: UsageView;
  stopped: boolean;
  messages: ApiMessage[];
}

const READ_TOOL_NAMES = new Set(['read_file', 'list_files', 'search_text']);

export function describeStep(name: string, args: Record<string, unknown>): string {
  const str = (key: string) => (typeof args[key] === 'string' ? (args[key] as string) : undefined);
  switch (name) {
    case 'read_file': {
      const lines = args.startLine !== undefined ? ` lines ${String(args.startLine)}–${String(args.endLine ?? 'end')}` : '';
      return `Read ${str('path') ?? '(no path)'}${lines}`;
    }
    case 'list_files':
      return `Listed files${str('glob') ? ` matching ${str('glob')}` : ''}`;
    case 'search_text':
      return `Searched for “${str('query') ?? ''}”${str('glob') ? ` in ${str('glob')}` : ''}`;
    default:
      return `Called ${name}`;
  }
}

function parseArgs(text: string): Record<string, unknown> | string {
  try {
    const value = JSON.parse(text || '{}') as unknown;
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : 'arguments must be a JSON object';
  } catch (error) {
    return `arguments are not valid JSON: ${(error as Error).message}`;
  }
}

export async function runAgent(
  initial: ApiMessage[],
  tools: { read: readonly ToolDefinition[]; edit: readonly ToolDefinition[] },
  maxSteps: number,
  deps: AgentDeps,
): Promise<AgentResult> {
  const messages = [...initial];
  const steps: string[] = [];
  const advisor = deps.advisor;
  const isRead = (name: string) => READ_TOOL_NAMES.has(name) || deps.extraReadTools?.has(name) === true || (advisor !== undefined && name === ASK_ADVISOR);
  const read = advisor ? [...tools.read, advisor.tool] : tools.read;
  const toolErrors = new RepeatedToolErrors();
  let usage = ZERO_USAGE;
  // One list for every step: a list that changed at the step limit would break the cached prefix.
  const offered = [...read, ...tools.edit];
  // Each round that continues adds at least one step, so the step limit ends the loop.
  for (;;) {
    const lastRound = steps.length >= maxSteps;
    if (lastRound) {
      const advice = await advisor?.stuck('step-limit', `The executor used all ${maxSteps} read steps without proposing its changes. What should it propose now?`, messages);
      messages.push({
        role: 'user',
        content: `You have used all ${maxSteps} read steps: further read calls are not run. Propose your changes now with the edit tools, or answer in text.${advice ? `\n\n${advice}` : ''}`,
      });
    }
    const turn = await deps.ask(messages, offered);
    usage = addUsage(usage, turn.usage);
    const edits = turn.toolCalls.filter((c) => !isRead(c.name));
    const reads = turn.toolCalls.filter((c) => isRead(c.name));
    if (turn.stopped || edits.length > 0 || reads.length === 0 || lastRound) {
      return { text: turn.text, editCalls: edits, steps, usage, stopped: turn.stopped, messages };
    }
    const calls: ApiToolCall[] = reads.map((c) => ({ id: c.id, type: 'function', function: { name: c.name, arguments: c.arguments } }));
    messages.push({ role: 'assistant', content: turn.text || null, tool_calls: calls });
    let repeatedError: string | undefined;
    for (const call of reads) {
      const args = parseArgs(call.arguments);
      let result: string;
      if (typeof args === 'string') {
        result = `Error: ${args}`;
        steps.push(`${call.name}: ${args}`);
      } else if (advisor && call.name === ASK_ADVISOR) {
        // The consultation shows as its own advisor step; it counts toward the limit like any other step.
        steps.push('Asked the advisor');
        result = await advisor.ask(args, messages);
      } else {
        const step = deps.extraReadTools?.has(call.name) ? deps.extraReadTools.describe(call.name, args) : describeStep(call.name, args);
        steps.push(step);
        deps.onStep(step);
        result = await deps.runReadTool(call.name, args);
      }
      messages.push({ role: 'tool', tool_call_id: call.id, content: result });
      if (advisor && call.name !== ASK_ADVISOR && toolErrors.repeated(call.name, result)) repeatedError ??= `${call.name} failed twice with: ${result}`;
    }
    if (advisor && repeatedError) {
      const advice = await advisor.stuck('repeated-error', `The executor keeps getting the same tool error. ${repeatedError}\nHow should it proceed?`, messages);
      if (advice) messages.push({ role: 'user', content: advice });
    }
  }
}

/**
 * The task's conversation after the agent's last answer, its edit calls answered, so that
 * a follow-up request (the repair turn) extends what the model was last sent instead of
 * starting over: the provider bills the shared prefix at the cached price.
 */
export function conversationAfter(result: Pick<AgentResult, 'messages' | 'text' | 'editCalls'>, answer: string): ApiMessage[] {
  if (!result.editCalls.length) return [...result.messages, { role: 'assistant', content: result.text }];
  const calls: ApiToolCall[] = result.editCalls.map((c) => ({ id: c.id, type: 'function', function: { name: c.name, arguments: c.arguments } }));
  return [
    ...result.messages,
    { role: 'assistant', content: result.text || null, tool_calls: calls },
    ...calls.map((c): ApiMessage => ({ role: 'tool', tool_call_id: c.id, content: answer })),
  ];
}
