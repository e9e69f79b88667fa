import * as vscode from 'vscode';
import { CHANGES_VIEW_ID, CHAT_VIEW_ID } from './viewIds';

type Handler = (...args: never[]) => unknown;

/** Where the services, once loaded, plug into what activation registered. */
export interface Shell {
  /** Runs `run` for command `id`; a contributed command is registered already and only forwards here. */
  handle(id: string, run: Handler): vscode.Disposable;
  /** Shows `tree` in the Changes view registered at activation, and returns that view. */
  showChangesTree<T>(tree: vscode.TreeDataProvider<T>): vscode.TreeView<T>;
}

/** The part of the services the shell forwards the chat view to. */
export interface ShellTarget {
  chatView: vscode.WebviewViewProvider;
}

/** How the shell reaches the services activation defers. */
export interface ServicesLoader<T> {
  /** Builds the services (once; later calls return them), throwing when they cannot be built. */
  load(): T;
  isLoaded(): boolean;
  /**
   * Starts the round trips the first command will wait for (the key read) before the
   * services are built, which blocks the host for the bundle's compile and start.
   */
  prepare(): void;
}

/**
 * Everything VS Code must find at activation — each contributed command, the chat
 * webview and the Changes tree — registered without loading what they run. The
 * first command starts what it will wait for (`prepare`), lets the host send those
 * requests, then builds the services and runs; commands issued meanwhile run after
 * it in the order they came, each with its arguments (palette, menus, keybindings).
 * The view and `loaded()` build the services synchronously.
 */
export class ActivationShell<T extends ShellTarget = ShellTarget> implements Shell, vscode.Disposable {
  private readonly handlers = new Map<string, Handler>();
  private readonly contributed: ReadonlySet<string>;
  private tree: vscode.TreeDataProvider<unknown> | undefined;
  private treeSubscription: vscode.Disposable | undefined;
  private readonly treeChanged = new vscode.EventEmitter<unknown>();
  private readonly changesView: vscode.TreeView<unknown>;
  private readonly disposables: vscode.Disposable[];
  /** Set by the first command while the services are not built: later ones wait for the same start. */
  private starting: Promise<void> | undefined;

  constructor(
    commandIds: readonly string[],
    private readonly loader: ServicesLoader<T>,
  ) {
    this.contributed = new Set(commandIds);
    // Until the services load there is no change set: an empty tree shows the view's welcome text.
    const lazyTree: vscode.TreeDataProvider<unknown> = {
      onDidChangeTreeData: this.treeChanged.event,
      getChildren: (node) => (this.tree ? this.tree.getChildren(node) : []),
      getTreeItem: (node) => this.tree!.getTreeItem(node),
    };
    this.changesView = vscode.window.createTreeView(CHANGES_VIEW_ID, { treeDataProvider: lazyTree, showCollapseAll: true });
    const chatView: vscode.WebviewViewProvider = {
      resolveWebviewView: (view, context, token) => this.services()?.chatView.resolveWebviewView(view, context, token),
    };
    this.disposables = [
      this.treeChanged,
      this.changesView,
      vscode.window.registerWebviewViewProvider(CHAT_VIEW_ID, chatView, { webviewOptions: { retainContextWhenHidden: true } }),
      ...commandIds.map((id) => vscode.commands.registerCommand(id, (...args: unknown[]) => this.run(id, args))),
    ];
  }

  handle(id: string, run: Handler): vscode.Disposable {
    if (!this.contributed.has(id)) return vscode.commands.registerCommand(id, run as (...args: unknown[]) => unknown);
    this.handlers.set(id, run);
    return new vscode.Disposable(() => {
      if (this.handlers.get(id) === run) this.handlers.delete(id);
    });
  }

  /** Contributed commands the services gave no handler: each would fail when run. */
  unhandled(): string[] {
    return [...this.contributed].filter((id) => !this.handlers.has(id));
  }

  showChangesTree<T>(tree: vscode.TreeDataProvider<T>): vscode.TreeView<T> {
    this.treeSubscription?.dispose();
    this.tree = tree as vscode.TreeDataProvider<unknown>;
    this.treeSubscription = tree.onDidChangeTreeData?.((node) => this.treeChanged.fire(node));
    this.treeChanged.fire(undefined);
    return this.changesView as vscode.TreeView<T>;
  }

  private run(id: string, args: unknown[]): unknown {
    if (this.loader.isLoaded()) return this.invoke(id, args);
    this.starting ??= this.start();
    return this.starting.then(() => this.invoke(id, args));
  }

  private start(): Promise<void> {
    this.loader.prepare();
    // The host sends what prepare() asked for on a timer of its own; this one fires after it, so the
    // requests are on their way while the services compile.
    return new Promise((resolve) => setTimeout(resolve, 0));
  }

  private invoke(id: string, args: unknown[]): unknown {
    if (!this.services()) return undefined;
    const handler = this.handlers.get(id);
    if (!handler) throw new Error(`Step Flash: the command ${id} has no handler.`);
    return (handler as (...a: unknown[]) => unknown)(...args);
  }

  /** The services, or undefined (said to the user) when they cannot be loaded. */
  loaded(): T | undefined {
    return this.services();
  }

  private services(): T | undefined {
    try {
      return this.loader.load();
    } catch (error) {
      void vscode.window.showErrorMessage(`Step Flash could not start: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    }
  }

  dispose(): void {
    this.treeSubscription?.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
