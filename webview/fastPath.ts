/**
 * A hand-written check for the one message that arrives thousands of times per
 * answer. zod without JIT (the CSP forbids eval) costs ~0.25 ms per message, which
 * at 20,000 deltas is seconds of main-thread time. This applies the same rules as
 * the turnDelta schema; anything it does not accept goes through zod, which then
 * accepts it or reports exactly what is wrong.
 */
import type { HostMessageOf } from '../src/shared/protocol';

export function asTurnDelta(data: unknown): HostMessageOf<'turnDelta'> | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const m = data as Record<string, unknown>;
  if (m.type !== 'turnDelta' || typeof m.turnId !== 'string') return undefined;
  const { content, reasoning } = m;
  if (content !== undefined && typeof content !== 'string') return undefined;
  if (reasoning !== undefined && typeof reasoning !== 'string') return undefined;
  // A fresh object with only the known keys, as zod's parse would return.
  const out: HostMessageOf<'turnDelta'> = { type: 'turnDelta', turnId: m.turnId };
  if (content !== undefined) out.content = content;
  if (reasoning !== undefined) out.reasoning = reasoning;
  return out;
}
