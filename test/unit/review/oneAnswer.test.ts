/**
 * The benchmark measures the review: every shipped corpus case, run by `npm run bench:edits`
 * (bases read from disk, every file accepted, apply planned and written to a copy) and run
 * through the review's planner here (bases read as open editors, the planned files folded
 * straight into the workspace), gets the same answer, and that answer is the case's expectation.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as edits from '../../../src/core/edits';
import { PathGate } from '../../../src/core/review/pathGate';
import { planProposal, proposedChanges } from '../../../src/core/review/propose';
import { readBase, type FileAccess } from '../../../src/core/review/readBase';
import type { PlannedFile } from '../../../src/core/review/plan';
import { listCorpusCases, loadProposal, readTree, runCorpusCase } from '../../bench/corpus';

const CORPUS = path.resolve(__dirname, '../../../../test/fixtures/edit-corpus');
const ROOT = '/review-workspace';

/** Every file of the workspace is open in an editor; on disk there is only the empty workspace folder. */
function openEditors(files: Map<string, string>): FileAccess {
  const text = (absolute: string) => files.get(path.posix.relative(ROOT, absolute));
  const onlyEditors = async (): Promise<never> => {
    throw new Error('only open editors exist here');
  };
  return {
    openText: text,
    lstat: async (absolute) => (absolute === ROOT ? { kind: 'directory', size: 0, links: 2 } : undefined),
    realpath: async (absolute) => absolute,
    readBytes: onlyEditors,
    decode: onlyEditors,
  };
}

/** The review's answer for a case: the workspace after accepting every file, or 'refused'. */
async function reviewAnswer(dir: string): Promise<Map<string, string> | 'refused'> {
  const workspace = readTree(path.join(dir, 'before'));
  const access = openEditors(workspace);
  const gate = new PathGate([ROOT], access, path.posix);
  const read = (p: string) => readBase(p, gate, edits, access);
  const { changes, problems } = await proposedChanges(loadProposal(dir), read);
  if (problems.length > 0 || changes.length === 0) return 'refused';
  const planned: PlannedFile[] = await planProposal(changes, edits, { read });
  if (planned.some((p) => p.status === 'failed')) return 'refused';
  const after = new Map(workspace);
  const rel = (key: string) => path.posix.relative(ROOT, key);
  for (const plan of planned) {
    if (plan.fromKey !== undefined) after.delete(rel(plan.fromKey));
    if (plan.status === 'deleted') after.delete(rel(plan.key));
    else after.set(rel(plan.key), plan.proposedText);
  }
  return after;
}

describe('one answer: the review planner and bench:edits on the shipped corpus', () => {
  const cases = listCorpusCases(CORPUS);

  it('finds the shipped cases, both kinds', () => {
    assert.ok(cases.length >= 60, `only ${cases.length} cases in ${CORPUS}`);
    const refusals = cases.filter((dir) => fs.existsSync(path.join(dir, 'EXPECT_REFUSAL'))).length;
    assert.ok(refusals > 0 && refusals < cases.length, `${refusals} of ${cases.length} cases expect a refusal`);
  });

  it('gives every case the same outcome in the review as in the bench, and the expected one', async () => {
    const disagreements: string[] = [];
    for (const dir of cases) {
      const name = path.basename(dir);
      const bench = await runCorpusCase(dir);
      const review = await reviewAnswer(dir);
      const expectsRefusal = fs.existsSync(path.join(dir, 'EXPECT_REFUSAL'));
      const reviewOutcome =
        review === 'refused'
          ? expectsRefusal
            ? 'refusedCorrectly'
            : 'failedToApply'
          : expectsRefusal
            ? 'appliedWrongly'
            : sameFiles(review, readTree(path.join(dir, 'after')))
              ? 'appliedCorrectly'
              : 'appliedWrongly';
      if (reviewOutcome !== bench.outcome) disagreements.push(`${name}: review ${reviewOutcome}, bench ${bench.outcome} (${bench.detail})`);
      else if (bench.outcome !== 'appliedCorrectly' && bench.outcome !== 'refusedCorrectly') disagreements.push(`${name}: both ${bench.outcome} (${bench.detail})`);
    }
    assert.deepStrictEqual(disagreements, []);
  });

  it('refuses a /dev/null diff aimed at an existing file in both, naming the file', async () => {
    const dir = path.join(CORPUS, 'refuse-diff-dev-null-over-existing');
    assert.strictEqual(await reviewAnswer(dir), 'refused');
    const bench = await runCorpusCase(dir);
    assert.strictEqual(bench.outcome, 'refusedCorrectly');
    assert.match(bench.detail, /lib\/retry\.py as a new file, but it already exists/);
  });
});

function sameFiles(a: Map<string, string>, b: Map<string, string>): boolean {
  return a.size === b.size && [...a].every(([p, text]) => b.get(p) === text);
}
