import * as vscode from 'vscode';
import type { ProviderSetting } from './settings';

/**
 * API keys, one per provider profile, in SecretStorage only. A key read is kept in
 * memory until SecretStorage says it changed (in this window or another; the new key is
 * then read at once), because every read is a round trip to the workbench — the
 * selected provider's key is read at activation (src/extension.ts), so requests
 * wait for none. The keys are also known for redaction (the logger masks every known
 * key) — never written anywhere else.
 */
export class KeyStore implements vscode.Disposable {
  private readonly known = new Map<ProviderSetting, string>();
  /** Reads in flight or done, per provider: one round trip serves every caller until the key changes. */
  private readonly reads = new Map<ProviderSetting, Promise<string | undefined>>();
  private readonly emitter = new vscode.EventEmitter<ProviderSetting>();
  readonly onDidChange = this.emitter.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly secrets: vscode.SecretStorage) {
    this.subscription = secrets.onDidChange((event) => {
      const provider = KeyStore.providerOf(event.key);
      if (provider) {
        this.reads.delete(provider);
        this.known.delete(provider);
        // Read the new key now: the next request (often right after Set API Key) then waits for no round trip.
        this.prefetch(provider);
        this.emitter.fire(provider);
      }
    });
  }

  private static storageKey(provider: ProviderSetting): string {
    return `stepFlash.apiKey.${provider}`;
  }

  private static providerOf(storageKey: string): ProviderSetting | undefined {
    const match = /^stepFlash\.apiKey\.(stepfun-global|stepfun-china|openrouter|custom)$/.exec(storageKey);
    return match ? (match[1] as ProviderSetting) : undefined;
  }

  get(provider: ProviderSetting): Promise<string | undefined> {
    const kept = this.reads.get(provider);
    if (kept) return kept;
    const read = Promise.resolve(this.secrets.get(KeyStore.storageKey(provider))).then((value) => {
      if (value && this.reads.get(provider) === read) this.known.set(provider, value);
      return value || undefined;
    });
    this.reads.set(provider, read);
    // A failed read is not kept: the next caller tries again.
    read.catch(() => {
      if (this.reads.get(provider) === read) this.reads.delete(provider);
    });
    return read;
  }

  /** Starts reading `provider`'s key, for a request about to need it; a failure waits for that request to report it. */
  prefetch(provider: ProviderSetting): void {
    this.get(provider).catch(() => undefined);
  }

  /** The next read asks SecretStorage: what it holds after the store, whichever window stored last. */
  async set(provider: ProviderSetting, key: string): Promise<void> {
    this.known.set(provider, key);
    this.reads.delete(provider);
    await this.secrets.store(KeyStore.storageKey(provider), key);
    this.reads.delete(provider);
  }

  async clear(provider: ProviderSetting): Promise<void> {
    this.reads.delete(provider);
    await this.secrets.delete(KeyStore.storageKey(provider));
    this.known.delete(provider);
    this.reads.delete(provider);
  }

  /** Every key this session has seen, so logs and messages can mask them. */
  knownKeys(): string[] {
    return [...this.known.values()];
  }

  dispose(): void {
    this.subscription.dispose();
    this.emitter.dispose();
  }
}
