/**
 * Keeps the transcript's messages in groups of GROUP_SIZE instead of as direct
 * children of the scroller. Whenever the streaming answer grows, the browser lays
 * out the scroller again and visits each of its children; with a thousand messages
 * as children that visit cost more than drawing the new text. Grouped, it visits
 * one group per GROUP_SIZE messages plus the messages of the last group. A group is
 * a plain block, so messages space and read exactly as they would ungrouped.
 */
const GROUP_SIZE = 20;

function group(): HTMLElement {
  const element = document.createElement('div');
  element.className = 'message-group';
  return element;
}

/** Replaces the scroller's content with `nodes`, grouped; `empty` when there are none. */
export function replaceMessages(scroller: HTMLElement, nodes: readonly HTMLElement[], empty: HTMLElement): void {
  const groups: HTMLElement[] = [];
  for (let i = 0; i < nodes.length; i += GROUP_SIZE) {
    const next = group();
    next.append(...nodes.slice(i, i + GROUP_SIZE));
    groups.push(next);
  }
  scroller.replaceChildren(...(groups.length ? groups : [empty]));
}

/** Appends `nodes` (a question and its answer, kept together) to the last group, or a new one once it is full. */
export function appendMessages(scroller: HTMLElement, ...nodes: HTMLElement[]): void {
  let last = scroller.lastElementChild;
  if (!last?.classList.contains('message-group') || last.childElementCount >= GROUP_SIZE) {
    last = group();
    scroller.append(last);
  }
  last.append(...nodes);
}
