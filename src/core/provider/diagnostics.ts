/**
 * The text "Copy Diagnostics" puts on the clipboard: what a support ticket
 * needs (provider, URL, model, status, trace id, time) and never the key, even
 * when a server echoed it back inside an error message.
 */
import { redactSecrets } from '../redact';
import type { StepError } from './errors';
import type { ResolvedProfile } from './profiles';

export interface DiagnosticsInput {
  profile: string;
  baseUrl: string;
  model: string;
  status?: number;
  traceId?: string;
  time: Date | number;
  kind: string;
  message: string;
  /** e.g. extension and VS Code versions. */
  extra?: Record<string, string | number | undefined>;
  /** Keys to scrub besides the key shapes redactSecrets always masks. */
  secrets?: readonly string[];
}

export function formatDiagnostics(input: DiagnosticsInput): string {
  const time = input.time instanceof Date ? input.time : new Date(input.time);
  const lines: [string, string | number | undefined][] = [
    ['Provider', input.profile],
    ['Base URL', input.baseUrl],
    ['Model', input.model],
    ['Error', input.kind],
    ['HTTP status', input.status ?? 'none (no HTTP response)'],
    ['Trace id', input.traceId ?? 'none received'],
    ['Time', Number.isNaN(time.getTime()) ? 'unknown' : time.toISOString()],
    ...Object.entries(input.extra ?? {}),
    ['Message', input.message],
  ];
  const text = ['Step Flash diagnostics', ...lines.filter(([, v]) => v !== undefined).map(([k, v]) => `${k}: ${String(v)}`)].join('\n');
  return redactSecrets(text, input.secrets ?? []);
}

/** Diagnostics for a StepError raised under a profile. */
export function diagnosticsFor(error: StepError, profile: ResolvedProfile, model: string, time: Date | number, secrets: readonly string[] = []): string {
  const input: DiagnosticsInput = {
    profile: `${profile.label} (${profile.id})`,
    baseUrl: profile.baseUrl,
    model,
    time,
    kind: error.kind,
    message: `${error.title}: ${error.message}`,
    secrets,
  };
  if (error.status !== undefined) input.status = error.status;
  if (error.traceId !== undefined) input.traceId = error.traceId;
  return formatDiagnostics(input);
}
