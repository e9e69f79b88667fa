import * as vscode from 'vscode';
import { relativePath } from '../context';
import { workspaceGate } from '../review/readBase';

const MAX_READ_CHARS = 60_000;
const MAX_LIST = 400;
const MAX_HITS = 60;
const EXCLUDE = '{**/node_modules/**,**/.git/**,**/dist/**,**/out/**,**/.cache/**}';

/**
 * The read-only tools the model may call while a command gathers context.
 * Paths get the same safety check as edits; results are bounded so one call
 * cannot flood the context; failures come back as text the model can act on.
 */
export async function runReadTool(name: string, args: Record<string, unknown>): Promise<string> {
  try {
    switch (name) {
      case 'read_file':
        return await readFile(args);
      case 'list_files':
        return await listFiles(args);
      case 'search_text':
        return await searchText(args);
      default:
        return `Error: unknown tool ${name}`;
    }
  } catch (error) {
    return `Error: ${(error as Error).message}`;
  }
}

async function readFile(args: Record<string, unknown>): Promise<string> {
  const path = typeof args.path === 'string' ? args.path : '';
  // The review's path gate: a symbolic link out of the workspace or into .git is not read for the model either.
  const check = await workspaceGate().check(path);
  if (!check.ok) return `Error: ${check.message}`;
  const document = await vscode.workspace.openTextDocument(vscode.Uri.file(check.location.canonical));
  const lines = document.getText().split(/\r?\n/);
  const start = Math.max(1, Number(args.startLine) || 1);
  const end = Math.min(lines.length, Number(args.endLine) || lines.length);
  let out = '';
  for (let i = start; i <= end; i++) {
    const line = `${i}: ${lines[i - 1]}\n`;
    if (out.length + line.length > MAX_READ_CHARS) {
      return `${out}… [truncated at line ${i - 1} of ${lines.length}; read further with startLine]`;
    }
    out += line;
  }
  return out || '(empty file)';
}

async function listFiles(args: Record<string, unknown>): Promise<string> {
  const glob = typeof args.glob === 'string' && args.glob.trim() ? args.glob : '**/*';
  const uris = await vscode.workspace.findFiles(glob, EXCLUDE, MAX_LIST + 1);
  const names = uris.map(relativePath).sort();
  const more = names.length > MAX_LIST ? `\n… more than ${MAX_LIST} files; narrow the glob` : '';
  return names.slice(0, MAX_LIST).join('\n') + more || `No files match ${glob}`;
}

async function searchText(args: Record<string, unknown>): Promise<string> {
  const query = typeof args.query === 'string' ? args.query : '';
  if (!query) return 'Error: search_text needs a non-empty query';
  const glob = typeof args.glob === 'string' && args.glob.trim() ? args.glob : '**/*';
  const uris = await vscode.workspace.findFiles(glob, EXCLUDE, 2_000);
  const hits: string[] = [];
  for (const uri of uris) {
    if (hits.length >= MAX_HITS) break;
    let text: string;
    try {
      const bytes = await vscode.workspace.fs.readFile(uri);
      if (bytes.byteLength > 1_000_000 || bytes.includes(0)) continue;
      text = new TextDecoder().decode(bytes);
    } catch {
      continue;
    }
    const lines = text.split(/\r?\n/);
    for (let i = 0; i < lines.length && hits.length < MAX_HITS; i++) {
      if (lines[i]!.includes(query)) hits.push(`${relativePath(uri)}:${i + 1}: ${lines[i]!.trim().slice(0, 200)}`);
    }
  }
  return hits.length ? hits.join('\n') : `No matches for “${query}”`;
}
