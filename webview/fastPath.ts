/**
 * A hand-written check for the one message that arrives thousands of times per
 * answer: a turn's streamed text. zod without JIT (the CSP forbids eval) costs
 * ~0.25 ms per message, which at 20,000 deltas is seconds of main-thread time. This
 * applies the same rules as the schema to `turn` messages carrying an answer or
 * reasoning event; anything it does not accept goes through zod, which then accepts
 * it or reports exactly what is wrong.
 */
import type { HostMessageOf } from '../src/shared/protocol';

export function asStreamedText(data: unknown): HostMessageOf<'turn'> | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const m = data as Record<string, unknown>;
  if (m.type !== 'turn' || typeof m.turnId !== 'string' || typeof m.event !== 'object' || m.event === null) return undefined;
  const { kind, text } = m.event as Record<string, unknown>;
  if ((kind !== 'answer' && kind !== 'reasoning') || typeof text !== 'string') return undefined;
  // Fresh objects with only the known keys, as zod's parse would return.
  return { type: 'turn', turnId: m.turnId, event: { kind, text } };
}
