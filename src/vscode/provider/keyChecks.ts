import { createHash } from 'crypto';
import type { Memento } from 'vscode';
import type { ProviderId } from '../../core/provider';

const STATE_KEY = 'stepFlash.keyChecks';

/** Where the checks are kept: the extension's global state. */
export type KeyCheckState = Pick<Memento, 'get' | 'update'>;

interface StoredCheck {
  /** A hash of the key it was about, so a replaced key is not reported as checked. Never the key. */
  keyHash: string;
  at: number;
  result: string;
}

/** A short one-way digest: enough to tell two keys apart, nothing that leads back to the key. */
function digest(provider: ProviderId, key: string): string {
  return createHash('sha256').update(`step-flash key check\0${provider}\0${key}`).digest('hex').slice(0, 16);
}

/**
 * The outcome of the last key check per provider, for Show Connection Status. It
 * lives in global state so that a reload does not turn a validated key into
 * "not checked yet"; it is tied to the key by a hash, never by the key itself.
 */
export class KeyChecks {
  /** This session's checks, when there is no state to keep them in. */
  private readonly memory = new Map<string, StoredCheck>();

  /** `state` is the extension's global state; a new KeyChecks on it (after a reload) reads the same checks. */
  constructor(readonly state?: KeyCheckState) {}

  private all(): Record<string, StoredCheck> {
    return this.state?.get<Record<string, StoredCheck>>(STATE_KEY) ?? Object.fromEntries(this.memory);
  }

  async record(provider: ProviderId, key: string, result: string): Promise<void> {
    const check: StoredCheck = { keyHash: digest(provider, key), at: Date.now(), result };
    this.memory.set(provider, check);
    if (this.state) await this.state.update(STATE_KEY, { ...this.all(), [provider]: check });
  }

  /** "Nov 28, 10:02: key valid", or why there is nothing to report for this key. */
  describe(provider: ProviderId, key: string | undefined): string {
    if (!key) return 'no key stored';
    const check = this.all()[provider];
    if (!check || check.keyHash !== digest(provider, key)) return 'not checked yet (this key was stored without a check)';
    const when = new Date(check.at).toLocaleString('en-US', { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
    return `${when}: ${check.result}`;
  }
}
