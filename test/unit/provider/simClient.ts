/**
 * Test helpers: a simulator per flavour and a real client pointed at it over
 * real HTTP, with a recording fake sleep so retry waits can be asserted without
 * waiting.
 */
import { createStepClient, type StepClient, type StepClientOptions } from '../../../src/core/provider/client';
import { StepError } from '../../../src/core/provider/errors';
import { resolveProfile, type ProviderId, type ResolvedProfile } from '../../../src/core/provider/profiles';
import { RegionDiagnoser, sdkRegionProbe } from '../../../src/core/provider/region';
import type { Sleep } from '../../../src/core/provider/retry';
import type { Usage } from '../../../src/core/provider/types';
import { startSimulator } from '../../sim/server';
import type { Flavour, SimOptions, Simulator } from '../../sim/types';

export const GLOBAL_KEY = 'sk-global-test';
export const CHINA_KEY = 'sk-china-test';

export function providerFor(flavour: Flavour): ProviderId {
  if (flavour === 'openrouter') return 'openrouter';
  if (flavour === 'vllm' || flavour === 'sglang') return 'custom';
  return 'stepfun-global';
}

export function modelFor(flavour: Flavour): string {
  if (flavour === 'openrouter') return 'stepfun/step-3.7-flash';
  if (flavour === 'vllm' || flavour === 'sglang') return 'step3p7-flash';
  return 'step-3.7-flash';
}

export function profileFor(sim: Simulator, provider: ProviderId, extra: { vision?: boolean; model?: string } = {}): ResolvedProfile {
  return resolveProfile(
    { provider, ...(provider === 'custom' ? { vision: extra.vision ?? true } : {}), ...(extra.model ? { model: extra.model } : {}) },
    {
      'stepfun-global': sim.url('global'),
      'stepfun-china': sim.url('china'),
      openrouter: sim.url('global'),
      custom: sim.url('global'),
    },
  );
}

export interface RecordingSleep {
  sleep: Sleep;
  waits: number[];
}

export function recordingSleep(): RecordingSleep {
  const waits: number[] = [];
  return {
    waits,
    sleep: async (ms, signal) => {
      waits.push(ms);
      if (signal?.aborted) throw new Error('aborted');
    },
  };
}

export interface Harness {
  sim: Simulator;
  client: StepClient;
  profile: ResolvedProfile;
  sleep: RecordingSleep;
  make(options?: Partial<StepClientOptions> & { provider?: ProviderId; vision?: boolean; model?: string }): StepClient;
}

/** Starts a simulator of `flavour` and a client on it; the caller closes `sim`. */
export async function harness(flavour: Flavour = 'stepfun', simOptions: SimOptions = {}): Promise<Harness> {
  const sim = await startSimulator({ flavour, ...simOptions });
  const sleep = recordingSleep();
  const make: Harness['make'] = (options = {}) => {
    const { provider, vision, model, ...rest } = options;
    const profile = profileFor(sim, provider ?? providerFor(flavour), { ...(vision !== undefined ? { vision } : {}), model: model ?? modelFor(flavour) });
    return createStepClient({
      profile,
      apiKey: GLOBAL_KEY,
      retry: { sleep: sleep.sleep, random: () => 0 },
      regionDiagnoser: new RegionDiagnoser(sdkRegionProbe()),
      ...rest,
    });
  };
  const client = make();
  return { sim, client, profile: client.profile, sleep, make };
}

/** Sum of the fake sleeps, which countdownWait splits into whole seconds. */
export function total(waits: number[]): number {
  return waits.reduce((a, b) => a + b, 0);
}

export function usageOf(u: Usage | undefined): Usage {
  if (!u) throw new Error('expected usage');
  return u;
}

/** Expects `promise` to reject with a StepError and returns it. */
export async function rejection<T>(promise: Promise<T>): Promise<StepError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof StepError) return error;
    throw error;
  }
  throw new Error('expected the promise to reject');
}
