/**
 * Defines the toolkit's elements (webview/toolkit.ts builds them). Part of the chat
 * loaded after the first paint: registering the toolkit builds its design tokens,
 * which cost more than everything the first paint needs. The toolkit styles itself
 * through adopted style sheets plus one <style> that carries the page's csp-nonce,
 * so the strict CSP needs no 'unsafe-inline'. Only the components used are registered.
 */
import { provideVSCodeDesignSystem, vsCodeButton, vsCodeDropdown, vsCodeOption } from '@vscode/webview-ui-toolkit';

/** Defines <vscode-button>, <vscode-dropdown> and <vscode-option>; the ones already in the page upgrade in place. */
export function registerToolkit(): void {
  if (customElements.get('vscode-button')) return;
  provideVSCodeDesignSystem().register(vsCodeButton(), vsCodeDropdown(), vsCodeOption());
  // The toolkit reads VS Code's theme, and starts watching for theme changes, on the window's load event. That
  // event has passed when this chunk runs after the first paint, so the controls kept the toolkit's own dark
  // defaults in every theme. The chat itself has no load listener for a second event to reach.
  if (document.readyState === 'complete') window.dispatchEvent(new Event('load'));
}
