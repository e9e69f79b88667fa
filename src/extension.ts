import * as vscode from 'vscode';
import { ChatViewProvider } from './vscode/chatView';
import { createLogger } from './vscode/log';
import { KeyStore } from './vscode/secrets';
import { CostStatusBar } from './vscode/statusBar';
import { ProviderService } from './vscode/provider/providerService';
import { KeyCommands } from './vscode/provider/keyCommands';
import { HistoryStore } from './vscode/chat/historyStore';
import { ChatController } from './vscode/chat/controller';
import { VideoUploads } from './vscode/chat/videoUploads';
import { ChatRouter } from './vscode/chat/router';
import { FileIndex } from './vscode/context';
import { ChangeSetReview, registerReviewUi } from './vscode/review';
import { EditFlow } from './vscode/edits/editFlow';
import { registerCommands } from './vscode/commands/register';
import { onSettingsChanged, readSettings } from './vscode/settings';
import { registerLanguageModels } from './vscode/lm/register';
import { VscodeTools } from './vscode/lm/toolBridge';
import { watchReview } from './vscode/reviewActivity';

/** What activate() returns: the handles integration tests (and other extensions) use. */
export interface ExtensionApi {
  chatView: ChatViewProvider;
  chat: ChatController;
  provider: ProviderService;
  review: ChangeSetReview;
  statusBar: CostStatusBar;
  /** Where validated webview messages go (tests send through it exactly what the webview would). */
  router: ChatRouter;
}

/** Builds the adapters and registers views and commands; all behaviour lives elsewhere. */
export function activate(context: vscode.ExtensionContext): ExtensionApi {
  const keys = new KeyStore(context.secrets);
  const log = createLogger(context, () => keys.knownKeys());
  const statusBar = new CostStatusBar();
  const provider = new ProviderService(keys, log, statusBar, context.globalState);
  const chatView = new ChatViewProvider(context.extensionUri, log);
  const chat = new ChatController(chatView, provider, new HistoryStore(context), log);
  const review = new ChangeSetReview({
    useRefactorPreview: () => readSettings().useRefactorPreview,
    saveAfterApply: () => readSettings().saveAfterApply,
  });
  const edits = new EditFlow(review, provider, log);
  const router = new ChatRouter(chat, provider, new VideoUploads(provider, (m) => chat.post(m), log), new FileIndex(), edits, log);
  const keyCommands = new KeyCommands(provider, log, context.globalState);
  const deps = { chat, chatView, edits, vscodeTools: new VscodeTools(log) };

  context.subscriptions.push(
    keys,
    statusBar,
    chatView,
    review,
    registerReviewUi(review),
    watchReview(review, log),
    vscode.window.registerWebviewViewProvider(ChatViewProvider.viewId, chatView, { webviewOptions: { retainContextWhenHidden: true } }),
    chatView.onMessage((message) => router.handle(message)),
    onSettingsChanged(() => void chat.syncStatus()),
    keys.onDidChange(() => void chat.syncStatus()),
    ...registerCommands(deps, keyCommands, statusBar, log),
    ...registerLanguageModels(provider, log),
  );
  void chat.restoreLatest().then(() => (chatView.isReady ? chat.sync() : undefined));
  void keyCommands.offerEnvironmentKey();
  return { chatView, chat, provider, review, statusBar, router };
}

export function deactivate(): void {}
