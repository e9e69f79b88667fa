/** The change-set review: propose → review per file and per hunk → one-undo apply. */
export { ChangeSetReview } from './review';
export { ChangeSet } from './changeSet';
export { registerReviewUi, REVIEW_COMMANDS } from './commands';
export { CHANGES_VIEW_ID, ChangesTreeProvider, type ReviewNode } from './tree';
export { PROPOSED_SCHEME, proposedUri } from './proposedDocuments';
export { EDIT_SCHEME } from './editableProposals';
export { MAX_FILE_BYTES } from '../../core/review/pathRules';
export type { EditEngine } from '../../core/review/engine';
export type {
  ApplyReport,
  Decision,
  FileDecision,
  FileOutcome,
  FileStatus,
  ProposalMeta,
  RepairHook,
  ReviewFileSnapshot,
  ReviewSettings,
} from '../../core/review/types';
