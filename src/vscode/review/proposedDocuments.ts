/**
 * URIs and read-only content for the proposed side of a diff. The URI's
 * authority names the change set and its path the file, keeping the file name
 * (and so the language) visible in the diff title. Unknown URIs get no content,
 * so several providers on the same scheme (e.g. a test's own review) coexist.
 */
import * as vscode from 'vscode';
import type { ChangeSet } from './changeSet';

export const PROPOSED_SCHEME = 'step-flash-proposed';
/** The writable proposed side (editableProposals.ts). */
export const EDIT_SCHEME = 'step-flash-edit';

export type Side = 'proposed' | 'base';

export function proposedUri(set: ChangeSet, path: string, side: Side = 'proposed', scheme = PROPOSED_SCHEME): vscode.Uri {
  const clean = path.replace(/\\/g, '/').replace(/^\/+/, '');
  return vscode.Uri.from({ scheme, authority: set.id, path: `/${clean}`, query: side === 'base' ? 'side=base' : '' });
}

/** The set and path a proposed-document URI names. */
export function parseProposedUri(uri: vscode.Uri): { setId: string; path: string; side: Side } {
  return { setId: uri.authority, path: uri.path.replace(/^\//, ''), side: uri.query === 'side=base' ? 'base' : 'proposed' };
}

/** Both schemes a set's diffs use: the read-only proposal and the editable one (editableProposals.ts). */
const SET_SCHEMES = new Set([PROPOSED_SCHEME, EDIT_SCHEME]);

/**
 * Closes the tabs a set opened (its diffs, or a proposed document shown alone), only those of
 * `paths` when given. A tab with unsaved edits to a proposal stays: closing it would ask to save.
 */
export async function closeProposalTabs(setId: string, paths?: ReadonlySet<string>): Promise<void> {
  const opened = (uri: vscode.Uri | undefined) =>
    uri !== undefined && SET_SCHEMES.has(uri.scheme) && uri.authority === setId && (!paths || paths.has(parseProposedUri(uri).path));
  const tabs = vscode.window.tabGroups.all
    .flatMap((group) => group.tabs)
    .filter((tab) => {
      if (tab.isDirty) return false;
      const { input } = tab;
      if (input instanceof vscode.TabInputTextDiff) return opened(input.modified) || opened(input.original);
      return input instanceof vscode.TabInputText && opened(input.uri);
    });
  if (tabs.length > 0) await vscode.window.tabGroups.close(tabs, true).then(undefined, () => undefined);
}

export class ProposedContentProvider implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly findSet: (id: string) => ChangeSet | undefined) {}

  provideTextDocumentContent(uri: vscode.Uri): string | undefined {
    const { setId, path, side } = parseProposedUri(uri);
    const set = this.findSet(setId);
    if (!set) return undefined;
    let file;
    try {
      file = set.entry(path).file;
    } catch {
      return undefined;
    }
    if (side === 'base') return file.plan.baseText;
    return file.plan.status === 'deleted' ? '' : file.proposedText;
  }

  /** Tells open diffs that a set's proposed texts changed. */
  refresh(set: ChangeSet): void {
    for (const document of vscode.workspace.textDocuments) {
      if (document.uri.scheme === PROPOSED_SCHEME && document.uri.authority === set.id) this.changed.fire(document.uri);
    }
  }

  dispose(): void {
    this.changed.dispose();
  }
}
