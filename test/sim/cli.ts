/**
 * `npm run sim`: the simulator standalone, so a human can point the extension at it.
 * Chats get the demo model's answers (demo/index.ts), or with --echo the scripted echo
 * reply (defaultReply.ts), paced so streaming is visible.
 */
import { parseArgs } from 'util';
import { demoModel } from './demo';
import { defaultReply } from './defaultReply';
import { DEFAULT_KEYS, startSimulator } from './server';
import { TIER_LIMITS } from './tierLimits';
import type { Flavour, SimOptions, Tier } from './types';

const FLAVOURS: Flavour[] = ['stepfun', 'openrouter', 'vllm', 'sglang'];
const USAGE = `Usage: npm run sim -- [--flavour stepfun|openrouter|vllm|sglang] [--tier V0..V5] [--empty-401] [--echo]
                      [--port-global N] [--port-china N] [--tokens-per-second N (0 = unpaced, default 40)]
  --echo  answer every chat by echoing it instead of with the demo model`;

function port(value: string | undefined, flag: string): number {
  if (value === undefined) return 0;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`${flag} must be a port number 0-65535, got "${value}"`);
  return n;
}

export function parseCli(argv: string[]): SimOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      flavour: { type: 'string' },
      tier: { type: 'string' },
      'empty-401': { type: 'boolean' },
      'port-global': { type: 'string' },
      'port-china': { type: 'string' },
      'tokens-per-second': { type: 'string' },
      echo: { type: 'boolean' },
    },
    strict: true,
  });
  const flavour = (values.flavour ?? 'stepfun') as Flavour;
  if (!FLAVOURS.includes(flavour)) throw new Error(`--flavour must be one of ${FLAVOURS.join('|')}, got "${values.flavour}"`);
  const tier = values.tier as Tier | undefined;
  if (tier !== undefined && !(tier in TIER_LIMITS)) throw new Error(`--tier must be one of ${Object.keys(TIER_LIMITS).join('|')}, got "${tier}"`);
  const tps = Number(values['tokens-per-second'] ?? '40');
  if (!Number.isFinite(tps) || tps < 0) throw new Error(`--tokens-per-second must be a number >= 0, got "${values['tokens-per-second']}"`);
  return {
    flavour,
    tier,
    unauthorizedBody: values['empty-401'] ? 'empty' : 'json',
    ports: { global: port(values['port-global'], '--port-global'), china: port(values['port-china'], '--port-china') },
    tokensPerSecond: tps,
    ...(values.echo ? { fallback: (body: unknown) => defaultReply(body) } : {}),
  };
}

/** The options `npm run sim` starts with: the flags, the demo model unless --echo asked for the echo, and an advisor under any other model id. */
export function simulatorOptions(argv: string[]): SimOptions {
  const options = parseCli(argv);
  return { ...options, fallback: options.fallback ?? demoModel(), advisor: true };
}

async function main(): Promise<void> {
  let options: SimOptions;
  try {
    options = simulatorOptions(process.argv.slice(2));
  } catch (err) {
    console.error(`${(err as Error).message}\n${USAGE}`);
    process.exit(2);
  }
  const sim = await startSimulator(options);
  console.log(`Step API simulator (${options.flavour}${options.tier ? `, tier ${options.tier}` : ''}, ${options.unauthorizedBody} 401 bodies)`);
  console.log(`  global: ${sim.url('global')}   key: ${DEFAULT_KEYS.global.join(', ')}`);
  console.log(`  china:  ${sim.url('china')}   key: ${DEFAULT_KEYS.china.join(', ')}`);
  const echo = process.argv.includes('--echo');
  console.log(echo ? 'Chats get a scripted reply echoing your last message. Ctrl+C stops.' : 'Chats are answered by the demo model (--echo for the echo reply). Ctrl+C stops.');
  const stop = (): void => {
    console.log(`\nStopping after ${sim.requests.length} request(s).`);
    void sim.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(`Simulator failed to start: ${(err as Error).message}`);
    process.exit(1);
  });
}
