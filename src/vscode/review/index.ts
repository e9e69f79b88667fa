/** The change-set review: propose → review per file and per hunk → one-undo apply. */
export { ChangeSetReview } from './review';
export { ChangeSet } from './changeSet';
export { registerReviewUi } from './commands';
export { ChangesTreeProvider, type ReviewNode } from './tree';
export { proposedUri } from './proposedDocuments';
export { EDIT_SCHEME } from './editableProposals';
export type { ReviewSettings } from '../../core/review/types';
