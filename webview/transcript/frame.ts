/**
 * The message list's element and its empty-chat line, drawn with the first paint
 * (webview/shell.ts); webview/transcript/transcript.ts fills it once loaded.
 */
import { h } from '../dom';

export interface TranscriptFrame {
  readonly element: HTMLElement;
  readonly empty: HTMLElement;
}

export function transcriptFrame(emptyText: string): TranscriptFrame {
  const empty = h('p', { className: 'empty', text: emptyText });
  const element = h('section', { className: 'transcript', attrs: { role: 'log', 'aria-live': 'polite', 'aria-label': 'Messages', tabindex: '0' } }, [empty]);
  return { element, empty };
}
