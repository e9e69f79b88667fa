import * as vscode from 'vscode';
import { whenIdle } from '../../core/idle';
import type { KeyStore } from '../secrets';
import { readSettings } from '../settings';
import { profileFrom } from './profile';
import type { ResolvedProfile } from '../../core/provider/profiles';

/**
 * The set-up VS Code's fetch does before a host's first request can leave: it looks
 * up the proxy for the URL and, with `http.systemCertificates` on (the default),
 * reads and parses the system's certificates. The certificates are synchronous work
 * on the extension host's thread, done once per host and shared by every extension.
 * Profiled on the benchmark machine, they took 100–120 ms of a first Explain on a quiet
 * machine and about 400 ms while tsserver was starting (README, Performance). A request
 * aborted before it is sent starts the same set-up, and nothing reaches the network.
 *
 * Activation creates the one instance: it warms the selected provider's URL once the
 * host is idle, when a request is likely (the provider's key is stored, or it needs
 * none). The services warm through it too when a command comes first.
 */
export class NetworkWarmUp implements vscode.Disposable {
  /** Per base URL, the warm-up started: settles once the set-up is done and the aborted request has failed. */
  private readonly warmed = new Map<string, Promise<void>>();
  private cancelIdle: (() => void) | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly keys: KeyStore) {}

  /** Starts the set-up for `baseUrl` (once per URL); the promise settles when it is done. */
  warm(baseUrl: string): Promise<void> {
    let done = this.warmed.get(baseUrl);
    if (!done) {
      done = fetch(baseUrl, { signal: AbortSignal.abort() }).then(
        () => undefined,
        () => undefined,
      );
      this.warmed.set(baseUrl, done);
    }
    return done;
  }

  /** The warm-up of `baseUrl`, if one was started. */
  warming(baseUrl: string): Promise<void> | undefined {
    return this.warmed.get(baseUrl);
  }

  /**
   * Waits for the host to be idle, then warms the selected provider when it can send.
   * A key stored or a provider (or custom URL) chosen later waits again, so a user who
   * sets up after start-up gets the same first request.
   */
  start(): void {
    this.arm();
    this.subscriptions.push(
      this.keys.onDidChange(() => this.arm()),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('stepFlash.provider') || event.affectsConfiguration('stepFlash.customBaseUrl')) this.arm();
      }),
    );
  }

  private arm(): void {
    this.cancelIdle?.();
    this.cancelIdle = undefined;
    const profile = selectedProfile();
    if (profile && !this.warmed.has(profile.baseUrl)) this.cancelIdle = whenIdle(() => void this.warmSelected());
  }

  private async warmSelected(): Promise<void> {
    this.cancelIdle = undefined;
    const profile = selectedProfile();
    if (!profile || this.warmed.has(profile.baseUrl)) return;
    if (profile.keyRequired && !(await this.keys.get(profile.id).catch(() => undefined))) return;
    void this.warm(profile.baseUrl);
  }

  dispose(): void {
    this.cancelIdle?.();
    for (const subscription of this.subscriptions) subscription.dispose();
  }
}

function selectedProfile(): ResolvedProfile | undefined {
  try {
    return profileFrom(readSettings());
  } catch {
    // Settings that make no profile: the first request says what to fix.
    return undefined;
  }
}
