import '@vscode/codicons/dist/codicon.css';
import './chat.css';
import './styles/transcript.css';
import './styles/composer.css';
import './styles/highlight.css';
import { HostBridge } from './bridge';
import { ChatShell } from './shell';

// The first paint needs only the chat's shell (webview/shell.ts); the rest — the toolkit's design system, the
// protocol's schemas, markdown, the sanitizer — is webview/app.ts, an ES module chunk of its own. It loads under
// the same nonce as this script (a module's imports inherit it), and only once the shell is painted: evaluating it
// costs more than drawing the shell, and a chunk that arrived before the first frame would be evaluated before it.
/**
 * Runs `then` after the next frame is painted: a timer set from a frame callback fires once that frame is drawn.
 * A hidden view draws no frames, so a timer runs it anyway if no frame comes.
 */
function afterFirstPaint<T>(then: () => Promise<T>): Promise<T> {
  return new Promise<void>((resolve) => {
    requestAnimationFrame(() => setTimeout(resolve, 0));
    setTimeout(resolve, 200);
  }).then(then);
}

const bridge = new HostBridge();
const root = document.getElementById('app');
if (root) {
  const shell = new ChatShell(root, bridge);
  afterFirstPaint(() => import('./app'))
    .then(({ startChat }) => {
      startChat(shell, bridge);
      // Read by the UI benchmark (test/bench/firstPaint.ts): from here host messages are rendered.
      performance.mark('step-flash:loaded');
    })
    .catch((error: unknown) => {
      const reason = error instanceof Error ? error.message : String(error);
      bridge.post({ type: 'log', level: 'error', message: `webview: the chat did not load: ${reason}` });
      shell.failedToLoad(reason);
    });
} else {
  bridge.post({ type: 'log', level: 'error', message: 'webview: #app is missing from the page' });
}
// Host messages posted from now on wait in the bridge until the rest has loaded.
bridge.post({ type: 'ready' });
// Read by the UI benchmark's first-paint figure (test/bench/firstPaint.ts).
performance.mark('step-flash:ready');
