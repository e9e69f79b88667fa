import {
  createStepClient,
  diagnosticsFor,
  createLimiterRegistry,
  RegionDiagnoser,
  PROVIDER_IDS,
  StepError,
  type Clock,
  type ChatResult,
  type ProviderId,
  type ResolvedProfile,
  type StepClient,
} from '../../core/provider';
import { OUTSIDE_TASKS, requestBill, TaskLedger, type TaskRef } from '../../core/cost/tasks';
import { readSettings, updateSetting } from '../settings';
import type { KeyStore } from '../secrets';
import type { Logger } from '../log';
import type { CostStatusBar } from '../statusBar';
import type { EffortLevel, StatusView, UsageView } from '../../shared/protocol';
import { KeyChecks, type KeyCheckState } from './keyChecks';
import { loggingClient } from './requestLog';
import type { NetworkWarmUp } from './networkWarmUp';
import { profileFrom } from './profile';

/**
 * Short provider names for the chat header and the settings' provider dropdown
 * (package.json enumItemLabels, in the same order); messages that need the host
 * use the profile's full label.
 */
export const PROVIDER_NAMES: Readonly<Record<ProviderId, string>> = {
  'stepfun-global': 'StepFun (global)',
  'stepfun-china': 'StepFun (China)',
  openrouter: 'OpenRouter',
  custom: 'Custom server',
};

/**
 * The host's one door to the model: resolves the profile from settings, holds
 * one limiter per profile (so every chat and command shares the tier's
 * allowance), one region diagnoser (a key's region is probed once), and the
 * session's cost.
 */
export class ProviderService {
  readonly regionDiagnoser = new RegionDiagnoser();
  /** This window's bill, task by task (the status bar and "Show Session Cost" read it). */
  readonly costs = new TaskLedger();
  private limiters = createLimiterRegistry();
  /** Effort levels an endpoint named when it refused another, per profile and base URL (this session). */
  private readonly effortLevels = new Map<ProviderId, { baseUrl: string; levels: EffortLevel[] }>();
  /** The last key check per provider, kept across reloads (by a hash of the key, never the key). */
  readonly checks: KeyChecks;
  private readonly requestListeners = new Set<() => void>();

  constructor(
    readonly keys: KeyStore,
    private readonly log: Logger,
    private readonly statusBar: CostStatusBar,
    private readonly network: NetworkWarmUp,
    state?: KeyCheckState,
  ) {
    this.checks = new KeyChecks(state);
  }

  /** Replaces the limiters' clock (and the limiters): tests compress a tier's minute with a faster one. */
  useLimiterClock(clock: Clock): void {
    this.limiters = createLimiterRegistry(clock);
  }

  /** Throws a StepError naming the bad setting when the settings cannot make a profile. */
  profile(): ResolvedProfile {
    return this.withEffortLevels(profileFrom(readSettings()));
  }

  /** A profile for a provider other than the selected one (the language-model entries list each configured one). */
  profileFor(provider: ProviderId): ResolvedProfile {
    const settings = readSettings();
    // stepFlash.model names the selected provider's model; another provider uses its default.
    return this.withEffortLevels(profileFrom(provider === settings.provider ? settings : { ...settings, provider, model: '' }));
  }

  private withEffortLevels(profile: ResolvedProfile): ResolvedProfile {
    const known = this.effortLevels.get(profile.id);
    return known && known.baseUrl === profile.baseUrl ? { ...profile, effortLevels: known.levels } : profile;
  }

  /** "Use a Supported Level": later requests to this endpoint send the nearest level it named. */
  useEffortLevels(levels: EffortLevel[], profile = this.safeProfile()): string {
    if (!profile || !levels.length) return 'The server named no effort level Step Flash can send; nothing changed.';
    this.effortLevels.set(profile.id, { baseUrl: profile.baseUrl, levels: [...levels] });
    this.log.info(`effort levels for ${profile.id} limited to ${levels.join(', ')} after the server refused another`);
    return `${profile.label} takes ${levels.join(', ')}: Step Flash now sends the nearest of those for this session. Retrying.`;
  }

  /** "Stop Sending Effort": turns stepFlash.customSendEffort off. */
  async stopSendingEffort(): Promise<string> {
    await updateSetting('customSendEffort', false);
    this.log.info('stepFlash.customSendEffort turned off after the server refused the effort');
    return 'stepFlash.customSendEffort is now off: the custom server no longer receives an effort level. Retrying.';
  }

  async client(profile = this.profile()): Promise<StepClient> {
    const apiKey = await this.keys.get(profile.id);
    const limiter = this.limiters.forProfile(profile);
    const client = createStepClient({
      profile,
      ...(apiKey ? { apiKey } : {}),
      ...(limiter ? { limiter } : {}),
      regionDiagnoser: this.regionDiagnoser,
      fetch: (input, init) => {
        const response = fetch(input, init);
        for (const listener of [...this.requestListeners]) listener();
        return response;
      },
    });
    return loggingClient(client, this.log);
  }

  /**
   * Starts the host's network set-up for the selected provider (./networkWarmUp.ts), so
   * it overlaps the services' start and the key read instead of following them.
   */
  warmUp(): void {
    const profile = this.safeProfile();
    if (profile) void this.network.warm(profile.baseUrl);
  }

  /** Calls `listener` each time a request has been handed to fetch; returns the unsubscribe. */
  onRequestSent(listener: () => void): () => void {
    this.requestListeners.add(listener);
    return () => this.requestListeners.delete(listener);
  }

  /** Bills a finished request to its task and the session, and refreshes the status bar; returns the request's bill. */
  record(result: Pick<ChatResult, 'usage' | 'cost' | 'model'>, task: TaskRef = OUTSIDE_TASKS): UsageView {
    const bill = requestBill(result.usage, result.cost);
    this.costs.add(task, result.model, bill);
    this.statusBar.update(this.costs);
    return bill;
  }

  /** What the chat header shows, and what it must say before a user tries to send media. */
  async statusView(): Promise<StatusView> {
    const settings = readSettings();
    const base = {
      maxImageEdge: settings.imageMaxEdge,
      maxImageBytes: settings.imageMaxBytes,
      defaultDetail: settings.imageDetail,
    };
    let profile: ResolvedProfile;
    try {
      profile = profileFrom(settings);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return { ...base, providerLabel: 'Settings need attention', model: message, keyPresent: false, keyRequired: false, keysElsewhere: [], supportsImages: false, supportsVideo: false, imageBlocker: message, videoBlocker: message };
    }
    const keyPresent = !!(await this.keys.get(profile.id));
    const keysElsewhere: StatusView['keysElsewhere'] = [];
    for (const id of PROVIDER_IDS) if (id !== profile.id && (await this.keys.get(id))) keysElsewhere.push({ id, label: PROVIDER_NAMES[id] });
    const view: StatusView = {
      ...base,
      providerLabel: profile.id === 'custom' ? `${PROVIDER_NAMES.custom} (${profile.host || profile.baseUrl})` : PROVIDER_NAMES[profile.id],
      model: profile.model,
      keyPresent,
      keyRequired: profile.keyRequired,
      keysElsewhere,
      supportsImages: profile.supportsImages,
      supportsVideo: profile.supportsVideo,
    };
    if (!profile.supportsImages) {
      view.imageBlocker = `${profile.label} is configured without vision (stepFlash.customVision is off), so images cannot be sent. Turn the setting on if the server accepts images.`;
    }
    if (!profile.supportsVideo) {
      view.videoBlocker = `Video needs a StepFun endpoint (the Files API and stepfile:// references); ${profile.label} cannot take video.`;
    }
    return view;
  }

  diagnostics(error: StepError, profile: ResolvedProfile | undefined): string {
    const p = profile ?? this.safeProfile();
    const text = p
      ? diagnosticsFor(error, p, p.model, new Date(), this.keys.knownKeys())
      : `Step Flash diagnostics\nError: ${error.kind}\nMessage: ${error.message}`;
    this.log.info(`diagnostics prepared for ${error.kind}${error.traceId ? ` (trace ${error.traceId})` : ''}`);
    return text;
  }

  safeProfile(): ResolvedProfile | undefined {
    try {
      return this.profile();
    } catch {
      return undefined;
    }
  }

  /**
   * Switches to the region a key belongs to. The key moves with it: it was
   * stored under the profile where it does not work, and is needed where it does.
   */
  async switchRegion(from: ProviderId, to: ProviderId): Promise<void> {
    const key = await this.keys.get(from);
    if (key) {
      await this.keys.set(to, key);
      await this.keys.clear(from);
      await this.checks.record(to, key, `key valid (found by the region check, moved from ${PROVIDER_NAMES[from]})`);
    }
    await updateSetting('provider', to);
    this.log.info(`provider switched from ${from} to ${to} after a region diagnosis`);
  }
}
