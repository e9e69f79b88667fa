/**
 * Builders for the VS Code Webview UI Toolkit controls the chat uses. The toolkit
 * itself is defined later (webview/toolkitRegistry.ts, in the part loaded after the
 * first paint): until then these are plain elements that webview/chat.css draws in
 * the toolkit's shape, and the browser upgrades them in place once it is defined.
 * Nothing here may set a property the toolkit defines before that upgrade: an own
 * property would shadow the toolkit's for good. Attributes are safe.
 */
import type { Button, ButtonAppearance, Dropdown, Option } from '@vscode/webview-ui-toolkit';

export interface ToolkitButtonOptions {
  appearance?: ButtonAppearance;
  className?: string;
  ariaLabel?: string;
  title?: string;
  attrs?: Record<string, string | undefined>;
}

/** A <vscode-button>; the label doubles as the accessible name unless one is given. */
export function toolkitButton(label: string, onClick: (event: MouseEvent) => void, options: ToolkitButtonOptions = {}): Button {
  const element = document.createElement('vscode-button') as Button;
  element.setAttribute('appearance', options.appearance ?? 'secondary');
  if (options.className) element.className = options.className;
  element.textContent = label;
  // FAST forwards aria-* set on the host to the inner <button>, which is what assistive tech and keyboards reach.
  element.setAttribute('aria-label', options.ariaLabel ?? label);
  const title = options.title ?? options.ariaLabel;
  if (title) element.setAttribute('title', title);
  for (const [name, value] of Object.entries(options.attrs ?? {})) {
    if (value !== undefined) element.setAttribute(name, value);
  }
  element.addEventListener('click', onClick);
  const stateful = FORWARDED.filter((name) => element.hasAttribute(name));
  if (stateful.length) forwardAria(element, stateful);
  if (!customElements.get('vscode-button')) keyboardUntilDefined(element);
  return element;
}

/**
 * Until the toolkit is defined the element is inert: no tab stop, no keys. Meanwhile it is a button of its own
 * (role, tab stop, Enter and Space), so a keyboard user who reaches it early is not stranded; once upgraded, the
 * toolkit's inner <button> takes over and these are removed, leaving one tab stop.
 */
function keyboardUntilDefined(element: Button): void {
  element.setAttribute('role', 'button');
  element.setAttribute('tabindex', '0');
  const keys = (event: KeyboardEvent) => {
    if ((event.key !== 'Enter' && event.key !== ' ') || element.hasAttribute('disabled')) return;
    event.preventDefault();
    element.click();
  };
  element.addEventListener('keydown', keys);
  void customElements.whenDefined('vscode-button').then(() => {
    element.removeEventListener('keydown', keys);
    element.removeAttribute('role');
    element.removeAttribute('tabindex');
  });
}

// Toolkit 1.4 forwards only aria-label from the host to the inner <button> (FAST's delegation of the other aria-*
// does not reach it), so a screen reader would never hear that History is expanded. These are mirrored by hand.
const FORWARDED = ['aria-expanded', 'aria-pressed', 'aria-haspopup'];

function forwardAria(element: Button, names: string[]): void {
  const mirror = (): boolean => {
    const control = (element as unknown as { control?: HTMLElement }).control;
    if (!control) return false;
    for (const name of names) {
      const value = element.getAttribute(name);
      if (value === null) control.removeAttribute(name);
      else control.setAttribute(name, value);
    }
    return true;
  };
  new MutationObserver(() => mirror()).observe(element, { attributes: true, attributeFilter: names });
  // The inner <button> exists only once the toolkit is defined and the element connected; wait a few frames for that, then give up.
  let frames = 0;
  const initial = () => {
    if (!mirror() && (frames += 1) < 120) requestAnimationFrame(initial);
  };
  void customElements.whenDefined('vscode-button').then(initial);
}

/** Whether the browser has upgraded `element` to its toolkit class (the toolkit is defined). */
function upgraded(element: Element): boolean {
  return element.matches(':defined');
}

/** Sets a toolkit button's visible label and accessible name together. */
export function relabel(button: Button, label: string, ariaLabel = label): void {
  button.textContent = label;
  button.setAttribute('aria-label', ariaLabel);
  button.setAttribute('title', ariaLabel);
}

export interface DropdownChoice<T extends string> {
  value: T;
  label: string;
}

/** A <vscode-dropdown> picker. `select` sets the value without firing `change` (that is only for user choices). */
export class ToolkitDropdown<T extends string> {
  readonly element: Dropdown;

  constructor(choices: readonly DropdownChoice<T>[], options: { className?: string; ariaLabel: string; title?: string }, initial: T) {
    this.element = document.createElement('vscode-dropdown') as Dropdown;
    if (options.className) this.element.className = options.className;
    this.element.setAttribute('aria-label', options.ariaLabel);
    this.element.setAttribute('title', options.title ?? options.ariaLabel);
    for (const choice of choices) {
      const option = document.createElement('vscode-option') as Option;
      option.setAttribute('value', choice.value);
      option.textContent = choice.label;
      this.element.append(option);
    }
    this.select(initial);
  }

  get value(): string {
    if (upgraded(this.element)) return this.element.value;
    return this.element.querySelector('vscode-option[selected]')?.getAttribute('value') ?? '';
  }

  select(value: T): void {
    // Before the dropdown is upgraded and connected it has not read its options yet, so the `selected` attribute
    // carries the choice until then; afterwards setting `value` moves the selection.
    for (const option of this.element.querySelectorAll<Option>('vscode-option')) {
      option.toggleAttribute('selected', option.getAttribute('value') === value);
    }
    if (upgraded(this.element)) this.element.value = value;
  }

  onChange(listener: (value: string) => void): void {
    this.element.addEventListener('change', () => listener(this.element.value));
  }
}
