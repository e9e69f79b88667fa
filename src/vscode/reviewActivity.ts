import * as vscode from 'vscode';
import type { ChangeSet, ChangeSetReview } from './review';
import type { Logger } from './log';
import { nothingWritten } from '../core/review/applySummary';

/** True while at least one change set is under review: the Changes view is shown only then (package.json `when`). */
export const HAS_CHANGES_CONTEXT = 'stepFlash.hasChanges';

/**
 * What the review does, where the user can see it, watched from outside the review:
 * the Changes view takes sidebar height only while there is a change set to review
 * (otherwise the chat has it all), and the Output log gets each proposed set, every
 * file whose blocks did not place, and every file an apply wrote or left alone.
 */
export function watchReview(review: ChangeSetReview, log: Logger): vscode.Disposable {
  /** Per set, the outcome last logged for each file ("" when none yet). */
  const seen = new Map<ChangeSet, Map<string, string>>();
  let shown: boolean | undefined;
  const update = () => {
    const has = review.sets.length > 0;
    if (has !== shown) {
      shown = has;
      void vscode.commands.executeCommand('setContext', HAS_CHANGES_CONTEXT, has);
    }
    for (const set of review.sets) logSet(set, seen, log);
    for (const set of [...seen.keys()]) {
      if (review.sets.includes(set)) continue;
      seen.delete(set);
      log.info(`change set "${set.meta.title}" closed`);
    }
  };
  update();
  return vscode.Disposable.from(
    review.onDidChange(update),
    review.onDidApply(({ set, report }) => {
      const why = nothingWritten(report);
      if (why) log.info(`apply "${set.meta.title}": ${why}`);
    }),
  );
}

function logSet(set: ChangeSet, seen: Map<ChangeSet, Map<string, string>>, log: Logger): void {
  let outcomes = seen.get(set);
  const files = set.files;
  if (!outcomes) {
    outcomes = new Map();
    seen.set(set, outcomes);
    const failed = files.filter((f) => f.status === 'failed');
    log.info(`change set "${set.meta.title}" (${set.meta.source}) proposed: ${files.length} file(s), ${failed.length} could not be placed`);
    for (const file of failed) log.warn(`placement failed for ${file.path}: ${file.reason ?? 'no reason given'}`);
  }
  for (const file of files) {
    const outcome = file.outcome ? `${file.outcome.kind}: ${file.outcome.message}` : '';
    if (outcome === (outcomes.get(file.path) ?? '')) continue;
    outcomes.set(file.path, outcome);
    if (!file.outcome) continue;
    const line = `apply "${set.meta.title}": ${file.path} ${outcome}`;
    if (file.outcome.kind === 'applied' || file.outcome.kind === 'skipped') log.info(line);
    else log.warn(line);
  }
}
