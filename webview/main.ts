import '@vscode/codicons/dist/codicon.css';
import './chat.css';
import './styles/transcript.css';
import './styles/composer.css';
import './styles/highlight.css';
import { ChatApp } from './app';
import { HostBridge } from './bridge';
import { registerToolkit } from './toolkit';

registerToolkit();

const bridge = new HostBridge();
const root = document.getElementById('app');
if (root) new ChatApp(root, bridge);
else bridge.post({ type: 'log', level: 'error', message: 'webview: #app is missing from the page' });
bridge.post({ type: 'ready' });
// Read by the UI benchmark's first-paint figure (test/bench/firstPaint.ts).
performance.mark('step-flash:ready');
