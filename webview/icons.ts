/**
 * Codicons, VS Code's own icon font (@vscode/codicons, bundled into dist/ and
 * served under the webview's CSP), so icons render on every platform and follow
 * the theme's icon colour — an emoji may have no glyph at all.
 */
import { h } from './dom';

export type IconName = 'trash' | 'history' | 'lock' | 'unlock' | 'key' | 'close' | 'debug-stop' | 'warning';

export function icon(name: IconName): HTMLElement {
  return h('span', { className: `codicon codicon-${name}`, attrs: { 'aria-hidden': 'true' } });
}

/** A small icon-only button; `label` is its accessible name and tooltip. */
export function iconButton(name: IconName, label: string, onClick: (event: MouseEvent) => void, attrs: Record<string, string | undefined> = {}): HTMLButtonElement {
  return h('button', { className: 'btn-icon', attrs: { type: 'button', 'aria-label': label, title: label, ...attrs }, on: { click: onClick } }, [icon(name)]);
}
