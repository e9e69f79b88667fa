/**
 * The shared workload of the streaming benchmarks: a 200,000-token answer
 * (reasoning then content) served by the simulator in 1–4 token chunks as fast
 * as it can, and the three readers that are compared on it.
 */
import OpenAI from 'openai';
import { createStepClient, resolveProfile } from '../../src/core/provider';
import { startSimulator } from '../sim/server';
import type { Simulator } from '../sim/types';

export const STREAM_TOKENS = 200_000;
export const END_MARKER = 'END-OF-BENCH-STREAM';
const KEY = 'sk-global-test';

/** ~4 characters a token, as the simulator counts them; half reasoning, half markdown content with code. */
export function benchReply(tokens = STREAM_TOKENS): { reasoning: string; content: string } {
  const words = ['the ', 'model ', 'streams ', 'tokens ', 'fast ', 'and ', 'we ', 'keep ', 'up ', 'with ', 'it ', 'all '];
  const reasoningChars = tokens * 2;
  const contentChars = tokens * 2 - END_MARKER.length;
  const build = (chars: number, markdown: boolean) => {
    const parts: string[] = [];
    let size = 0;
    for (let i = 0; size < chars; i++) {
      let piece = words[i % words.length];
      if (markdown && i % 97 === 96) piece = '\n\n```ts\nconst x = 1;\n```\n\n';
      else if (i % 41 === 40) piece = '\n\n';
      parts.push(piece);
      size += piece.length;
    }
    return parts.join('').slice(0, chars);
  };
  return { reasoning: build(reasoningChars, false), content: build(contentChars, true) + END_MARKER };
}

export interface StreamRun {
  sim: Simulator;
  reply: { reasoning: string; content: string };
  close(): Promise<void>;
}

export async function startStreamSim(): Promise<StreamRun> {
  const sim = await startSimulator();
  const reply = benchReply();
  sim.respondWith(() => ({ ...reply, tokensPerChunk: [1, 4] }));
  return { sim, reply, close: () => sim.close() };
}

/** Baseline: the bare openai SDK loop that only concatenates the deltas. */
export async function readWithSdk(sim: Simulator): Promise<{ content: string; reasoning: string }> {
  const sdk = new OpenAI({ apiKey: KEY, baseURL: sim.url('global'), maxRetries: 0 });
  const stream = await sdk.chat.completions.create({ model: 'step-3.7-flash', stream: true, messages: [{ role: 'user', content: 'go' }] });
  let content = '';
  let reasoning = '';
  for await (const chunk of stream) {
    const delta = chunk.choices[0]?.delta as { content?: string | null; reasoning?: string | null } | undefined;
    if (delta?.content) content += delta.content;
    if (delta?.reasoning) reasoning += delta.reasoning;
  }
  return { content, reasoning };
}

export function benchClient(sim: Simulator) {
  const profile = resolveProfile({ provider: 'stepfun-global' }, { 'stepfun-global': sim.url('global') });
  return createStepClient({ profile, apiKey: KEY });
}

/** Ours: the product client with full accumulation and handlers, as the chat controller uses it. */
export async function readWithClient(sim: Simulator, onContent?: (t: string) => void, onReasoning?: (t: string) => void): Promise<{ content: string; reasoning: string }> {
  const client = benchClient(sim);
  const result = await client.streamChat({ messages: [{ role: 'user', content: 'go' }], effort: 'high' }, { onContent, onReasoning });
  return { content: result.content, reasoning: result.reasoning };
}
