/** The edit engine's public surface: parse proposals, place them, tell text from binary, split hunks for review. */
export * from './types';
export { fencedBodies, parseAnswer } from './parseAnswer';
export { changesFromToolCalls } from './toolCalls';
export { EDIT_TOOLS, READ_TOOLS } from './toolDefs';
export { applyFileEdits, applyPatch, blockFailures } from './apply';
export { isProbablyBinary } from './paths';
export { diffStats, splitHunks, applySelectedHunks } from './hunks';
export { repairPrompt } from './repair';
export type { Proposal } from './proposal';
