import { AdvisorTask, advisorCostUsd, advisorReadiness, type AdvisorPort, type AdvisorSink, type TaskAdvisor } from '../../core/advisor';
import type { TaskRef } from '../../core/cost/tasks';
import type { ChatMessage } from '../../core/provider';
import type { Logger } from '../log';
import type { ProviderService } from '../provider/providerService';
import { profileFrom } from '../provider/profile';
import { readSettings } from '../settings';

/**
 * The advisor's door to its model: the advisor profile from settings, its key
 * from the same secret storage as every provider's, each request recorded in the
 * session's cost like any other. Settings are read per task, so turning the
 * advisor off stops it from the next task on.
 */
export class AdvisorService {
  constructor(
    private readonly provider: ProviderService,
    private readonly log: Logger,
  ) {}

  /** Each consultation is billed to `task`, so its bill shows the advisor's model beside the executor's. */
  forTask(sink: AdvisorSink, task: TaskRef, signal?: AbortSignal): TaskAdvisor {
    const settings = readSettings();
    const advisor = settings.advisor;
    if (!advisor.enabled) return { kind: 'off' };
    const ready = advisorReadiness(advisor);
    if (!ready.ok) return { kind: 'blocked', reason: ready.reason };
    let port: AdvisorPort;
    try {
      // The advisor's profile is the provider's, with the advisor's model (custom: the custom server's URL).
      const profile = profileFrom({ ...settings, provider: advisor.provider, model: advisor.model });
      port = {
        model: profile.model,
        ask: async (messages: ChatMessage[], abort: AbortSignal) => {
          const client = await this.provider.client(profile);
          const result = await client.complete({ messages }, abort);
          const usd = advisorCostUsd(result.cost.usd, result.usage, advisor.price);
          const cost = usd === undefined ? result.cost : { usd, source: result.cost.source === 'unknown' ? ('price-table' as const) : result.cost.source, model: result.model };
          const bill = this.provider.record({ ...result, cost }, task);
          this.log.info(`advisor ${profile.model}: ${result.usage?.promptTokens ?? 0} in, ${result.usage?.completionTokens ?? 0} out, ${usd === undefined ? 'price unknown' : `$${usd.toFixed(4)}`}`);
          return {
            text: result.answerText,
            model: result.model,
            usage: bill,
            priced: usd !== undefined,
          };
        },
      };
    } catch (error) {
      return { kind: 'blocked', reason: `The advisor's provider settings need attention: ${(error as Error).message}` };
    }
    const consultations = new AdvisorTask(port, { maxCalls: advisor.maxCallsPerTask, timeoutMs: advisor.timeoutSeconds * 1000, ...(signal ? { signal } : {}) }, sink);
    return { kind: 'ready', task: consultations };
  }
}
