/**
 * What the user reads about a change set and its diffs: the command and its subject,
 * never an internal id ("Refactor cart.ts · 3 files", "cart.ts (proposed)").
 */

export function baseName(path: string): string {
  return path.split(/[\\/]/).filter(Boolean).pop() ?? path;
}

export function filesCount(count: number): string {
  return `${count} file${count === 1 ? '' : 's'}`;
}

/** The set's label in the Changes view and its messages. */
export function changeSetTitle(title: string, fileCount: number): string {
  return `${title} · ${filesCount(fileCount)}`;
}

/**
 * The diff tab of one file: its name, or its path when another file of the set has the same
 * name (two tabs must not read alike); a rename shows where it comes from.
 */
export function proposedTabTitle(path: string, others: readonly string[], fromPath?: string, editing = false): string {
  const name = baseName(path);
  const shared = others.filter((p) => p !== path && baseName(p) === name).length > 0;
  const shown = shared ? path.replace(/\\/g, '/') : name;
  const from = fromPath !== undefined ? `${baseName(fromPath)} → ` : '';
  return `${from}${shown} (${editing ? 'editing the proposal; save to keep' : 'proposed'})`;
}
