/**
 * Everything the commands and views run: the provider client and its SDK, the
 * protocol's schemas, the chat, the review, the commands' handlers. Bundled
 * apart (dist/services.js, see scripts/build.mjs) and built by the first command
 * or view that needs it, so activation neither parses nor runs any of it.
 */
import type * as vscode from 'vscode';
import { ChatViewProvider } from './chatView';
import { createLogger } from './log';
import type { KeyStore } from './secrets';
import { CostStatusBar } from './statusBar';
import { ProviderService } from './provider/providerService';
import type { NetworkWarmUp } from './provider/networkWarmUp';
import { KeyCommands } from './provider/keyCommands';
import { HistoryStore } from './chat/historyStore';
import { ChatController } from './chat/controller';
import { VideoUploads } from './chat/videoUploads';
import { ChatRouter } from './chat/router';
import { FileIndex } from './context';
import { ChangeSetReview, registerReviewUi } from './review';
import { EditFlow } from './edits/editFlow';
import { registerCommands } from './commands/register';
import { onSettingsChanged, readSettings } from './settings';
import type { Shell } from './shell';
import { createLanguageModelProvider } from './lm/register';
import { VscodeTools } from './lm/toolBridge';
import type { ChatInformation, ChatProvider } from './lm/api';
import { watchReview } from './reviewActivity';
import { AdvisorService } from './advisor/advisorService';
import { adviseCommand } from './advisor/adviseCommand';

/** The handles the extension's API gives to integration tests (and other extensions). */
export interface Services {
  chatView: ChatViewProvider;
  chat: ChatController;
  provider: ProviderService;
  review: ChangeSetReview;
  statusBar: CostStatusBar;
  /** Where validated webview messages go (tests send through it exactly what the webview would). */
  router: ChatRouter;
  /** What answers VS Code's chat for Step 3.7 Flash; undefined where the editor cannot take extension models. */
  lmProvider: ChatProvider<ChatInformation> | undefined;
}

export function createServices(context: vscode.ExtensionContext, keys: KeyStore, network: NetworkWarmUp, shell: Shell): Services {
  const log = createLogger(context, () => keys.knownKeys());
  const statusBar = new CostStatusBar();
  const provider = new ProviderService(keys, log, statusBar, network, context.globalState);
  // Whatever loaded the services is about to send a request, most likely: its network set-up starts now.
  provider.warmUp();
  const chatView = new ChatViewProvider(context.extensionUri, log);
  const chat = new ChatController(chatView, provider, new HistoryStore(context), log);
  const review = new ChangeSetReview({
    useRefactorPreview: () => readSettings().useRefactorPreview,
    saveAfterApply: () => readSettings().saveAfterApply,
  });
  const edits = new EditFlow(review, provider, log);
  const router = new ChatRouter(chat, provider, new VideoUploads(provider, (m) => chat.post(m), log), new FileIndex(), edits, log);
  const keyCommands = new KeyCommands(provider, log, context.globalState);
  const advisor = new AdvisorService(provider, log);
  chat.chatCommand = adviseCommand(advisor);
  const deps = { chat, chatView, edits, provider, vscodeTools: new VscodeTools(log), advisor };
  const lmProvider = createLanguageModelProvider(provider, log);

  context.subscriptions.push(
    statusBar,
    chatView,
    review,
    registerReviewUi(review, shell),
    watchReview(review, log),
    ...(lmProvider ? [lmProvider] : []),
    chatView.onMessage((message) => router.handle(message)),
    onSettingsChanged(() => void chat.syncStatus()),
    keys.onDidChange(() => void chat.syncStatus()),
    ...registerCommands(shell, deps, keyCommands, statusBar, log),
  );
  // Neither is awaited: the command that loaded the services runs first (restoring never replaces a chat in use).
  void chat.restoreLatest().then(() => (chatView.isReady ? chat.sync() : undefined));
  void keyCommands.offerEnvironmentKey();
  return { chatView, chat, provider, review, statusBar, router, lmProvider };
}
