import * as edits from '../../core/edits';
import { parseAnswer, repairPrompt, type MatchFailure, type Proposal, type ProposedChange } from '../../core/edits';
import { proposedChanges } from '../../core/review/propose';
import { readBase } from '../../core/review/readBase';
import type { ChangeSet, ChangeSetReview } from '../review';
import { vscodeFiles, workspaceGate } from '../review/readBase';
import type { Logger } from '../log';
import type { ProviderService } from '../provider/providerService';
import { commandSystemPrompt } from '../../core/prompts';
import { AsyncLocalStorage } from 'async_hooks';
import type { AdvisorTask } from '../../core/advisor';
import { planChanges } from '../../core/review/plan';

export type ProposeOutcome =
  | { kind: 'proposed'; set: ChangeSet; problems: string[] }
  | { kind: 'nothing'; problems: string[] };

/**
 * Wires the model to the review: what the model said becomes a change set
 * (proposedChanges), and a file whose blocks did not place gets its one
 * repair turn through the provider.
 */
export class EditFlow {
  /** The advisor of the task whose proposal is being planned, for its repair turns (proposals may overlap). */
  private readonly taskAdvisor = new AsyncLocalStorage<AdvisorTask>();

  constructor(
    private readonly review: ChangeSetReview,
    private readonly provider: ProviderService,
    private readonly log: Logger,
  ) {
    review.onNeedsRepair = (path, currentText, failures) => this.repair(path, currentText, failures);
  }

  /** `advisor`, when the task has one, is consulted if a repair turn fails, and the repair is tried once more with its advice. */
  async propose(proposal: Proposal, meta: { title: string; source: string }, advisor?: AdvisorTask): Promise<ProposeOutcome> {
    const gate = workspaceGate();
    const { changes, problems } = await proposedChanges(proposal, (path) => readBase(path, gate, edits, vscodeFiles));
    if (!changes.length) return { kind: 'nothing', problems };
    const review = () => this.review.propose(changes, meta);
    const set = await (advisor ? this.taskAdvisor.run(advisor, review) : review());
    return { kind: 'proposed', set, problems };
  }

  /** Changes computed elsewhere (e.g. a language server's rename) go through the same review. */
  proposeChanges(changes: ProposedChange[], meta: { title: string; source: string }): Promise<ChangeSet> {
    return this.review.propose(changes, meta);
  }

  /** The automatic repair turn; when it fails and the task has an advisor, one more with the advisor's advice. */
  private async repair(path: string, currentText: string, failures: MatchFailure[]): Promise<ProposedChange[] | undefined> {
    const first = await this.repairTurn(path, currentText, failures);
    const advisor = this.taskAdvisor.getStore();
    if (!advisor || (first.changes && (await places(path, currentText, first.changes)))) return first.changes;
    const why = first.changes ? 'its blocks still did not place' : first.failure;
    const consultation = await advisor.consult({
      reason: 'repair',
      question: `The executor's edits to ${path} could not be placed, and its repair turn failed too (${why}). How should the edits be written so that they apply?`,
      context: repairPrompt(path, currentText, failures),
    });
    if (!consultation.ok) return first.changes;
    const second = await this.repairTurn(path, currentText, failures, consultation.forExecutor);
    return second.changes ?? first.changes;
  }

  /** Shows the model why its blocks failed and the region's current text (and the advisor's advice, on a retry). */
  private async repairTurn(path: string, currentText: string, failures: MatchFailure[], advice?: string): Promise<{ changes?: ProposedChange[]; failure: string }> {
    try {
      const client = await this.provider.client();
      const prompt = repairPrompt(path, currentText, failures);
      const result = await client.complete({
        effort: 'low',
        messages: [
          { role: 'system', content: commandSystemPrompt('fix', false) },
          { role: 'user', content: advice ? `${prompt}\n\n${advice}` : prompt },
        ],
      });
      this.provider.record(result);
      // The file being repaired exists, whatever its name looks like.
      const parsed = parseAnswer(result.answerText, { exists: (p) => p === path });
      const forPath = parsed.changes.filter((c) => ('path' in c ? c.path : c.from) === path);
      this.log.info(`repair turn for ${path}${advice ? ' (with advice)' : ''}: ${forPath.length} change(s) proposed`);
      return forPath.length ? { changes: forPath, failure: '' } : { failure: 'it proposed no change for the file' };
    } catch (error) {
      this.log.warn(`repair turn for ${path} failed: ${(error as Error).message}`);
      return { failure: (error as Error).message };
    }
  }
}

/** Whether a repair's changes place on the file's current text (the review plans them again either way). */
async function places(path: string, text: string, changes: ProposedChange[]): Promise<boolean> {
  try {
    const planned = await planChanges(changes, new Map([[path, { key: path, path, exists: true, text }]]), edits);
    return planned.every((p) => p.status !== 'failed');
  } catch {
    return false;
  }
}
