import * as vscode from 'vscode';
import type { ChatSummary } from '../../shared/protocol';
import type { ChatRecord } from '../../core/chat/types';
import { isAcceptedImageMime } from '../../shared/media';

const INDEX_KEY = 'stepFlash.chatIndex';

/**
 * Chats persist per workspace: one JSON file per chat under the extension's
 * workspace storage (images make them too big for workspaceState), plus a small
 * index in workspaceState for the history list. Nothing secret is stored here.
 */
export class HistoryStore {
  private readonly dir: vscode.Uri;

  constructor(private readonly context: vscode.ExtensionContext) {
    const base = context.storageUri ?? context.globalStorageUri;
    this.dir = vscode.Uri.joinPath(base, 'chats');
  }

  list(): ChatSummary[] {
    return [...this.context.workspaceState.get<ChatSummary[]>(INDEX_KEY, [])].sort((a, b) => b.updatedAt - a.updatedAt);
  }

  async load(id: string): Promise<ChatRecord | undefined> {
    try {
      const bytes = await vscode.workspace.fs.readFile(this.file(id));
      const chat = JSON.parse(new TextDecoder().decode(bytes)) as ChatRecord;
      // Stored images are shown and sent again as data: URLs: one whose type is not an image type is dropped.
      for (const turn of chat.turns ?? []) if (turn.images) turn.images = turn.images.filter((image) => isAcceptedImageMime(image.mime));
      return chat;
    } catch {
      return undefined;
    }
  }

  async save(chat: ChatRecord): Promise<void> {
    await vscode.workspace.fs.createDirectory(this.dir);
    await vscode.workspace.fs.writeFile(this.file(chat.id), new TextEncoder().encode(JSON.stringify(chat)));
    const summary: ChatSummary = {
      id: chat.id,
      title: chat.title,
      updatedAt: chat.updatedAt,
      messageCount: chat.turns.length,
    };
    const rest = this.list().filter((c) => c.id !== chat.id);
    await this.context.workspaceState.update(INDEX_KEY, [summary, ...rest]);
  }

  async delete(id: string): Promise<void> {
    await vscode.workspace.fs.delete(this.file(id), { useTrash: false }).then(undefined, () => undefined);
    await this.context.workspaceState.update(
      INDEX_KEY,
      this.list().filter((c) => c.id !== id),
    );
  }

  private file(id: string): vscode.Uri {
    // Ids are ours (random hex), but never let one name a path outside the folder.
    return vscode.Uri.joinPath(this.dir, `${id.replace(/[^a-zA-Z0-9_-]/g, '')}.json`);
  }
}
