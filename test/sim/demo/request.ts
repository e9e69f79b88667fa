/**
 * What the demo model reads from a chat-completions body: the command (from the system
 * prompt the product sends), the tools offered, the task message with its context blocks
 * and images, and every tool call made since with its result. File texts come only from
 * what the request carries — context blocks and read_file results — never from disk.
 */
import { EFFORT_POLICY, type Intent } from '../../../src/core/effort';
import { commandSystemPrompt } from '../../../src/core/prompts';

export interface ContextText {
  label: string;
  path: string;
  language: string;
  text: string;
  /** 0-based first line of a selection. */
  startLine?: number;
}

export interface ToolExchange {
  name: string;
  args: Record<string, unknown>;
  /** The tool message's content; undefined when the result has not come back. */
  result?: string;
}

export interface DemoRequest {
  model: string;
  system: string;
  /** The editing or explaining command, recognised by its system prompt; undefined for the chat. */
  intent?: Intent;
  offered: Set<string>;
  /** The task message's own words, context blocks taken out. */
  task: string;
  blocks: ContextText[];
  images: string[];
  exchanges: ToolExchange[];
  /** Earlier finished chat turns (user and assistant text), for conversation. */
  history: Array<{ role: string; text: string }>;
  /** The request ends on the agent loop's step-limit note: the tools are still offered (a stable prefix) but reads are not run. */
  readsUsedUp: boolean;
}

type Message = { role?: unknown; content?: unknown; tool_calls?: unknown; tool_call_id?: unknown };

/** The sentence after "Task: " in each command's system prompt, taken from the product's own prompts. */
const TASKS: Array<[Intent, string]> = (Object.keys(EFFORT_POLICY) as Intent[]).filter((i) => i !== 'chat').flatMap((intent) => {
  const m = /Task: (.*)/.exec(commandSystemPrompt(intent, false));
  return m ? [[intent, m[1]] as [Intent, string]] : [];
});

function textOf(content: unknown): { text: string; images: string[] } {
  if (typeof content === 'string') return { text: content, images: [] };
  if (!Array.isArray(content)) return { text: '', images: [] };
  const texts: string[] = [];
  const images: string[] = [];
  for (const part of content as Array<Record<string, unknown>>) {
    if (part?.type === 'text' && typeof part.text === 'string') texts.push(part.text);
    const url = (part?.image_url as { url?: unknown } | undefined)?.url;
    if (part?.type === 'image_url' && typeof url === 'string') images.push(url);
  }
  return { text: texts.join('\n\n'), images };
}

const BLOCK_HEAD = /^([A-Z][A-Za-z ]*): (\S[^\n]*?)(?: \(from line (\d+)\))?\n(`{3,})([^\n`]*)\n/gm;

/** Context blocks as the product renders them (src/core/chat/messages.ts renderContext), and the words around them. */
export function splitContext(text: string): { blocks: ContextText[]; rest: string } {
  const blocks: ContextText[] = [];
  let rest = '';
  let at = 0;
  BLOCK_HEAD.lastIndex = 0;
  for (let m = BLOCK_HEAD.exec(text); m; m = BLOCK_HEAD.exec(text)) {
    if (m.index < at) continue;
    const bodyStart = m.index + m[0].length;
    const fence = m[4];
    let close = text.indexOf(`\n${fence}`, bodyStart - 1);
    while (close >= 0 && !/^(\n|$)/.test(text.slice(close + 1 + fence.length, close + 2 + fence.length))) close = text.indexOf(`\n${fence}`, close + 1);
    if (close < 0) break;
    blocks.push({
      label: m[1],
      path: m[2],
      language: m[5].trim(),
      text: close < bodyStart ? '' : text.slice(bodyStart, close),
      ...(m[3] !== undefined ? { startLine: Number(m[3]) - 1 } : {}),
    });
    rest += text.slice(at, m.index);
    at = close + 1 + fence.length;
    BLOCK_HEAD.lastIndex = at;
  }
  rest += text.slice(at);
  return { blocks, rest: rest.trim() };
}

function parseArgs(text: unknown): Record<string, unknown> {
  try {
    const value = JSON.parse(typeof text === 'string' && text ? text : '{}') as unknown;
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

export function readRequest(body: unknown): DemoRequest {
  const b = (body ?? {}) as Record<string, unknown>;
  const messages = (Array.isArray(b.messages) ? b.messages : []) as Message[];
  const system = messages.filter((m) => m?.role === 'system').map((m) => textOf(m.content).text).join('\n');
  const offered = new Set(
    (Array.isArray(b.tools) ? b.tools : []).map((t: { function?: { name?: unknown } }) => String(t?.function?.name ?? '')).filter(Boolean),
  );
  // The task is the last user message that starts a turn. A user message after tool results, or right
  // after another user message, is the agent loop's step-limit nudge, not a new task.
  let taskIndex = -1;
  let toolsSince = false;
  messages.forEach((m, i) => {
    if (m?.role === 'user' && !toolsSince && messages[i - 1]?.role !== 'user') taskIndex = i;
    if (m?.role === 'tool') toolsSince = true;
    if (m?.role === 'assistant' && !Array.isArray(m.tool_calls)) toolsSince = false;
  });
  const task = taskIndex >= 0 ? textOf(messages[taskIndex].content) : { text: '', images: [] };
  const { blocks, rest } = splitContext(task.text);
  const exchanges: ToolExchange[] = [];
  const byId = new Map<string, ToolExchange>();
  for (const m of messages.slice(taskIndex + 1)) {
    if (m?.role === 'assistant' && Array.isArray(m.tool_calls)) {
      for (const call of m.tool_calls as Array<{ id?: unknown; function?: { name?: unknown; arguments?: unknown } }>) {
        const exchange: ToolExchange = { name: String(call?.function?.name ?? ''), args: parseArgs(call?.function?.arguments) };
        exchanges.push(exchange);
        byId.set(String(call?.id ?? ''), exchange);
      }
    } else if (m?.role === 'tool') {
      const exchange = byId.get(String(m.tool_call_id ?? ''));
      if (exchange) exchange.result = textOf(m.content).text;
    }
  }
  const history = messages
    .slice(0, Math.max(0, taskIndex))
    .filter((m) => (m?.role === 'user' || m?.role === 'assistant') && !Array.isArray(m.tool_calls))
    .map((m) => ({ role: String(m.role), text: textOf(m.content).text }));
  return {
    model: String(b.model ?? ''),
    system,
    intent: TASKS.find(([, sentence]) => system.includes(sentence))?.[0],
    offered,
    task: rest,
    blocks,
    images: task.images,
    exchanges,
    history,
    readsUsedUp: messages.length - 1 > taskIndex && messages.at(-1)?.role === 'user' && /used all \d+ read steps/.test(textOf(messages.at(-1)!.content).text),
  };
}

export function canRead(req: DemoRequest): boolean {
  return req.offered.has('read_file') && !req.readsUsedUp;
}

export function normalizePath(path: string): string {
  return path.replace(/\\/g, '/').replace(/^\.\//, '');
}

/** The whole text of a read_file result ("N: line" per line), or undefined when it is partial or an error. */
export function unnumber(result: string): string | undefined {
  if (result === '(empty file)') return '';
  if (result.startsWith('Error:') || result.includes('… [truncated')) return undefined;
  const lines = result.split('\n');
  if (lines.at(-1) === '') lines.pop();
  const out: string[] = [];
  for (const line of lines) {
    const m = /^(\d+): ?(.*)$/.exec(line);
    if (!m || Number(m[1]) !== out.length + 1) return undefined;
    out.push(m[2]);
  }
  return out.join('\n');
}

/** The current whole text of `path` as the request shows it: the newest full read, else a whole-file context block. */
export function knownText(req: DemoRequest, path: string): string | undefined {
  const want = normalizePath(path);
  for (let i = req.exchanges.length - 1; i >= 0; i--) {
    const e = req.exchanges[i];
    if (e.name !== 'read_file' || normalizePath(String(e.args.path ?? '')) !== want || e.result === undefined) continue;
    if (e.args.startLine !== undefined || e.args.endLine !== undefined) continue;
    const text = unnumber(e.result);
    if (text !== undefined) return text;
  }
  return req.blocks.find((b) => b.label !== 'Selection' && normalizePath(b.path) === want)?.text;
}

/** Whether `name` was already called (with these arguments, when given). */
export function called(req: DemoRequest, name: string, args?: Record<string, unknown>): ToolExchange | undefined {
  return req.exchanges.find((e) => e.name === name && (!args || Object.entries(args).every(([k, v]) => e.args[k] === v)));
}
