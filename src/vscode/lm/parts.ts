/**
 * Sorts VS Code's language-model parts into the plain LmPart shapes of src/core/lm,
 * by class where the editor has the class and by shape otherwise (a text part and a
 * thinking part look alike; only the class tells them apart).
 */
import type { LmMessage, LmPart } from '../../core/lm/messages';
import type { PartClasses, RequestMessage } from './api';

type Loose = Record<string, unknown>;

const is = (value: unknown, ctor: PartClasses[keyof PartClasses]): boolean => !!ctor && value instanceof ctor;

function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string').join('') : '';
}

/** Text a prompt-tsx element carries (its JSON tree), so a tool result written with prompt-tsx is still read. */
function tsxText(node: unknown): string {
  if (!node || typeof node !== 'object') return typeof node === 'string' ? node : '';
  const record = node as Loose;
  if (typeof record.text === 'string') return record.text;
  const children = (record.children ?? (record.node as Loose | undefined)?.children) as unknown;
  return Array.isArray(children) ? children.map(tsxText).join('') : '';
}

export function classifyPart(part: unknown, classes: PartClasses): LmPart {
  if (!part || typeof part !== 'object') return typeof part === 'string' ? { kind: 'text', text: part } : { kind: 'other', what: `a ${typeof part} value` };
  const p = part as Loose;
  if (is(part, classes.Thinking)) return { kind: 'thinking', text: textOf(p.value) };
  if (is(part, classes.ToolCall) || (typeof p.callId === 'string' && typeof p.name === 'string' && 'input' in p)) {
    return { kind: 'toolCall', callId: p.callId as string, name: p.name as string, input: p.input };
  }
  if (is(part, classes.ToolResult) || (typeof p.callId === 'string' && Array.isArray(p.content))) {
    return { kind: 'toolResult', callId: p.callId as string, parts: (p.content as unknown[]).map((c) => classifyPart(c, classes)) };
  }
  if (is(part, classes.Data) || (typeof p.mimeType === 'string' && p.data instanceof Uint8Array)) {
    return { kind: 'data', mime: p.mimeType as string, bytes: p.data as Uint8Array };
  }
  if (is(part, classes.PromptTsx)) return { kind: 'text', text: tsxText(p.value) };
  if (is(part, classes.Text) || typeof p.value === 'string') return { kind: 'text', text: p.value as string };
  return { kind: 'other', what: `a part of an unknown kind (${Object.keys(p).slice(0, 4).join(', ') || 'empty'})` };
}

const ROLES: Readonly<Record<number, LmMessage['role']>> = { 1: 'user', 2: 'assistant', 3: 'system' };

export function classifyMessage(message: RequestMessage, classes: PartClasses): LmMessage {
  const role = ROLES[message.role] ?? 'user';
  return { role, parts: message.content.map((part) => classifyPart(part, classes)) };
}
