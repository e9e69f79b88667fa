/**
 * From a proposal's changes to one planned result per file: read each named
 * path once, plan, and give each failed file its one repair turn. The review
 * and the edit benchmark both run this, so the benchmark measures what users get.
 */
import { barePathCandidates } from '../edits/pathLine';
import { changesFromProposal, type Proposal } from '../edits/proposal';
import type { ProposedChange } from '../edits/types';
import type { EditEngine } from './engine';
import { changePaths, planChanges, type FileBase, type PlannedFile } from './plan';
import { mapLimited } from './mapLimited';
import type { RepairHook } from './types';

export interface ProposalIo {
  /** The base of one path as the proposal names it (see readBase); never throws for one bad path. */
  read(path: string): Promise<FileBase>;
  /** Yields to the host now and then while planning a large proposal. */
  pause?: () => Promise<void>;
  repair?: RepairHook;
}

/**
 * What the model proposed, as changes. A line naming an existing file without an extension
 * (`Makefile.local`, `VERSION`) is its path, so those lines are checked against the workspace
 * through `read` (the review's read gate) before the answer is parsed.
 */
export async function proposedChanges(proposal: Proposal, read: (path: string) => Promise<FileBase>): Promise<{ changes: ProposedChange[]; problems: string[] }> {
  const existing = new Set<string>();
  for (const path of barePathCandidates(proposal.text ?? '')) {
    const base = await read(path);
    if (!('error' in base) && base.exists) existing.add(path);
  }
  return changesFromProposal(proposal, { exists: (path) => existing.has(path) });
}

/** Files read at once: enough to hide each read's round trip, few enough not to open hundreds together. */
const READS_IN_FLIGHT = 16;

export async function planProposal(changes: ProposedChange[], engine: EditEngine, io: ProposalIo): Promise<PlannedFile[]> {
  const pause = io.pause ?? (() => Promise.resolve());
  const bases = new Map<string, FileBase>();
  const readAll = async (paths: string[]) => {
    const unread = [...new Set(paths)].filter((path) => !bases.has(path));
    const read = await mapLimited(unread, READS_IN_FLIGHT, (path) => io.read(path).catch((error: unknown) => unreadable(path, error)));
    unread.forEach((path, i) => bases.set(path, read[i] as FileBase));
  };
  await readAll(changes.flatMap(changePaths));
  const planned = await planChanges(changes, bases, engine, pause);
  if (!io.repair) return planned;
  const result: PlannedFile[] = [];
  for (const plan of planned) {
    // A renamed file's edits are re-planned with its rename, which a repair answer does not repeat.
    if (plan.status !== 'failed' || !plan.failures?.length || plan.fromKey !== undefined) {
      result.push(plan);
      continue;
    }
    // One repair turn: the file's replacement changes are re-planned once against the same base.
    const replacement = await io.repair(plan.path, plan.baseText, plan.failures);
    if (!replacement?.length) {
      result.push(plan);
      continue;
    }
    await readAll(replacement.flatMap(changePaths));
    const repaired = await planChanges(replacement, bases, engine, pause);
    const same = repaired.find((r) => r.key === plan.key);
    if (!same || repaired.length !== 1) {
      result.push({ ...plan, reason: `${plan.reason} The repair turn proposed changes to other files; it was not used.` });
    } else if (same.status === 'failed') {
      result.push({ ...same, reason: `${same.reason} (after one repair turn)` });
    } else {
      result.push({ ...same, changes: [...replacement] });
    }
  }
  return result;
}

/** A reader that threw (it should refuse instead) still costs only its own file. */
function unreadable(path: string, error: unknown): FileBase {
  return { key: `refused:${path}`, path, error: `cannot read ${path}: ${error instanceof Error ? error.message : String(error)}` };
}
