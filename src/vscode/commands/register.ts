import * as vscode from 'vscode';
import type { CommandDeps } from './editingRunner';
import { addDocumentation, explainOrAsk, fixProblems, generateTests, refactor, type CommandArgs } from './codeCommands';
import { renameSymbol, type RenameArgs } from './renameCommand';
import { screenshotToCode, type ScreenshotArgs } from './screenshotCommand';
import { addToChat } from './chatContext';
import type { KeyCommands } from '../provider/keyCommands';
import type { CostStatusBar } from '../statusBar';
import type { Logger } from '../log';
import type { Shell } from '../shell';

/** Every palette / context-menu command. Each returns its outcome so tests and other extensions can use it. */
export function registerCommands(shell: Shell, deps: CommandDeps, keys: KeyCommands, statusBar: CostStatusBar, log: Logger): vscode.Disposable[] {
  const safe =
    <A extends unknown[], R>(name: string, fn: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R | undefined> => {
      try {
        return await fn(...args);
      } catch (error) {
        log.error(`${name} failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
        void vscode.window.showErrorMessage(`Step Flash: ${name} failed — ${(error as Error).message}`);
        return undefined;
      }
    };
  const commands: Record<string, (...args: never[]) => unknown> = {
    'stepFlash.openChat': () => deps.chatView.focusInput(),
    'stepFlash.newChat': safe('New Chat', () => deps.chat.newChat()),
    'stepFlash.showLog': () => log.show(),
    'stepFlash.setApiKey': safe('Set API Key', (key?: string) => keys.setApiKey(typeof key === 'string' ? key : undefined)),
    'stepFlash.clearApiKey': safe('Clear API Key', () => keys.clearApiKey()),
    'stepFlash.showConnectionStatus': safe('Show Connection Status', (show?: boolean) => keys.connectionStatus(show !== false)),
    'stepFlash.chooseProvider': safe('Choose Provider', () => keys.chooseProvider()),
    'stepFlash.chooseModel': safe('Choose Model', () => keys.chooseModel()),
    'stepFlash.showCost': () => statusBar.showBreakdown(),
    'stepFlash.addSelectionToChat': safe('Add Selection to Chat', () => addToChat(deps, 'selection')),
    'stepFlash.addFileToChat': safe('Add File to Chat', (uri?: vscode.Uri) => addToChat(deps, 'file', uri)),
    'stepFlash.explain': safe('Explain', () => explainOrAsk(deps, 'explain')),
    'stepFlash.askAboutSelection': safe('Ask About Selection', (args?: CommandArgs) => explainOrAsk(deps, 'ask', args)),
    'stepFlash.renameSymbol': safe('Rename Symbol', (args?: RenameArgs) => renameSymbol(deps, args)),
    'stepFlash.fixProblems': safe('Fix Problems', () => fixProblems(deps)),
    'stepFlash.refactor': safe('Refactor', (args?: CommandArgs) => refactor(deps, args)),
    'stepFlash.generateTests': safe('Generate Tests', () => generateTests(deps)),
    'stepFlash.addDocumentation': safe('Add Documentation', () => addDocumentation(deps)),
    'stepFlash.screenshotToCode': safe('Screenshot to Code', (args?: ScreenshotArgs) => screenshotToCode(deps, args)),
  };
  return Object.entries(commands).map(([id, fn]) => shell.handle(id, fn));
}
