/**
 * The one error type the provider layer throws. Every failure carries a kind the
 * UI can branch on, a human title and a message that names the specific thing
 * that went wrong, the trace id support will ask for, and the buttons that fix it.
 */
import type { EffortLevel, ErrorActionId } from '../../shared/protocol';
import type { ProviderId } from './profiles';
import type { ToolCall } from './types';

export type StepErrorKind =
  | 'bad-request'
  | 'unauthorized'
  | 'region-mismatch'
  | 'balance'
  | 'not-found'
  | 'rate-limited'
  | 'moderation'
  | 'server'
  | 'overloaded'
  | 'gateway-timeout'
  | 'connection'
  | 'timeout'
  | 'stream-cut'
  | 'stream-error'
  | 'empty-answer'
  | 'malformed-chunk'
  | 'cancelled';

export const ACTION_LABELS: Readonly<Record<ErrorActionId, string>> = {
  retry: 'Retry',
  switchRegion: 'Switch Region',
  setApiKey: 'Set API Key',
  copyDiagnostics: 'Copy Diagnostics',
  openTopUp: 'Top Up',
  openSettings: 'Open Settings',
  stopSendingEffort: 'Stop Sending Effort and Retry',
  useSupportedEffort: 'Use a Supported Level and Retry',
};

/** What was received before a stream failed, so the UI can keep it. */
export interface PartialAnswer {
  content: string;
  reasoning: string;
  /** Tool calls assembled before the failure (their arguments may be incomplete JSON). */
  toolCalls?: ToolCall[];
}

/** A server refused the reasoning effort the extension sent, naming the levels it takes (if it did). */
interface EffortRejection {
  sent: EffortLevel;
  supported: EffortLevel[];
}

export interface StepErrorInit {
  kind: StepErrorKind;
  title: string;
  message: string;
  status?: number;
  traceId?: string;
  /** Whether the client may retry automatically. */
  retryable?: boolean;
  actions?: ErrorActionId[];
  /** switchRegion: the profile to switch to. */
  targetProvider?: ProviderId;
  /** openTopUp: the page to open. */
  topUpUrl?: string;
  /** rate-limited: the server's Retry-After, in ms. */
  retryAfterMs?: number;
  partial?: PartialAnswer;
  effortRejected?: EffortRejection;
  cause?: unknown;
}

export class StepError extends Error {
  readonly kind: StepErrorKind;
  readonly title: string;
  readonly status?: number;
  traceId?: string;
  readonly retryable: boolean;
  readonly actions: ErrorActionId[];
  readonly targetProvider?: ProviderId;
  readonly topUpUrl?: string;
  readonly retryAfterMs?: number;
  partial?: PartialAnswer;
  readonly effortRejected?: EffortRejection;

  constructor(init: StepErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'StepError';
    this.kind = init.kind;
    this.title = init.title;
    this.retryable = init.retryable ?? false;
    this.actions = init.actions ?? [];
    if (init.status !== undefined) this.status = init.status;
    if (init.traceId !== undefined) this.traceId = init.traceId;
    if (init.targetProvider !== undefined) this.targetProvider = init.targetProvider;
    if (init.topUpUrl !== undefined) this.topUpUrl = init.topUpUrl;
    if (init.retryAfterMs !== undefined) this.retryAfterMs = init.retryAfterMs;
    if (init.partial !== undefined) this.partial = init.partial;
    if (init.effortRejected !== undefined) this.effortRejected = init.effortRejected;
  }

  /** The shape the webview renders (src/shared/protocol.ts ErrorView). */
  toView(): { title: string; message: string; traceId?: string; actions: { id: ErrorActionId; label: string }[] } {
    const view: { title: string; message: string; traceId?: string; actions: { id: ErrorActionId; label: string }[] } = {
      title: this.title,
      message: this.message,
      actions: this.actions.map((id) => ({ id, label: ACTION_LABELS[id] })),
    };
    if (this.traceId) view.traceId = this.traceId;
    return view;
  }
}

export function cancelledError(what: string): StepError {
  return new StepError({ kind: 'cancelled', title: 'Cancelled', message: `${what} was cancelled.` });
}
