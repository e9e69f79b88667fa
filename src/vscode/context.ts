import * as vscode from 'vscode';
import type { ContextBlock } from '../core/chat/types';
import type { ContextChip } from '../shared/protocol';

/** Larger files are attached up to this size, with a note, so one file cannot eat the whole context. */
const MAX_FILE_CHARS = 200_000;
const FILE_LIST_TTL_MS = 10_000;
const EXCLUDE = '{**/node_modules/**,**/.git/**,**/dist/**,**/out/**,**/.cache/**}';

export function relativePath(uri: vscode.Uri): string {
  return vscode.workspace.asRelativePath(uri, (vscode.workspace.workspaceFolders?.length ?? 0) > 1);
}

function clip(text: string, path: string): string {
  if (text.length <= MAX_FILE_CHARS) return text;
  return `${text.slice(0, MAX_FILE_CHARS)}\n… [${path} is ${text.length.toLocaleString('en-US')} characters; only the first ${MAX_FILE_CHARS.toLocaleString('en-US')} are attached]`;
}

export function selectionBlock(editor: vscode.TextEditor): ContextBlock | undefined {
  if (editor.selection.isEmpty) return undefined;
  const path = relativePath(editor.document.uri);
  return {
    label: 'Selection',
    path,
    language: editor.document.languageId,
    text: clip(editor.document.getText(editor.selection), path),
    startLine: editor.selection.start.line,
  };
}

export function fileBlock(document: vscode.TextDocument, label = 'File'): ContextBlock {
  const path = relativePath(document.uri);
  return { label, path, language: document.languageId, text: clip(document.getText(), path) };
}

/** Open editors are the source of truth: unsaved text is what the user sees. */
export async function readWorkspaceFile(path: string): Promise<vscode.TextDocument> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  for (const folder of folders) {
    const uri = vscode.Uri.joinPath(folder.uri, path);
    try {
      await vscode.workspace.fs.stat(uri);
      return await vscode.workspace.openTextDocument(uri);
    } catch {
      // try the next folder
    }
  }
  throw new Error(`${path} was not found in the workspace`);
}

export async function chipBlock(chip: ContextChip): Promise<ContextBlock> {
  const document = await readWorkspaceFile(chip.path);
  if (chip.kind === 'selection' && chip.startLine !== undefined && chip.endLine !== undefined) {
    const range = new vscode.Range(chip.startLine, 0, chip.endLine, Number.MAX_SAFE_INTEGER);
    return { label: 'Selection', path: chip.path, language: document.languageId, text: document.getText(range), startLine: chip.startLine };
  }
  return fileBlock(document, chip.kind === 'mention' ? 'Mentioned file' : 'File');
}

export function diagnosticsText(document: vscode.TextDocument, range?: vscode.Range): string {
  const all = vscode.languages.getDiagnostics(document.uri);
  const relevant = range ? all.filter((d) => d.range.intersection(range) !== undefined) : all;
  return (relevant.length ? relevant : all)
    .filter((d) => d.severity <= vscode.DiagnosticSeverity.Warning)
    .map((d) => {
      const severity = d.severity === vscode.DiagnosticSeverity.Error ? 'error' : 'warning';
      const code = typeof d.code === 'object' ? d.code.value : d.code;
      return `${relativePath(document.uri)}:${d.range.start.line + 1}:${d.range.start.character + 1} ${severity}${code !== undefined ? ` ${code}` : ''}: ${d.message}`;
    })
    .join('\n');
}

/** Workspace file list for @mentions, cached briefly so typing stays instant in large workspaces. */
export class FileIndex {
  private files: string[] = [];
  private loadedAt = 0;
  private loading: Promise<void> | undefined;

  async complete(query: string, limit = 30): Promise<string[]> {
    if (Date.now() - this.loadedAt > FILE_LIST_TTL_MS) {
      this.loading ??= this.load().finally(() => (this.loading = undefined));
      await this.loading;
    }
    const q = query.toLowerCase();
    const scored: Array<[number, string]> = [];
    for (const file of this.files) {
      const lower = file.toLowerCase();
      const at = lower.indexOf(q);
      if (at < 0) continue;
      const base = lower.lastIndexOf('/') + 1;
      scored.push([(at >= base ? 0 : 1000) + at + file.length / 1000, file]);
    }
    return scored.sort((a, b) => a[0] - b[0]).slice(0, limit).map(([, f]) => f);
  }

  private async load(): Promise<void> {
    const uris = await vscode.workspace.findFiles('**/*', EXCLUDE, 20_000);
    this.files = uris.map(relativePath).sort();
    this.loadedAt = Date.now();
  }
}
