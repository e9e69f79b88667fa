import * as vscode from 'vscode';
import { normalizeBaseUrl, PROFILE_DEFAULTS, PROVIDER_IDS, validateKey, type ProviderId } from '../../core/provider';
import { readSettings, updateSetting, type ProviderSetting } from '../settings';
import type { Logger } from '../log';
import { PROVIDER_NAMES, type ProviderService } from './providerService';
import { describeError } from './requestLog';

const ENV_OFFER_KEY = 'stepFlash.envKeyOffered';

/**
 * Set / Clear API Key, Show Connection Status, Choose Model, and the one-time
 * offer to import STEP_API_KEY. A key is validated against the chosen profile
 * before it is stored, so a key from the wrong region is caught when typed — and
 * kept for the region it belongs to, whatever the user answers (see keyForOtherRegion).
 */
export class KeyCommands {
  /** A key refused this session, for Connection Status (the stored key's check is in provider.checks). */
  private lastRefusal: string | undefined;

  constructor(
    private readonly provider: ProviderService,
    private readonly log: Logger,
    private readonly globalState: vscode.Memento,
  ) {}

  /** Returns true when a key was stored. `presetKey` skips the prompt (env import, tests). */
  async setApiKey(presetKey?: string): Promise<boolean> {
    let profile;
    try {
      profile = this.provider.profile();
    } catch (error) {
      void vscode.window.showErrorMessage((error as Error).message);
      return false;
    }
    const raw =
      presetKey ??
      (await vscode.window.showInputBox({
        title: `Step Flash: API key for ${profile.label}`,
        prompt: profile.keyUrl ? `Create a key at ${profile.keyUrl}` : 'The key your server expects (leave empty if it needs none)',
        password: true,
        ignoreFocusOut: true,
        validateInput: (value) => (value.trim() ? undefined : 'The key is empty. Paste the key (whitespace is trimmed).'),
      }));
    if (raw === undefined) return false;
    const key = raw.trim();
    if (!key) {
      void vscode.window.showErrorMessage('The API key is empty (or only whitespace); nothing was stored.');
      return false;
    }
    const check = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Checking the key with ${profile.host}…`, cancellable: true },
      (_progress, token) => {
        const abort = new AbortController();
        token.onCancellationRequested(() => abort.abort());
        return validateKey(profile, key, { regionDiagnoser: this.provider.regionDiagnoser }, abort.signal);
      },
    );
    if (!check.ok) {
      const error = check.error;
      if (error.kind === 'region-mismatch' && error.targetProvider) return this.keyForOtherRegion(key, profile.id, error.targetProvider, error.message);
      this.lastRefusal = `${new Date().toLocaleTimeString()}: a new key for ${profile.label} was refused — ${error.title}`;
      this.log.warn(`key check for ${profile.id} refused the key: ${describeError(error)}`);
      void vscode.window.showErrorMessage(`${error.title}: ${error.message} The key was not stored.`);
      return false;
    }
    await this.provider.keys.set(profile.id, key);
    await this.provider.checks.record(profile.id, key, `key valid${check.note ? ` (${check.note})` : ''}`);
    this.log.info(`key check for ${profile.id}: valid; API key stored${check.note ? ` (${check.note})` : ''}`);
    void vscode.window.showInformationMessage(`API key saved for ${profile.label}.${check.note ? ` ${check.note}` : ''}`);
    return true;
  }

  /**
   * The key works, on the other region. It is saved for that region before anything
   * is asked, so no answer — Switch, closing the notification, ignoring it — throws a
   * valid key away. The chat says at once where the key went and offers the same
   * switch (webview/panels/setup.ts); the notification offers it here.
   */
  private async keyForOtherRegion(key: string, from: ProviderId, target: ProviderId, why: string): Promise<boolean> {
    const name = PROVIDER_NAMES[target];
    await this.provider.keys.set(target, key);
    await this.provider.checks.record(target, key, `key valid (typed for ${PROVIDER_NAMES[from]}, belongs here)`);
    this.log.info(`key check for ${from}: the key belongs to ${target}; stored for ${target}, provider left on ${from}`);
    const SWITCH = `Switch to ${name}`;
    void vscode.window.showWarningMessage(`${why} The key is saved for ${name}; Step Flash still uses ${PROVIDER_NAMES[from]} until you switch.`, SWITCH).then(async (choice) => {
      if (choice !== SWITCH) return;
      await updateSetting('provider', target);
      this.log.info(`provider switched from ${from} to ${target} after the key check`);
    });
    return true;
  }

  async clearApiKey(): Promise<void> {
    const settings = readSettings();
    const stored: ProviderId[] = [];
    for (const id of PROVIDER_IDS) if (await this.provider.keys.get(id)) stored.push(id);
    if (!stored.length) {
      void vscode.window.showInformationMessage('No Step Flash API key is stored.');
      return;
    }
    const pick =
      stored.length === 1
        ? stored[0]
        : (
            await vscode.window.showQuickPick(
              stored.map((id) => ({ label: PROFILE_DEFAULTS[id].label, id, picked: id === settings.provider })),
              { title: 'Clear the API key of…' },
            )
          )?.id;
    if (!pick) return;
    await this.provider.keys.clear(pick);
    this.log.info(`API key cleared for ${pick}`);
    void vscode.window.showInformationMessage(`API key cleared for ${PROFILE_DEFAULTS[pick].label}.`);
  }

  /** The status text; also shown as a modal so it can be read and copied. */
  async connectionStatus(show = true): Promise<string> {
    const settings = readSettings();
    let lines: string[];
    try {
      const profile = this.provider.profile();
      const key = await this.provider.keys.get(profile.id);
      lines = [
        `Provider: ${profile.label}`,
        `Base URL: ${profile.baseUrl}`,
        `Model: ${profile.model}`,
        `API key: ${key ? 'stored in SecretStorage' : profile.keyRequired ? 'missing — run Step Flash: Set API Key' : 'none (not required)'}`,
        `Rate tier: ${profile.tier ?? 'not limited'}`,
        `Last check: ${this.provider.checks.describe(profile.id, key)}`,
        ...(this.lastRefusal ? [`Last refused key: ${this.lastRefusal}`] : []),
      ];
    } catch (error) {
      lines = [`Provider: ${settings.provider}`, `Settings problem: ${(error as Error).message}`];
    }
    const text = lines.join('\n');
    if (show) void vscode.window.showInformationMessage('Step Flash connection', { modal: true, detail: text });
    return text;
  }

  async chooseModel(): Promise<void> {
    const client = await this.provider.client();
    const list = await client.listModels().catch((error: Error) => ({ listed: false as const, message: error.message }));
    const current = client.profile.model;
    if (!list.listed) {
      const typed = await vscode.window.showInputBox({ title: 'Model id', value: current, prompt: list.message });
      if (typed?.trim()) await updateSetting(client.profile.id === 'custom' ? 'customModel' : 'model', typed.trim());
      return;
    }
    const pick = await vscode.window.showQuickPick(
      list.ids.map((id) => ({ label: id, description: id === current ? 'current' : undefined })),
      { title: `Models offered by ${client.profile.label}` },
    );
    if (pick) await updateSetting(client.profile.id === 'custom' ? 'customModel' : 'model', pick.label);
  }

  async chooseProvider(): Promise<void> {
    const pick = await vscode.window.showQuickPick(
      PROVIDER_IDS.map((id) => ({ label: PROFILE_DEFAULTS[id].label, id })),
      { title: 'Where is Step 3.7 Flash served?' },
    );
    if (!pick) return;
    await updateSetting('provider', pick.id as ProviderSetting);
    if (pick.id === 'custom') {
      const url = await vscode.window.showInputBox({
        title: 'Base URL of your OpenAI-compatible server',
        value: readSettings().customBaseUrl,
        validateInput: (value) => {
          const result = normalizeBaseUrl(value, 'custom');
          return result.ok ? undefined : result.message;
        },
      });
      if (url) await updateSetting('customBaseUrl', url.trim());
    }
  }

  /** Offers once (ever) to import STEP_API_KEY when no key is stored for the current profile. */
  async offerEnvironmentKey(env: NodeJS.ProcessEnv = process.env): Promise<void> {
    const key = env.STEP_API_KEY?.trim();
    if (!key || this.globalState.get<boolean>(ENV_OFFER_KEY)) return;
    const profile = this.provider.safeProfile();
    if (!profile || (await this.provider.keys.get(profile.id))) return;
    await this.globalState.update(ENV_OFFER_KEY, true);
    const choice = await vscode.window.showInformationMessage(
      `STEP_API_KEY is set in your environment${env.STEP_BASE_URL ? ` (with STEP_BASE_URL ${env.STEP_BASE_URL})` : ''}. Import it into VS Code's secret storage for ${profile.label}?`,
      'Import',
      'Not Now',
    );
    if (choice !== 'Import') return;
    if (env.STEP_BASE_URL) await this.adoptBaseUrl(env.STEP_BASE_URL);
    await this.setApiKey(key);
  }

  private async adoptBaseUrl(raw: string): Promise<void> {
    const url = raw.trim().replace(/\/+$/, '');
    const known = PROVIDER_IDS.find((id) => PROFILE_DEFAULTS[id].baseUrl && url.startsWith(PROFILE_DEFAULTS[id].baseUrl.replace(/\/v1$/, '')));
    if (known) {
      await updateSetting('provider', known);
    } else {
      await updateSetting('provider', 'custom');
      await updateSetting('customBaseUrl', url);
    }
  }
}
