/**
 * A user message: its chips, images and videos, and the text rendered as markdown
 * (sanitized like an answer) since that is how people write to a model. A long
 * message is folded to a few lines with Show more, so it does not push the
 * answer out of sight.
 */
import { imageDataUrl } from '../../src/shared/media';
import type { UserView } from '../../src/shared/turnEvents';
import { h } from '../dom';
import { renderMarkdown } from '../render/markdown';

/** Past either of these a message starts folded. */
const FOLD_LINES = 12;
const FOLD_CHARS = 900;

/**
 * `task` names the editor command the turn is the task of: the pair (question, answer) is drawn
 * as its own group, since it ran in its own context, not the chat's history.
 */
export function userMessageView(turnId: string, message: UserView, task?: string): HTMLElement {
  const images = (message.images ?? []).map((image) => {
    const src = imageDataUrl(image.mime, image.base64);
    if (!src) return h('span', { className: 'chip', text: `${image.name} (not shown: not an image type)` });
    return h('img', {
      className: 'thumb',
      attrs: { src, alt: image.name, title: image.name, 'data-action': 'enlarge', tabindex: '0', role: 'button', 'aria-label': `Enlarge ${image.name}` },
    });
  });
  const labels = [...(message.chips ?? []).map((label) => ['chip', label]), ...(message.videos ?? []).map((name) => ['chip video', `Video: ${name}`])];
  const text = h('div', { className: 'user-text markdown' }, [renderMarkdown(message.text)]);
  const long = message.text.split('\n').length > FOLD_LINES || message.text.length > FOLD_CHARS;
  const taskLine = task
    ? h('div', { className: 'task-label', attrs: { title: 'An editor command: it ran as its own task, with its own context rather than this chat’s history.' } }, [
        h('span', { className: 'badge task-badge', text: task }),
        h('span', { className: 'task-note', text: 'own context' }),
      ])
    : null;
  return h('article', { className: `message user${task ? ' task' : ''}`, attrs: { 'data-question-of': turnId, 'aria-label': task ? `You, ${task} task` : 'You' } }, [
    taskLine,
    labels.length ? h('div', { className: 'chip-row' }, labels.map(([className, label]) => h('span', { className, text: label }))) : null,
    images.length ? h('div', { className: 'thumb-row' }, images) : null,
    text,
    long ? foldToggle(text) : null,
  ]);
}

function foldToggle(text: HTMLElement): HTMLButtonElement {
  text.classList.add('folded');
  const toggle = h('button', { className: 'btn-link fold-toggle', text: 'Show more', attrs: { type: 'button', 'aria-expanded': 'false' } });
  toggle.addEventListener('click', () => {
    const folded = text.classList.toggle('folded');
    toggle.textContent = folded ? 'Show more' : 'Show less';
    toggle.setAttribute('aria-expanded', String(!folded));
  });
  return toggle;
}
