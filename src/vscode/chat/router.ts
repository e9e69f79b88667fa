import * as vscode from 'vscode';
import type { WebviewMessage, WebviewMessageOf } from '../../shared/protocol';
import { openableLink } from '../../shared/links';
import type { ContextBlock } from '../../core/chat/types';
import { PROFILE_DEFAULTS, PROVIDER_IDS } from '../../core/provider';
import { chipBlock, type FileIndex } from '../context';
import type { EditFlow } from '../edits/editFlow';
import type { Logger } from '../log';
import type { ProviderService } from '../provider/providerService';
import type { ChatController } from './controller';
import type { VideoUploads } from './videoUploads';
import { summarize } from '../commands/editingRunner';
import { fencedBodies } from '../../core/edits';
import { updateSetting } from '../settings';

const MAX_DROPPED_BYTES = 130 * 1024 * 1024;

/**
 * Routes every validated webview message to the piece that handles it. Nothing
 * the webview asks for writes a file: Apply goes to the review.
 */
export class ChatRouter {
  constructor(
    private readonly chat: ChatController,
    private readonly provider: ProviderService,
    private readonly videos: VideoUploads,
    private readonly files: FileIndex,
    private readonly edits: EditFlow,
    private readonly log: Logger,
  ) {}

  async handle(message: WebviewMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
        return this.chat.sync();
      case 'send':
        return this.chat.handleSend(message, (m) => this.resolveChips(m), (ids) => this.videos.resolve(ids));
      case 'stop':
        return this.chat.stop(message.turnId);
      case 'retry':
        return this.chat.retry(message.turnId);
      case 'advise':
        return this.chat.advise(message.turnId);
      case 'newChat':
        return this.chat.newChat();
      case 'openChat':
        return this.chat.open(message.chatId);
      case 'deleteChat':
        return this.chat.delete(message.chatId);
      case 'completeFiles':
        this.chat.post({ type: 'fileCompletions', requestId: message.requestId, items: await this.files.complete(message.query) });
        return;
      case 'resolveUris':
        return this.resolveUris(message);
      case 'attachVideo':
        return this.videos.attach(message.id, message.name, message.bytes);
      case 'cancelVideo':
        return this.videos.cancel(message.id);
      case 'copyText':
        await vscode.env.clipboard.writeText(message.text);
        return;
      case 'insertCode':
        return this.insert(message.code);
      case 'applyCode':
        return message.pathHint
          ? this.apply(`${message.pathHint}\n\`\`\`${message.language}\n${message.code}\n\`\`\``, message.turnId)
          : this.apply(message.code, message.turnId, message.code);
      case 'applyAnswer':
        return this.apply(this.chat.answerText(message.turnId) ?? '', message.turnId);
      case 'openLink':
        return this.openLink(message.href);
      case 'errorAction':
        return this.errorAction(message);
      case 'log':
        this.log[message.level](`[webview] ${message.message}`);
        return;
      case 'setup':
        return this.setup(message);
    }
  }

  /** The chat's first-run buttons: each ends with the chat told the new status. */
  private async setup(message: WebviewMessageOf<'setup'>): Promise<void> {
    if (message.action === 'setApiKey') await vscode.commands.executeCommand('stepFlash.setApiKey');
    else if (message.action === 'chooseProvider') await vscode.commands.executeCommand('stepFlash.chooseProvider');
    else {
      const target = PROVIDER_IDS.find((id) => id === message.provider);
      if (!target) {
        this.log.warn(`setup: "${message.provider ?? ''}" is not a provider`);
        return;
      }
      await updateSetting('provider', target);
      this.log.info(`provider set to ${target} from the chat`);
    }
    await this.chat.syncStatus();
  }

  private async resolveChips(message: WebviewMessageOf<'send'>): Promise<ContextBlock[]> {
    return Promise.all(message.chips.map((chip) => chipBlock(chip)));
  }

  private async resolveUris(message: WebviewMessageOf<'resolveUris'>): Promise<void> {
    const files: Array<{ name: string; bytes: Uint8Array<ArrayBuffer> }> = [];
    const errors: string[] = [];
    for (const raw of message.uris) {
      try {
        const uri = vscode.Uri.parse(raw, true);
        const stat = await vscode.workspace.fs.stat(uri);
        const name = uri.path.split('/').pop() ?? 'file';
        if (stat.type & vscode.FileType.Directory) errors.push(`${name} is a folder; drop files instead.`);
        else if (stat.size > MAX_DROPPED_BYTES) errors.push(`${name} is larger than 130 MB and cannot be attached.`);
        else files.push({ name, bytes: new Uint8Array(await vscode.workspace.fs.readFile(uri)) });
      } catch (error) {
        errors.push(`Could not read ${raw}: ${(error as Error).message}`);
      }
    }
    this.chat.post({ type: 'resolvedFiles', requestId: message.requestId, files, errors });
  }

  private async insert(code: string): Promise<void> {
    const editor = vscode.window.activeTextEditor ?? vscode.window.visibleTextEditors[0];
    if (!editor) {
      this.chat.post({ type: 'notice', level: 'warning', text: 'Open a file to insert the code into.' });
      return;
    }
    await editor.edit((b) => editor.selections.forEach((s) => b.replace(s, code)));
  }

  /** Apply from the chat: the answer's edits, or else its one code block that names no file (to the active editor). */
  private async apply(text: string, turnId: string, snippet?: string): Promise<void> {
    const meta = { title: 'Apply from chat', source: 'chat' };
    const outcome = await this.edits.propose({ text }, meta);
    if (outcome.kind === 'nothing' && outcome.problems.length === 0) return this.applySnippet(snippet !== undefined ? [snippet] : fencedBodies(text), turnId, meta);
    const summary = summarize(outcome);
    await this.chat.noteTurn(turnId, { id: 'apply', level: outcome.kind === 'proposed' ? 'info' : 'warning', text: outcome.kind === 'proposed' ? summary : `${summary} Apply needs SEARCH/REPLACE blocks, a diff, or a code block with its file path on the line before.` });
    if (outcome.kind === 'proposed') await vscode.commands.executeCommand('stepFlash.changes.focus').then(undefined, () => undefined);
  }

  private async applySnippet(blocks: string[], turnId: string, meta: { title: string; source: string }): Promise<void> {
    const note = (level: 'info' | 'warning', text: string) => this.chat.noteTurn(turnId, { id: 'apply', level, text });
    if (blocks.length !== 1) {
      const text = blocks.length === 0
        ? 'Nothing to apply: the answer has no code block and no edits.'
        : `The answer has ${blocks.length} code blocks and none names its file, so it is not clear which goes where. Use Apply on the block you mean: it goes to the active editor (over the selection, if any).`;
      this.log.info(`apply from the chat: ${text}`);
      return note('warning', text);
    }
    const placed = await this.edits.proposeSnippet(blocks[0]!, meta);
    if (placed.kind === 'refused') {
      this.log.info(`apply from the chat: ${placed.reason}`);
      return note('warning', placed.reason);
    }
    await note('info', `The code block names no file, so it is proposed for ${placed.where}: review it in the Changes view.`);
    await vscode.commands.executeCommand('stepFlash.changes.focus').then(undefined, () => undefined);
  }

  private async openLink(href: string): Promise<void> {
    // The webview checks the same way; the host does not trust that it did.
    const link = openableLink(href);
    if (!link) {
      this.chat.post({ type: 'notice', level: 'warning', text: `Not opened: ${href.slice(0, 200)} — only http and https links with a host, and mailto links, are opened.` });
      return;
    }
    const uri = vscode.Uri.parse(link, true);
    const choice = await vscode.window.showInformationMessage(`Open ${uri.toString(true)}?`, { modal: true }, 'Open');
    if (choice === 'Open') await vscode.env.openExternal(uri);
  }

  private async errorAction(message: WebviewMessageOf<'errorAction'>): Promise<void> {
    const failure = this.chat.lastError?.turnId === message.turnId ? this.chat.lastError.error : undefined;
    switch (message.action) {
      case 'retry':
        return this.chat.retry(message.turnId);
      case 'switchRegion': {
        const target = failure?.targetProvider;
        const from = this.provider.safeProfile()?.id;
        if (!target || !from) return;
        await this.provider.switchRegion(from, target);
        await this.chat.noteTurn(message.turnId, { id: 'switchRegion', level: 'info', text: `Switched to ${PROFILE_DEFAULTS[target].label}; retried below.` });
        return this.chat.retry(message.turnId);
      }
      case 'setApiKey':
        await vscode.commands.executeCommand('stepFlash.setApiKey');
        return this.chat.syncStatus();
      case 'copyDiagnostics':
        if (!failure) {
          await this.chat.noteTurn(message.turnId, { id: 'diagnostics', level: 'warning', text: 'The details of this failure are from an earlier session; retry it to get diagnostics.' });
          return;
        }
        await vscode.env.clipboard.writeText(this.provider.diagnostics(failure, this.provider.safeProfile()));
        await this.chat.noteTurn(message.turnId, { id: 'diagnostics', level: 'info', text: 'Diagnostics copied (no API key is included).' });
        return;
      case 'openTopUp': {
        const url = failure?.topUpUrl ?? this.provider.safeProfile()?.topUpUrl;
        if (url) await vscode.env.openExternal(vscode.Uri.parse(url));
        return;
      }
      case 'openSettings':
        await vscode.commands.executeCommand('workbench.action.openSettings', 'stepFlash');
        return;
      case 'stopSendingEffort':
        await this.chat.noteTurn(message.turnId, { id: 'effort', level: 'info', text: await this.provider.stopSendingEffort() });
        return this.chat.retry(message.turnId);
      case 'useSupportedEffort':
        await this.chat.noteTurn(message.turnId, { id: 'effort', level: 'info', text: this.provider.useEffortLevels(failure?.effortRejected?.supported ?? []) });
        return this.chat.retry(message.turnId);
    }
  }
}
