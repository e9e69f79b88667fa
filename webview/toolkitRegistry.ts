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
}
