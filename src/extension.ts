import * as path from 'path';
import * as vscode from 'vscode';
import { KeyStore } from './vscode/secrets';
import { readProvider } from './vscode/settings';
import { registerLazyLanguageModels } from './vscode/lm/lazyProvider';
import { ActivationShell } from './vscode/shell';
import type { Services } from './vscode/services';
import { NetworkWarmUp } from './vscode/provider/networkWarmUp';

/**
 * What activate() returns: the handles integration tests (and other extensions) use.
 * Every handle but `keys` is built on first access, with the rest of the services.
 */
export interface ExtensionApi extends Readonly<Services> {
  readonly keys: KeyStore;
  /** Which URLs the network warm-up has started (src/vscode/provider/networkWarmUp.ts); starting and stopping it stay inside. */
  readonly network: Pick<NetworkWarmUp, 'warming'>;
}

interface Manifest {
  contributes: { commands: Array<{ command: string }>; languageModelChatProviders?: Array<{ vendor: string }> };
}

/** Builds the key store and registers views and commands; what they run loads on first use. */
export function activate(context: vscode.ExtensionContext): ExtensionApi {
  const keys = new KeyStore(context.secrets);
  // Each read is a round trip to the workbench, slowest while it is busy (as it is when a first command
  // runs): started at activation (the chat view shown, VS Code's chat asking for models), the first request finds it done.
  keys.prefetch(readProvider());
  // VS Code's first request in a host does synchronous set-up; done once the host is idle, no command waits for it.
  const network = new NetworkWarmUp(keys);
  network.start();
  let services: Services | undefined;
  const load = (): Services => (services ??= loadServices(context, keys, network, shell));
  const manifest = (context.extension.packageJSON as Manifest).contributes;
  const shell = new ActivationShell(manifest.commands.map((c) => c.command), {
    load,
    isLoaded: () => services !== undefined,
    // A command is about to need the selected provider's key (the provider may have changed since
    // activation): a read kept or in flight is shared, else this one overlaps the services' start.
    prepare: () => keys.prefetch(readProvider()),
  });
  const vendors = (manifest.languageModelChatProviders ?? []).map((p) => p.vendor);
  context.subscriptions.push(keys, network, shell, ...registerLazyLanguageModels(vendors, () => shell.loaded()?.lmProvider));
  return {
    keys,
    network,
    get chatView() {
      return load().chatView;
    },
    get chat() {
      return load().chat;
    },
    get provider() {
      return load().provider;
    },
    get review() {
      return load().review;
    },
    get statusBar() {
      return load().statusBar;
    },
    get router() {
      return load().router;
    },
    get lmProvider() {
      return load().lmProvider;
    },
  };
}

/** dist/services.js is a bundle of its own (scripts/build.mjs), so activation neither parses nor runs it. */
function loadServices(context: vscode.ExtensionContext, keys: KeyStore, network: NetworkWarmUp, shell: ActivationShell<Services>): Services {
  // Synchronous on purpose: the view and the API's handles get the services in the same call; commands
  // come here after the shell has let the host send their key read (src/vscode/shell.ts).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const module = require(path.join(__dirname, 'services.js')) as typeof import('./vscode/services');
  const services = module.createServices(context, keys, network, shell);
  const unhandled = shell.unhandled();
  // package.json and the services disagree: a build that tests would have stopped.
  if (unhandled.length) throw new Error(`package.json declares commands the extension does not handle: ${unhandled.join(', ')}`);
  return services;
}

export function deactivate(): void {}
