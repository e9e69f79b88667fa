/**
 * Turns stored turns into API messages: text, context blocks as fenced code,
 * images as image_url data URLs, videos as stepfile:// references.
 */
import type { ApiMessage, ContentPart, ContextBlock, StoredTurn, StoredUser } from './types';

export function renderContext(block: ContextBlock): string {
  const where = block.startLine !== undefined ? `${block.path} (from line ${block.startLine + 1})` : block.path;
  const fence = block.text.includes('```') ? '````' : '```';
  return `${block.label}: ${where}\n${fence}${block.language ?? ''}\n${block.text}\n${fence}`;
}

export function userContent(user: StoredUser): string | ContentPart[] {
  const text = [...(user.context ?? []).map(renderContext), user.text].filter(Boolean).join('\n\n');
  const images = user.images ?? [];
  const videos = user.videos ?? [];
  if (!images.length && !videos.length) return text;
  const parts: ContentPart[] = [];
  for (const image of images) {
    parts.push({ type: 'image_url', image_url: { url: `data:${image.mime};base64,${image.base64}`, detail: image.detail } });
  }
  for (const video of videos) parts.push({ type: 'video_url', video_url: { url: `stepfile://${video.fileId}` } });
  parts.push({ type: 'text', text: text || 'See the attachment.' });
  return parts;
}

/**
 * The history, then the new message. A turn still streaming is not history yet, and
 * only answers with text go back: a failed or empty answer would teach the model nothing.
 */
export function toApiMessages(system: string, history: readonly StoredTurn[], next: StoredUser): ApiMessage[] {
  const messages: ApiMessage[] = [{ role: 'system', content: system }];
  for (const turn of history) {
    if (turn.status === 'streaming') continue;
    messages.push({ role: 'user', content: userContent(turn.user) });
    if (turn.text.trim() && turn.status !== 'error') messages.push({ role: 'assistant', content: turn.text });
  }
  messages.push({ role: 'user', content: userContent(next) });
  return messages;
}

export function titleFrom(text: string): string {
  const line = text.trim().split('\n')[0] ?? '';
  const clean = line.replace(/\s+/g, ' ').trim();
  if (!clean) return 'New chat';
  return clean.length > 60 ? `${clean.slice(0, 57)}…` : clean;
}
