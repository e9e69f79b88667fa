/**
 * Running one corpus case: a folder with before/, an answer.md or toolcalls.json, and
 * either after/ (expected files; a file missing there is expected deleted) or an
 * EXPECT_REFUSAL file (optionally holding a word the refusal must mention).
 * The case goes through the review's own path: proposedChanges (the files of before/ are
 * the files that exist, for path lines without an extension), then
 * planProposal on bases read from before/ through the review's read gate, every
 * file accepted, planApply, and the planned operations written to an in-memory
 * copy of before/. Any problem or failed file refuses the whole case.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as edits from '../../src/core/edits';
import type { Proposal } from '../../src/core/edits';
import { planApply, recheckPlan, type FileOperation } from '../../src/core/review/applyPlan';
import { PathGate, type EntryKind } from '../../src/core/review/pathGate';
import type { PlannedFile } from '../../src/core/review/plan';
import { planProposal, proposedChanges } from '../../src/core/review/propose';
import { readBase, readCurrent, type FileAccess } from '../../src/core/review/readBase';
import { ReviewFile } from '../../src/core/review/reviewFile';

export type CorpusOutcome = 'appliedCorrectly' | 'refusedCorrectly' | 'appliedWrongly' | 'failedToApply';

export interface CorpusResult {
  name: string;
  outcome: CorpusOutcome;
  ms: number;
  detail: string;
}

export function readTree(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (d: string, rel: string) => {
    if (!fs.existsSync(d)) return;
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const r = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(path.join(d, entry.name), r);
      else files.set(r, fs.readFileSync(path.join(d, entry.name), 'utf8'));
    }
  };
  walk(dir, '');
  return files;
}

export function loadProposal(dir: string): Proposal {
  const answer = path.join(dir, 'answer.md');
  if (fs.existsSync(answer)) return { text: fs.readFileSync(answer, 'utf8') };
  const calls = path.join(dir, 'toolcalls.json');
  if (fs.existsSync(calls)) {
    const raw: unknown = JSON.parse(fs.readFileSync(calls, 'utf8'));
    if (!Array.isArray(raw)) throw new Error('toolcalls.json must hold an array of {name, arguments}');
    return { toolCalls: raw as NonNullable<Proposal['toolCalls']> };
  }
  throw new Error('the case has neither answer.md nor toolcalls.json');
}

/** Node's file system as the review reads it: no editors are open, files are UTF-8. */
export const nodeFiles: FileAccess = {
  openText: () => undefined,
  async lstat(absolute) {
    try {
      const stat = await fs.promises.lstat(absolute);
      const kind: EntryKind = stat.isSymbolicLink() ? 'symlink' : stat.isDirectory() ? 'directory' : stat.isFile() ? 'file' : 'other';
      return { kind, size: stat.size, links: stat.nlink };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  },
  realpath: (absolute) => fs.promises.realpath(absolute),
  readBytes: (absolute) => fs.promises.readFile(absolute),
  decode: async (_absolute, bytes) => new TextDecoder().decode(bytes),
};

/** Why each failed file was refused: the plan's reason, with every block's failure kind so EXPECT_REFUSAL can name it. */
function refusalOf(plan: PlannedFile): string {
  const kinds = [...new Set((plan.failures ?? []).map((f) => f.reason))];
  return `${plan.path}: ${kinds.length ? `${kinds.join(', ')}: ` : ''}${plan.reason ?? 'failed'}`;
}

/**
 * Plans the proposal against the files under `root` exactly as the review does, accepts every
 * file, and returns the resulting files (relative paths) or the refusals.
 */
export async function runProposal(root: string, proposal: Proposal): Promise<{ files: Map<string, string>; refusals: string[]; changes: number }> {
  const gate = new PathGate([root], nodeFiles);
  const read = (p: string) => readBase(p, gate, edits, nodeFiles);
  const { changes, problems } = await proposedChanges(proposal, read);
  const refusals = [...problems];
  if (changes.length === 0 && refusals.length === 0) refusals.push('the answer proposes no change');
  const planned = await planProposal(changes, edits, { read });
  refusals.push(...planned.filter((p) => p.status === 'failed').map(refusalOf));
  const files = readTree(root);
  if (refusals.length > 0) return { files, refusals, changes: changes.length };
  const relative = (absolute: string) => path.relative(root, absolute).split(path.sep).join('/');
  const ops: Array<FileOperation<string>> = [];
  for (const plan of planned) {
    const file = new ReviewFile(plan, edits);
    file.decide('accepted');
    const moved = await recheckPlan(plan, gate);
    const decided = moved
      ? { outcome: moved }
      : await planApply({ file, uri: plan.key, ...(plan.fromKey ? { fromUri: plan.fromKey } : {}) }, edits, (p) => readCurrent(p, nodeFiles));
    if ('outcome' in decided) refusals.push(`${plan.path}: ${decided.outcome.kind}: ${decided.outcome.message}`);
    else ops.push(decided.op);
  }
  if (refusals.length > 0) return { files, refusals, changes: changes.length };
  for (const op of ops) {
    if (op.kind === 'rename') {
      files.set(relative(op.to), op.edit?.newText ?? files.get(relative(op.from)) ?? '');
      files.delete(relative(op.from));
    } else if (op.kind === 'delete') files.delete(relative(op.uri));
    else files.set(relative(op.uri), op.newText);
  }
  return { files, refusals, changes: changes.length };
}

function compare(actual: Map<string, string>, expected: Map<string, string>): string[] {
  const diffs: string[] = [];
  for (const [p, text] of expected) {
    const got = actual.get(p);
    if (got === undefined) diffs.push(`${p} missing`);
    else if (got !== text) diffs.push(`${p} differs: ${firstDifference(got, text)}`);
  }
  for (const p of actual.keys()) if (!expected.has(p)) diffs.push(`${p} should not exist`);
  return diffs;
}

function firstDifference(a: string, b: string): string {
  const al = a.split('\n');
  const bl = b.split('\n');
  for (let i = 0; i < Math.max(al.length, bl.length); i++) {
    if (al[i] !== bl[i]) return `line ${i + 1}: got ${JSON.stringify(al[i])}, expected ${JSON.stringify(bl[i])}`;
  }
  return 'same lines, different bytes';
}

/** Runs the case on its before/ folder; a case that starts from an empty workspace (git keeps no empty folder) gets a fresh empty one. */
async function runOnBefore(dir: string): ReturnType<typeof runProposal> {
  const before = path.join(dir, 'before');
  if (fs.existsSync(before)) return runProposal(before, loadProposal(dir));
  const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'corpus-empty-'));
  try {
    return await runProposal(empty, loadProposal(dir));
  } finally {
    fs.rmSync(empty, { recursive: true, force: true });
  }
}

export async function runCorpusCase(dir: string): Promise<CorpusResult> {
  const name = path.basename(dir);
  const started = performance.now();
  const expectRefusal = path.join(dir, 'EXPECT_REFUSAL');
  let outcome: CorpusOutcome;
  let detail: string;
  try {
    const result = await runOnBefore(dir);
    const ms = performance.now() - started;
    if (fs.existsSync(expectRefusal)) {
      const word = fs.readFileSync(expectRefusal, 'utf8').trim().split(/\r?\n/)[0] ?? '';
      if (result.refusals.length === 0) return { name, outcome: 'appliedWrongly', ms, detail: 'applied, but the case expects a refusal' };
      const all = result.refusals.join(' | ');
      if (word && !all.toLowerCase().includes(word.toLowerCase())) {
        return { name, outcome: 'failedToApply', ms, detail: `refused, but not for the expected reason "${word}": ${all}` };
      }
      return { name, outcome: 'refusedCorrectly', ms, detail: all };
    }
    if (result.refusals.length > 0) return { name, outcome: 'failedToApply', ms, detail: result.refusals.join(' | ') };
    const diffs = compare(result.files, readTree(path.join(dir, 'after')));
    outcome = diffs.length === 0 ? 'appliedCorrectly' : 'appliedWrongly';
    detail = diffs.length === 0 ? `${result.changes} change(s) applied` : diffs.join('; ');
  } catch (e) {
    outcome = 'failedToApply';
    detail = `case could not be run: ${(e as Error).message}`;
  }
  return { name, outcome, ms: performance.now() - started, detail };
}

/** Case folders under a corpus root, sorted by name. */
export function listCorpusCases(root: string): string[] {
  return fs
    .readdirSync(root, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => path.join(root, e.name))
    .filter((d) => fs.existsSync(path.join(d, 'answer.md')) || fs.existsSync(path.join(d, 'toolcalls.json')))
    .sort();
}
