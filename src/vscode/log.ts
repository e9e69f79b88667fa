import * as vscode from 'vscode';
import { redactSecrets } from '../core/redact';

/**
 * The extension's one output channel. Every line passes through redactSecrets so
 * that an API key echoed by a server or an error can never reach the log.
 */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  show(): void;
}

export function createLogger(context: vscode.ExtensionContext, knownSecrets: () => readonly string[]): Logger {
  const channel = vscode.window.createOutputChannel('Step Flash', { log: true });
  context.subscriptions.push(channel);
  const clean = (message: string) => redactSecrets(message, knownSecrets());
  return {
    info: (message) => channel.info(clean(message)),
    warn: (message) => channel.warn(clean(message)),
    error: (message) => channel.error(clean(message)),
    show: () => channel.show(true),
  };
}
