import * as vscode from 'vscode';
import { ChatViewProvider } from './vscode/chatView';
import { createLogger } from './vscode/log';

/** What activate() returns: the handles integration tests drive. */
export interface ExtensionApi {
  chatView: ChatViewProvider;
}

/** Builds the adapters and registers views and commands; all behaviour lives elsewhere. */
export function activate(context: vscode.ExtensionContext): ExtensionApi {
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
  return { chatView };
}

export function deactivate(): void {}
