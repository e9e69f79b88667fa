/** What the model said, as file changes: its edit tool calls first, else the edit formats in its answer text. */
import { parseAnswer, type ParseOptions } from './parseAnswer';
import { changesFromToolCalls } from './toolCalls';
import type { ProposedChange } from './types';

export interface Proposal {
  toolCalls?: Array<{ name: string; arguments: string | Record<string, unknown> }>;
  text?: string;
}

/** Problems (malformed blocks, bad tool arguments) are returned with the changes, never dropped. */
export function changesFromProposal(proposal: Proposal, options: ParseOptions = {}): { changes: ProposedChange[]; problems: string[] } {
  const problems: string[] = [];
  if (proposal.toolCalls?.length) {
    const parsed = changesFromToolCalls(proposal.toolCalls);
    problems.push(...parsed.problems);
    if (parsed.changes.length) return { changes: parsed.changes, problems };
  }
  if (proposal.text) {
    const parsed = parseAnswer(proposal.text, options);
    return { changes: parsed.changes, problems: [...problems, ...parsed.problems] };
  }
  return { changes: [], problems };
}
