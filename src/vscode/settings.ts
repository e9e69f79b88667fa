import * as vscode from 'vscode';
import type { EffortChoice, ImageDetail } from '../shared/protocol';
import type { Intent } from '../core/effort';
import { ADVISOR_DEFAULTS, parsePrice, type AdvisorSettings } from '../core/advisor/settings';

export type ProviderSetting = 'stepfun-global' | 'stepfun-china' | 'openrouter' | 'custom';
export type TierSetting = 'V0' | 'V1' | 'V2' | 'V3' | 'V4' | 'V5';

/** A typed snapshot of the user's settings; read fresh per request so changes apply at once. */
export interface SettingsSnapshot {
  provider: ProviderSetting;
  model: string;
  customBaseUrl: string;
  customModel: string;
  customVision: boolean;
  customSendEffort: boolean;
  rateTier: TierSetting;
  effort: (intent: Intent) => EffortChoice;
  imageMaxEdge: number;
  imageMaxBytes: number;
  imageDetail: ImageDetail;
  useRefactorPreview: boolean;
  saveAfterApply: boolean;
  agentMaxSteps: number;
  /** VS Code tools (names or tag:NAME) commands may call; empty: none. */
  vscodeTools: string[];
  /** Of those, the ones trusted to only read: they run without asking. */
  vscodeToolsWithoutAsking: string[];
  /** The advisor profile; `provider` already resolved from "same". */
  advisor: AdvisorSettings;
}

const SECTION = 'stepFlash';

/** The selected provider alone, for activation (src/extension.ts), which loads nothing else of the settings. */
export function readProvider(c = vscode.workspace.getConfiguration(SECTION)): ProviderSetting {
  return c.get<ProviderSetting>('provider', 'stepfun-global');
}

export function readSettings(): SettingsSnapshot {
  const c = vscode.workspace.getConfiguration(SECTION);
  return {
    provider: readProvider(c),
    model: c.get<string>('model', '').trim(),
    customBaseUrl: c.get<string>('customBaseUrl', 'http://127.0.0.1:8000/v1').trim(),
    customModel: c.get<string>('customModel', 'step3p7-flash').trim(),
    customVision: c.get<boolean>('customVision', true),
    customSendEffort: c.get<boolean>('customSendEffort', true),
    rateTier: c.get<TierSetting>('rateTier', 'V0'),
    effort: (intent) => c.get<EffortChoice>(`effort.${intent}`, 'auto'),
    imageMaxEdge: c.get<number>('images.maxEdge', 2048),
    imageMaxBytes: Math.round(c.get<number>('images.maxMegabytes', 10) * 1024 * 1024),
    imageDetail: c.get<ImageDetail>('images.detail', 'high'),
    useRefactorPreview: c.get<boolean>('review.useRefactorPreview', false),
    saveAfterApply: c.get<boolean>('review.saveAfterApply', false),
    agentMaxSteps: c.get<number>('agent.maxSteps', 8),
    vscodeTools: stringList(c.get<unknown>('agent.vscodeTools', [])),
    vscodeToolsWithoutAsking: stringList(c.get<unknown>('agent.vscodeToolsWithoutAsking', [])),
    advisor: readAdvisor(c),
  };
}

function readAdvisor(c: vscode.WorkspaceConfiguration): AdvisorSettings {
  const provider = c.get<ProviderSetting | 'same'>('advisor.provider', 'same');
  const price = parsePrice(c.get<unknown>('advisor.pricePerMillionTokens', null));
  return {
    enabled: c.get<boolean>('advisor.enabled', ADVISOR_DEFAULTS.enabled),
    provider: provider === 'same' ? c.get<ProviderSetting>('provider', 'stepfun-global') : provider,
    model: c.get<string>('advisor.model', '').trim(),
    maxCallsPerTask: c.get<number>('advisor.maxCallsPerTask', ADVISOR_DEFAULTS.maxCallsPerTask),
    timeoutSeconds: c.get<number>('advisor.timeoutSeconds', ADVISOR_DEFAULTS.timeoutSeconds),
    ...(price ? { price } : {}),
  };
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v.trim() !== '').map((v) => v.trim()) : [];
}

/** Writes where the user set it: a workspace value would otherwise shadow a global write. */
export async function updateSetting(key: string, value: unknown): Promise<void> {
  const config = vscode.workspace.getConfiguration(SECTION);
  const inspected = config.inspect(key);
  const target =
    inspected?.workspaceFolderValue !== undefined
      ? vscode.ConfigurationTarget.WorkspaceFolder
      : inspected?.workspaceValue !== undefined
        ? vscode.ConfigurationTarget.Workspace
        : vscode.ConfigurationTarget.Global;
  await config.update(key, value, target);
}

export function onSettingsChanged(listener: () => void): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration((event) => {
    if (event.affectsConfiguration(SECTION)) listener();
  });
}
