/**
 * Streaming throughput in Node: the bare openai SDK loop (baseline) against our
 * client with full accumulation and handlers, on the same 200,000-token stream.
 * Runs alternate so that machine noise hits both alike; the median is reported.
 *   node out/test/bench/stream.js [--runs N] [--json]
 */
import { readWithClient, readWithSdk, startStreamSim, STREAM_TOKENS } from './streamSource';
import { median, numberArg } from './stats';

/** CPU time of this process (every thread: the simulator, the reader, V8's helpers) in the SDK loop's and our client's runs, in ms. */
const sdkCpuMs: number[] = [];
const clientCpuMs: number[] = [];

async function timed(read: () => Promise<{ content: string; reasoning: string }>, expected: { content: string; reasoning: string }, what: string, cpu?: number[]): Promise<number> {
  const before = process.cpuUsage();
  const t0 = performance.now();
  const got = await read();
  const ms = performance.now() - t0;
  const used = process.cpuUsage(before);
  cpu?.push((used.user + used.system) / 1000);
  if (got.content !== expected.content || got.reasoning !== expected.reasoning) {
    throw new Error(`${what} received ${got.content.length}+${got.reasoning.length} characters, expected ${expected.content.length}+${expected.reasoning.length}: the stream was not read whole.`);
  }
  return ms;
}

async function main(): Promise<void> {
  const runs = numberArg('--runs', 3);
  const run = await startStreamSim();
  try {
    const sdkMs: number[] = [];
    const clientMs: number[] = [];
    await readWithSdk(run.sim); // warm both paths (JIT, sockets) before timing
    await readWithClient(run.sim);
    for (let i = 0; i < runs; i++) {
      sdkMs.push(await timed(() => readWithSdk(run.sim), run.reply, 'the SDK loop', sdkCpuMs));
      let handled = 0;
      clientMs.push(await timed(() => readWithClient(run.sim, (t) => (handled += t.length), (t) => (handled += t.length)), run.reply, 'our client', clientCpuMs));
      if (handled !== run.reply.content.length + run.reply.reasoning.length) throw new Error(`handlers saw ${handled} characters, expected ${run.reply.content.length + run.reply.reasoning.length}`);
    }
    const sdk = median(sdkMs);
    const client = median(clientMs);
    const figures = {
      tokens: STREAM_TOKENS,
      runs,
      sdkMs: Math.round(sdk),
      // More than one core's worth means the simulator and the SDK alone leave less than a core of a 2-core machine.
      sdkCpuMs: Math.round(median(sdkCpuMs)),
      clientMs: Math.round(client),
      clientCpuMs: Math.round(median(clientCpuMs)),
      sdkTokensPerSecond: Math.round(STREAM_TOKENS / (sdk / 1000)),
      clientTokensPerSecond: Math.round(STREAM_TOKENS / (client / 1000)),
      clientRatio: Math.round((sdk / client) * 100) / 100,
      sdkRunsMs: sdkMs.map(Math.round),
      clientRunsMs: clientMs.map(Math.round),
    };
    console.log(`SDK loop ${figures.sdkTokensPerSecond} tok/s, our client ${figures.clientTokensPerSecond} tok/s (${figures.clientRatio}× baseline)`);
    if (process.argv.includes('--json')) console.log(JSON.stringify(figures));
  } finally {
    await run.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
