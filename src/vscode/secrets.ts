import * as vscode from 'vscode';
import type { ProviderSetting } from './settings';

/**
 * API keys, one per provider profile, in SecretStorage only. Keys are cached
 * in memory for redaction (the logger masks every known key) — never written
 * anywhere else.
 */
export class KeyStore implements vscode.Disposable {
  private readonly known = new Map<ProviderSetting, string>();
  private readonly emitter = new vscode.EventEmitter<ProviderSetting>();
  readonly onDidChange = this.emitter.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly secrets: vscode.SecretStorage) {
    this.subscription = secrets.onDidChange((event) => {
      const provider = KeyStore.providerOf(event.key);
      if (provider) {
        this.known.delete(provider);
        void this.get(provider).then(() => this.emitter.fire(provider));
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

  async get(provider: ProviderSetting): Promise<string | undefined> {
    const value = await this.secrets.get(KeyStore.storageKey(provider));
    if (value) this.known.set(provider, value);
    return value || undefined;
  }

  async set(provider: ProviderSetting, key: string): Promise<void> {
    this.known.set(provider, key);
    await this.secrets.store(KeyStore.storageKey(provider), key);
  }

  async clear(provider: ProviderSetting): Promise<void> {
    await this.secrets.delete(KeyStore.storageKey(provider));
    this.known.delete(provider);
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
