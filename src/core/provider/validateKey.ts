/**
 * The "Set API Key" check: one GET /models against the chosen profile, so a
 * wrong key or a key from the other StepFun region is caught when it is typed,
 * not at the first chat.
 */
import { createStepClient, type StepClientOptions } from './client';
import { StepError } from './errors';
import type { ResolvedProfile } from './profiles';

export type KeyCheck = { ok: true; models?: string[]; note?: string } | { ok: false; error: StepError };

export async function validateKey(
  profile: ResolvedProfile,
  apiKey: string,
  options: Omit<StepClientOptions, 'profile' | 'apiKey'> = {},
  signal?: AbortSignal,
): Promise<KeyCheck> {
  const client = createStepClient({ ...options, profile, apiKey, retry: { maxAttempts: 1, ...options.retry } });
  try {
    const list = await client.listModels(signal);
    if (list.listed) return { ok: true, models: list.ids };
    return { ok: true, note: `${list.message} The key could not be checked without sending a chat request.` };
  } catch (error) {
    if (error instanceof StepError) return { ok: false, error };
    throw error;
  }
}
