/**
 * "Edit proposal": the proposed side of a file as a writable document on its
 * own scheme, so the user edits it in place in the diff and saves (Ctrl+S) to
 * make the edit the proposal. Nothing reaches the real file until it is
 * accepted and applied. A file system provider (rather than an untitled copy)
 * keeps the diff view, the file name and language, and no "save as" prompt.
 */
import * as vscode from 'vscode';
import type { ChangeSet } from './changeSet';
import { EDIT_SCHEME, parseProposedUri } from './proposedDocuments';

export { EDIT_SCHEME };

export class EditableProposals implements vscode.FileSystemProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.changed.event;
  private readonly mtimes = new Map<string, number>();

  constructor(private readonly findSet: (id: string) => ChangeSet | undefined) {}

  watch(): vscode.Disposable {
    return new vscode.Disposable(() => undefined);
  }

  stat(uri: vscode.Uri): vscode.FileStat {
    const text = this.read(uri);
    const mtime = this.mtimes.get(uri.toString()) ?? 0;
    return { type: vscode.FileType.File, ctime: 0, mtime, size: new TextEncoder().encode(text).length };
  }

  readFile(uri: vscode.Uri): Uint8Array {
    return new TextEncoder().encode(this.read(uri));
  }

  writeFile(uri: vscode.Uri, content: Uint8Array): void {
    const { set, path } = this.locate(uri);
    try {
      set.setProposedText(path, new TextDecoder().decode(content));
    } catch (error) {
      throw vscode.FileSystemError.NoPermissions(error instanceof Error ? error.message : String(error));
    }
    this.mtimes.set(uri.toString(), Date.now());
    this.changed.fire([{ type: vscode.FileChangeType.Changed, uri }]);
  }

  readDirectory(): [string, vscode.FileType][] {
    return [];
  }

  createDirectory(uri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(`${uri.path}: proposals cannot hold new folders.`);
  }

  delete(uri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(`${uri.path}: reject the file in the Changes view instead of deleting its proposal.`);
  }

  rename(uri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(`${uri.path}: a proposal cannot be renamed.`);
  }

  dispose(): void {
    this.changed.dispose();
  }

  private read(uri: vscode.Uri): string {
    const { set, path } = this.locate(uri);
    return set.entry(path).file.proposedText;
  }

  private locate(uri: vscode.Uri): { set: ChangeSet; path: string } {
    const { setId, path } = parseProposedUri(uri);
    const set = this.findSet(setId);
    if (!set) throw vscode.FileSystemError.FileNotFound(uri);
    try {
      set.entry(path);
    } catch {
      throw vscode.FileSystemError.FileNotFound(uri);
    }
    return { set, path };
  }
}
