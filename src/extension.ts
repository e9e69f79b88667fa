import * as vscode from 'vscode';
import { ChatViewProvider } from './vscode/chatView';
import { createLogger } from './vscode/log';

/** Builds the adapters and registers views and commands; all behaviour lives elsewhere. */
export function activate(context: vscode.ExtensionContext): void {
  const log = createLogger(context, () => []);
  const chatView = new ChatViewProvider(context.extensionUri, log);
  context.subscriptions.push(
    chatView,
    vscode.window.registerWebviewViewProvider(ChatViewProvider.viewId, chatView, {
      webviewOptions: { retainContextWhenHidden: true },
    }),
    vscode.commands.registerCommand('stepFlash.openChat', () => chatView.reveal()),
    vscode.commands.registerCommand('stepFlash.showLog', () => log.show()),
  );
}

export function deactivate(): void {}
