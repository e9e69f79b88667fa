import './chat.css';
import { provideVSCodeDesignSystem, vsCodeButton } from '@vscode/webview-ui-toolkit';
import { HostBridge } from './bridge';

provideVSCodeDesignSystem().register(vsCodeButton());

const bridge = new HostBridge();
const app = document.getElementById('app');
if (app) {
  const status = document.createElement('p');
  status.id = 'status';
  status.textContent = 'Step Flash chat';
  app.append(status);
  bridge.onMessage((message) => {
    if (message.type === 'status') status.textContent = `${message.status.providerLabel} · ${message.status.model}`;
  });
}
bridge.post({ type: 'ready' });
