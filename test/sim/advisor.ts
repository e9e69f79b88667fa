/**
 * The simulator's advisor (test code; docs/simulator.md): with SimOptions.advisor on, a
 * chat completion whose model is none of the executor's models is answered as the
 * advisor under that model id — from the advisor queue (enqueueAdvisor) first, then the
 * advisor function, by default `advisorReply`. Faults and delays script an advisor that
 * refuses the key or is too slow, while the executor's queue goes on independently.
 */
import type { SimReply } from './types';

function lastUserText(body: unknown): string {
  const messages = (body as { messages?: Array<{ role?: unknown; content?: unknown }> })?.messages ?? [];
  const last = [...messages].reverse().find((m) => m.role === 'user');
  const content = last?.content;
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) return content.map((p: { text?: unknown }) => (typeof p?.text === 'string' ? p.text : '')).join('\n');
  return '';
}

const PATH = /\b[\w-]+(?:\/[\w.-]+)*\.(?:ts|tsx|js|jsx|vue|svelte|css|html|py|go|rs|java|md)\b/g;

/** The default advisor: a numbered plan when asked for one, else advice naming the files the question mentions. */
export function advisorReply(body: unknown): SimReply {
  const asked = lastUserText(body);
  const files = [...new Set(asked.match(PATH) ?? [])].slice(0, 3);
  const where = files.length ? files.map((f) => `\`${f}\``).join(', ') : 'the files named in the task';
  if (/numbered plan/i.test(asked)) {
    return {
      content: [
        `1. Read ${where} before changing anything.`,
        '2. Make the smallest change that does the task; keep the public names.',
        '3. Update every caller in the same proposal.',
        '4. Propose all edits at once with edit_file, copying each search text exactly.',
      ].join('\n'),
    };
  }
  return { content: `Work from the current text of ${where}: copy each search passage exactly as it is now, include a line of context on each side, and change one place per edit.` };
}
