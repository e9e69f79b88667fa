/**
 * Turns stored turns into API messages: text, context blocks as fenced code,
 * images as image_url data URLs, videos as stepfile:// references.
 */
import type { ApiMessage, ContentPart, ContextBlock, TurnRecord } from './types';

export function renderContext(block: ContextBlock): string {
  const where = block.startLine !== undefined ? `${block.path} (from line ${block.startLine + 1})` : block.path;
  const fence = block.text.includes('```') ? '````' : '```';
  return `${block.label}: ${where}\n${fence}${block.language ?? ''}\n${block.text}\n${fence}`;
}

export function userContent(turn: TurnRecord): string | ContentPart[] {
  const text = [...(turn.context ?? []).map(renderContext), turn.text].filter(Boolean).join('\n\n');
  const images = turn.images ?? [];
  const videos = turn.videos ?? [];
  if (!images.length && !videos.length) return text;
  const parts: ContentPart[] = [];
  for (const image of images) {
    parts.push({ type: 'image_url', image_url: { url: `data:${image.mime};base64,${image.base64}`, detail: image.detail } });
  }
  for (const video of videos) parts.push({ type: 'video_url', video_url: { url: `stepfile://${video.fileId}` } });
  parts.push({ type: 'text', text: text || 'See the attachment.' });
  return parts;
}

/** Only finished exchanges go back to the model: a failed or empty answer would teach it nothing. */
export function toApiMessages(system: string, turns: readonly TurnRecord[]): ApiMessage[] {
  const messages: ApiMessage[] = [{ role: 'system', content: system }];
  for (const turn of turns) {
    if (turn.role === 'user') {
      messages.push({ role: 'user', content: userContent(turn) });
    } else if (turn.text.trim() && turn.status !== 'error') {
      messages.push({ role: 'assistant', content: turn.text });
    }
  }
  return messages;
}

export function titleFrom(text: string): string {
  const line = text.trim().split('\n')[0] ?? '';
  const clean = line.replace(/\s+/g, ' ').trim();
  if (!clean) return 'New chat';
  return clean.length > 60 ? `${clean.slice(0, 57)}…` : clean;
}
