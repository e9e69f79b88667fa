import * as vscode from 'vscode';
import { redactSecrets } from '../core/redact';

/**
 * The extension's one output channel (a LogOutputChannel, so the user picks the
 * level in the Output view). Every line passes through redactSecrets so that an
 * API key echoed by a server or an error can never reach the log.
 *
 * Levels: error — something the user asked for failed; warn — it will be retried,
 * or part of it did not work (a block that did not place); info — one line per
 * request, apply, key check; debug — queueing and other detail.
 */
export interface Logger {
  debug(message: string): void;
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
    debug: (message) => channel.debug(clean(message)),
    info: (message) => channel.info(clean(message)),
    warn: (message) => channel.warn(clean(message)),
    error: (message) => channel.error(clean(message)),
    show: () => channel.show(true),
  };
}
