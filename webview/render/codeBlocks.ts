/**
 * Gives each rendered code block its toolbar. The buttons carry only a data-action;
 * one delegated listener on the transcript handles them all (see transcript/actions.ts),
 * so a thousand messages do not mean thousands of listeners.
 */
export type CodeAction = 'copy' | 'insert' | 'apply';

function actionButton(action: CodeAction, label: string, describe: string): HTMLButtonElement {
  const element = document.createElement('button');
  element.type = 'button';
  element.className = 'btn btn-small';
  element.dataset.action = action;
  element.textContent = label;
  element.setAttribute('aria-label', describe);
  element.title = describe;
  return element;
}

export function decorateCodeBlocks(root: ParentNode): number {
  const blocks = Array.from(root.querySelectorAll<HTMLPreElement>('pre.code-block'));
  for (const pre of blocks) {
    if (pre.parentElement?.classList.contains('code-wrap')) continue;
    const language = pre.dataset.lang ?? '';
    const wrap = document.createElement('div');
    wrap.className = 'code-wrap';
    const bar = document.createElement('div');
    bar.className = 'code-bar';
    const label = document.createElement('span');
    label.className = 'code-lang';
    label.textContent = pre.dataset.path ?? (language || 'text');
    const what = language ? `${language} code` : 'code';
    bar.append(
      label,
      actionButton('copy', 'Copy', `Copy ${what}`),
      actionButton('insert', 'Insert', `Insert ${what} at the cursor`),
      actionButton('apply', 'Apply', `Apply ${what} (opens a review first)`),
    );
    pre.replaceWith(wrap);
    wrap.append(bar, pre);
  }
  return blocks.length;
}
