/** A user message: plain text (never markdown-rendered), its chips, images and videos. */
import type { UserView } from '../../src/shared/turnEvents';
import { h } from '../dom';

export function userMessageView(turnId: string, message: UserView): HTMLElement {
  const images = (message.images ?? []).map((image) =>
    h('img', {
      className: 'thumb',
      attrs: { src: `data:${image.mime};base64,${image.base64}`, alt: image.name, title: image.name, 'data-action': 'enlarge', tabindex: '0', role: 'button', 'aria-label': `Enlarge ${image.name}` },
    }),
  );
  const labels = [...(message.chips ?? []).map((label) => ['chip', label]), ...(message.videos ?? []).map((name) => ['chip video', `Video: ${name}`])];
  return h('article', { className: 'message user', attrs: { 'data-question-of': turnId, 'aria-label': 'You' } }, [
    labels.length ? h('div', { className: 'chip-row' }, labels.map(([className, text]) => h('span', { className, text }))) : null,
    images.length ? h('div', { className: 'thumb-row' }, images) : null,
    h('div', { className: 'user-text', text: message.text }),
  ]);
}
