/**
 * One delegated listener for everything clickable inside messages: code-block
 * buttons, Apply all edits, Retry, error actions, thumbnails and links.
 * Links never navigate: the host is asked to open them (and confirms first).
 */
import type { ErrorActionId, WebviewMessage } from '../../src/shared/protocol';
import { ErrorActionId as ErrorActionIds } from '../../src/shared/protocol';
import { openableLink } from '../../src/shared/links';

export interface TranscriptActionsDeps {
  post(message: WebviewMessage): void;
  enlarge(src: string, alt: string): void;
  /** Brief feedback next to the pressed control, e.g. "Copied". */
  flash(target: HTMLElement, text: string): void;
}

function turnOf(element: Element): string {
  return element.closest<HTMLElement>('article[data-turn-id]')?.dataset.turnId ?? '';
}

function handle(target: HTMLElement, deps: TranscriptActionsDeps): boolean {
  const link = target.closest<HTMLElement>('[data-href]');
  if (link) {
    const href = openableLink(link.dataset.href ?? '');
    if (href) deps.post({ type: 'openLink', href });
    else deps.flash(link, 'Not opened: only http, https and mailto links open');
    return true;
  }
  const control = target.closest<HTMLElement>('[data-action]');
  if (!control) return false;
  const action = control.dataset.action;
  const pre = control.closest('.code-wrap')?.querySelector<HTMLPreElement>('pre');
  const code = pre?.querySelector('code')?.textContent ?? '';
  switch (action) {
    case 'copy':
      deps.post({ type: 'copyText', text: code });
      deps.flash(control, 'Copied');
      return true;
    case 'insert':
      deps.post({ type: 'insertCode', code });
      return true;
    case 'apply':
      deps.post({ type: 'applyCode', turnId: turnOf(control), code, language: pre?.dataset.lang ?? '', pathHint: pre?.dataset.path });
      return true;
    case 'apply-all':
      deps.post({ type: 'applyAnswer', turnId: turnOf(control) });
      return true;
    case 'retry':
      deps.post({ type: 'retry', turnId: turnOf(control) });
      return true;
    case 'advise':
      deps.post({ type: 'advise', turnId: turnOf(control) });
      return true;
    case 'error': {
      const id = ErrorActionIds.safeParse(control.dataset.errorAction);
      if (id.success) deps.post({ type: 'errorAction', turnId: turnOf(control), action: id.data as ErrorActionId });
      return true;
    }
    case 'enlarge': {
      const image = control as HTMLImageElement;
      deps.enlarge(image.src, image.alt);
      return true;
    }
    default:
      return false;
  }
}

export function attachTranscriptActions(root: HTMLElement, deps: TranscriptActionsDeps): void {
  root.addEventListener('click', (event) => {
    if (event.target instanceof HTMLElement && handle(event.target, deps)) event.preventDefault();
  });
  // Links and thumbnails are not buttons, so Enter/Space must be handled for keyboard users.
  root.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter' && event.key !== ' ') return;
    const target = event.target;
    if (!(target instanceof HTMLElement) || target instanceof HTMLButtonElement) return;
    if (!target.matches('[data-href], img[data-action]')) return;
    if (handle(target, deps)) event.preventDefault();
  });
  // Middle-click and the like must not open anything either.
  root.addEventListener('auxclick', (event) => event.preventDefault());
}
