/** The scripted answer used when no test queued one: friendly, and shows every part of a reply. */
import type { SimReply } from './types';

function lastUserText(body: unknown): string {
  const messages = (body as { messages?: unknown } | null)?.messages;
  if (!Array.isArray(messages)) return '';
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i] as { role?: unknown; content?: unknown } | null;
    if (m?.role !== 'user') continue;
    if (typeof m.content === 'string') return m.content;
    if (Array.isArray(m.content)) {
      const texts = m.content.filter((p: { type?: unknown }) => p?.type === 'text').map((p: { text?: unknown }) => String(p.text ?? ''));
      const media = m.content.length - texts.length;
      return texts.join('\n') + (media ? `\n[${media} image/video attachment${media === 1 ? '' : 's'}]` : '');
    }
  }
  return '';
}

export function defaultReply(body: unknown): SimReply {
  const said = lastUserText(body).trim();
  const quoted = said ? said.split('\n').map((l) => `> ${l}`).join('\n') : '> (no user message)';
  return {
    reasoning: `The user wrote ${said.length} characters. This is the Step API simulator, so I will echo the message back and explain where the answer came from.`,
    content: `Hello from the **Step API simulator**. You said:\n\n${quoted}\n\nNo real model was called; queue scripted replies from a test to see anything else.`,
  };
}
