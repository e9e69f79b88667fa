/**
 * GET /models. StepFun, OpenRouter, vLLM and SGLang all list models; some
 * OpenAI-compatible proxies do not, and that is information, not a failure.
 */
import { APIError } from 'openai';
import { mapError, requireKey, type ClientContext } from './clientContext';
import { traceIdFrom } from './httpCapture';

export type ModelList = { listed: true; ids: string[]; traceId?: string } | { listed: false; message: string };

export async function listModels(ctx: ClientContext, signal?: AbortSignal): Promise<ModelList> {
  requireKey(ctx);
  try {
    const { data: page, response } = await ctx.sdk.models.list(signal ? { signal } : undefined).withResponse();
    const ids = page.data.map((m) => m.id).filter((id): id is string => typeof id === 'string');
    const traceId = traceIdFrom(response.headers);
    return traceId ? { listed: true, ids, traceId } : { listed: true, ids };
  } catch (error) {
    if (error instanceof APIError && error.status === 404) {
      return { listed: false, message: `${ctx.profile.host} does not list models (GET ${ctx.profile.baseUrl}/models answered 404). Type the model name in settings.` };
    }
    throw await mapError(ctx, error, { model: ctx.profile.model, path: '/models' }, signal);
  }
}
