/** A user message: plain text (never markdown-rendered), its chips, images and videos. */
import type { MessageView } from '../../src/shared/protocol';
import { imageDataUrl } from '../../src/shared/media';
import { h } from '../dom';

export function userMessageView(message: MessageView): HTMLElement {
  const images = (message.images ?? []).map((image) => {
    const src = imageDataUrl(image.mime, image.base64);
    if (!src) return h('span', { className: 'chip', text: `${image.name} (not shown: not an image type)` });
    return h('img', {
      className: 'thumb',
      attrs: { src, alt: image.name, title: image.name, 'data-action': 'enlarge', tabindex: '0', role: 'button', 'aria-label': `Enlarge ${image.name}` },
    });
  });
  const labels = [...(message.chips ?? []).map((label) => ['chip', label]), ...(message.videos ?? []).map((name) => ['chip video', `Video: ${name}`])];
  return h('article', { className: 'message user', attrs: { 'data-message-id': message.id, 'aria-label': 'You' } }, [
    labels.length ? h('div', { className: 'chip-row' }, labels.map(([className, text]) => h('span', { className, text }))) : null,
    images.length ? h('div', { className: 'thumb-row' }, images) : null,
    h('div', { className: 'user-text', text: message.text }),
  ]);
}
