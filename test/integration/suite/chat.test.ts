import * as assert from 'assert';
import { readFileSync } from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { endSuite, openChatView, resetBetweenTests, sendChat, sentEffort, startSuite } from './helpers';
import { chatRequests, postedEvents, postedTurns, recordPosts, setSetting, waitFor } from './hostSim';
import type { Simulator } from '../../sim/types';
import type { ExtensionApi } from '../../../src/extension';
import type { HostMessage, HostMessageOf } from '../../../src/shared/protocol';
import { reduceLog } from '../../../src/shared/turnEvents';

const FIXTURES = path.resolve(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'media');
const ofType = <T extends HostMessage['type']>(messages: HostMessage[], type: T) =>
  messages.filter((m): m is HostMessageOf<T> => m.type === type);

interface SentMessage {
  role: string;
  content: string | Array<{ type: string; text?: string; image_url?: { url: string; detail?: string }; video_url?: { url: string } }>;
}
const lastUser = (sim: Simulator) => {
  const body = chatRequests(sim).at(-1)!.body as { messages: SentMessage[] };
  return body.messages.filter((m) => m.role === 'user').at(-1)!;
};

describe('chat view against the simulator', function () {
  this.timeout(60_000);
  let api: ExtensionApi;
  let sim: Simulator;

  before(async () => {
    ({ api, sim } = await startSuite());
    await openChatView(api);
  });
  beforeEach(() => resetBetweenTests(api, sim, 'sk-global-test'));
  after(() => endSuite(api, sim));

  it('sends a message to the simulator and streams reasoning and answer into the view', async () => {
    sim.enqueue({ reasoning: 'Let me think about greetings.', content: 'Hello! **Nice** to meet you.', tokensPerChunk: 1 });
    const posts = recordPosts(api);
    try {
      await sendChat(api, 'hello model');
      assert.strictEqual(postedEvents(posts.messages, 'reasoning').map((d) => d.text).join(''), 'Let me think about greetings.');
      assert.strictEqual(postedEvents(posts.messages, 'answer').map((d) => d.text).join(''), 'Hello! **Nice** to meet you.');
      const start = postedEvents(posts.messages, 'start')[0]!;
      assert.deepStrictEqual([start.effort.level, start.effort.source], ['medium', 'policy']);
      assert.strictEqual(start.sendId, 's1', 'the turn names the send it answers');
      assert.strictEqual(postedEvents(posts.messages, 'end').length, 1);
      const [turn] = postedTurns(posts.messages);
      assert.strictEqual(turn!.status, 'done');
      assert.ok(turn!.usage && turn!.usage.completionTokens > 0);
      const saved = api.chat.current.turns.at(-1)!;
      assert.deepStrictEqual({ ...turn!, user: saved.user }, saved, 'the view built from the events the same turn the host saved');
      assert.strictEqual(lastUser(sim).content, 'hello model');
      assert.strictEqual(sentEffort(sim), 'medium');
    } finally {
      posts.dispose();
    }
  });

  it('a /refactor slash command on Auto uses the refactor effort (high)', async () => {
    await sendChat(api, '/refactor make it smaller');
    assert.strictEqual(sentEffort(sim), 'high');
    assert.strictEqual(lastUser(sim).content, 'make it smaller');
  });

  it('sends a pasted screenshot as an image_url part with a correct data URL', async () => {
    const png = readFileSync(path.join(FIXTURES, 'screenshot-40x30.png')).toString('base64');
    await sendChat(api, 'what does this dialog say?', {
      effort: 'low',
      attachments: [{ kind: 'image', id: 'img1', name: 'dialog.png', mime: 'image/png', base64: png, width: 40, height: 30, detail: 'low' }],
    });
    const content = lastUser(sim).content as Exclude<SentMessage['content'], string>;
    assert.deepStrictEqual(content[0], { type: 'image_url', image_url: { url: `data:image/png;base64,${png}`, detail: 'low' } });
    assert.deepStrictEqual(content.at(-1), { type: 'text', text: 'what does this dialog say?' });
    assert.strictEqual(sentEffort(sim), 'low');
  });

  it('refuses, before sending, an image whose bytes do not match what the webview claimed', async () => {
    const gif = readFileSync(path.join(FIXTURES, 'static-32x16.gif')).toString('base64');
    const posts = recordPosts(api);
    try {
      await sendChat(api, 'look', {
        attachments: [{ kind: 'image', id: 'img1', name: 'x.png', mime: 'image/png', base64: gif, width: 32, height: 16, detail: 'high' }],
      });
      const rejected = ofType(posts.messages, 'sendRejected')[0];
      assert.match(rejected!.reason, /x\.png: .*labelled image\/png but its bytes are image\/gif/);
      assert.strictEqual(rejected!.sendId, 's1');
      assert.strictEqual(chatRequests(sim).length, 0);
    } finally {
      posts.dispose();
    }
  });

  it('says before sending that a custom endpoint without vision cannot take images, and sends nothing', async () => {
    await setSetting('provider', 'custom');
    await setSetting('customBaseUrl', sim.url('global'));
    await setSetting('customVision', false);
    const posts = recordPosts(api);
    try {
      const status = await api.provider.statusView();
      assert.strictEqual(status.supportsImages, false);
      assert.match(status.imageBlocker!, /without vision/);
      const png = readFileSync(path.join(FIXTURES, 'screenshot-40x30.png')).toString('base64');
      await sendChat(api, 'see', {
        attachments: [{ kind: 'image', id: 'i', name: 'a.png', mime: 'image/png', base64: png, width: 40, height: 30, detail: 'high' }],
      });
      assert.match(ofType(posts.messages, 'sendRejected')[0]!.reason, /without vision/);
      assert.strictEqual(chatRequests(sim).length, 0);
    } finally {
      posts.dispose();
      await setSetting('customVision', undefined);
      await setSetting('customBaseUrl', undefined);
    }
  });

  it('uploads a video through the Files API with progress and refers to it as stepfile://', async () => {
    const bytes = new Uint8Array(readFileSync(path.join(FIXTURES, 'clip-3s-faststart.mp4')));
    const posts = recordPosts(api);
    try {
      await api.router.handle({ type: 'attachVideo', id: 'v1', name: 'demo.mp4', bytes });
      const states = ofType(posts.messages, 'videoStatus').map((m) => m.state);
      assert.deepStrictEqual([states[0], states.at(-1)], ['checking', 'ready']);
      assert.ok(states.includes('uploading'));
      const [file] = [...sim.files.values()];
      assert.ok(file, 'the simulator received the upload');
      assert.deepStrictEqual([file.purpose, file.bytes], ['storage', bytes.byteLength]);
      await sendChat(api, 'what happens here?', { attachments: [{ kind: 'video', id: 'v1', name: 'demo.mp4' }] });
      const content = lastUser(sim).content as Exclude<SentMessage['content'], string>;
      assert.deepStrictEqual(content[0], { type: 'video_url', video_url: { url: `stepfile://${file.id}` } });
    } finally {
      posts.dispose();
    }
  });

  it('rejects a video longer than five minutes, reading the duration from the container', async () => {
    const bytes = new Uint8Array(readFileSync(path.join(FIXTURES, 'long-7m12s.mp4')));
    const posts = recordPosts(api);
    try {
      await api.router.handle({ type: 'attachVideo', id: 'v2', name: 'short.mp4', bytes });
      const last = ofType(posts.messages, 'videoStatus').at(-1)!;
      assert.strictEqual(last.state, 'rejected');
      assert.match(last.message!, /7 min 12 s/);
      assert.strictEqual(sim.files.size, 0);
    } finally {
      posts.dispose();
    }
  });

  it('keeps the conversation across a reload of the view and in the history', async () => {
    sim.enqueue({ content: 'remember me' });
    await sendChat(api, 'a message worth keeping');
    const chatId = api.chat.current.id;
    const posts = recordPosts(api);
    try {
      const readyAgain = new Promise<void>((resolve) => api.chatView.onDidBecomeReady(() => resolve()));
      await vscode.commands.executeCommand('workbench.action.webview.reloadWebviewAction');
      await readyAgain;
      const conversation = await waitFor(() => ofType(posts.messages, 'conversation').at(-1), 'the conversation to be re-sent');
      assert.strictEqual(conversation.chatId, chatId);
      assert.deepStrictEqual(conversation.turns.map((log) => reduceLog(log)).flatMap((t) => [t!.user.text, t!.text]), ['a message worth keeping', 'remember me']);
      const history = ofType(posts.messages, 'history').at(-1)!;
      assert.ok(history.chats.some((c) => c.id === chatId && c.title === 'a message worth keeping'));
    } finally {
      posts.dispose();
    }
    await api.chat.newChat();
    assert.strictEqual(api.chat.current.turns.length, 0);
    await api.chat.open(chatId);
    assert.deepStrictEqual(api.chat.current.turns.flatMap((t) => [t.user.text, t.text]), ['a message worth keeping', 'remember me']);
  });

  it('stop keeps the partial answer and marks it stopped', async () => {
    sim.enqueue({ content: 'word '.repeat(400), tokensPerChunk: 1, chunkDelayMs: 5 });
    const posts = recordPosts(api);
    try {
      const sending = sendChat(api, 'long please');
      const first = await waitFor(() => postedEvents(posts.messages, 'answer')[0], 'the first streamed words');
      await api.router.handle({ type: 'stop', turnId: first.turnId });
      await sending;
      assert.strictEqual(postedTurns(posts.messages)[0]!.status, 'stopped');
      const answer = api.chat.current.turns.at(-1)!;
      assert.ok(answer.text.length > 0 && answer.text.length < 'word '.repeat(400).length, 'a partial answer is kept');
      assert.strictEqual(answer.status, 'stopped');
    } finally {
      posts.dispose();
    }
  });

  it('a stream cut mid-answer keeps what arrived and shows the client\'s error as it was thrown, the same after reopening the chat', async () => {
    sim.enqueue({ reasoning: 'Thinking first.', content: 'one two three four five six seven eight nine ten', tokensPerChunk: 1, fault: { kind: 'cut', afterChunks: 8 } });
    const posts = recordPosts(api);
    try {
      await api.router.handle({ type: 'send', sendId: 's1', text: 'count to ten', effort: 'auto', attachments: [], chips: [] });
      const [live] = postedTurns(posts.messages);
      assert.strictEqual(live!.status, 'error');
      assert.ok(live!.text.length > 0 && 'one two three four five six seven eight nine ten'.startsWith(live!.text), `a partial answer is kept: ${live!.text}`);
      const thrown = api.chat.lastError!;
      assert.deepStrictEqual([thrown.turnId, thrown.error.kind], [live!.id, 'stream-cut']);
      assert.deepStrictEqual(live!.error, thrown.error.toView(), 'the view shows the StepError the client threw, unchanged');

      const chatId = api.chat.current.id;
      await api.chat.newChat();
      await api.chat.open(chatId);
      const reopened = ofType(posts.messages, 'conversation').at(-1)!;
      assert.strictEqual(reopened.chatId, chatId);
      assert.deepStrictEqual(reduceLog(reopened.turns.at(-1)!), live, 'the saved and reopened turn is the one the view built live');
    } finally {
      posts.dispose();
    }
  });

  it('attaches the selection as a chip whose current text goes out with the message', async () => {
    const uri = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0]!.uri, 'src', 'format.ts');
    const editor = await vscode.window.showTextDocument(uri);
    editor.selection = new vscode.Selection(0, 0, 2, 1);
    const posts = recordPosts(api);
    try {
      await vscode.commands.executeCommand('stepFlash.addSelectionToChat');
      const chip = ofType(posts.messages, 'addChip')[0]!.chip;
      assert.deepStrictEqual([chip.kind, chip.path, chip.label, chip.startLine, chip.endLine], ['selection', 'src/format.ts', 'format.ts:1-3', 0, 2]);
      await sendChat(api, 'is this right?', { chips: [chip] });
      const sent = lastUser(sim).content as string;
      assert.match(sent, /^Selection: src\/format\.ts \(from line 1\)\n```typescript\nexport function formatPrice/);
      assert.match(sent, /is this right\?$/);
    } finally {
      posts.dispose();
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    }
  });

  it('code-block actions: Copy to the clipboard, Insert at the cursor, Apply into the review (never to disk), Explorer drops read by the host', async () => {
    const root = vscode.workspace.workspaceFolders![0]!.uri;
    await api.router.handle({ type: 'copyText', text: 'copied from the chat' });
    assert.strictEqual(await vscode.env.clipboard.readText(), 'copied from the chat');

    const doc = await vscode.workspace.openTextDocument({ content: 'before\n', language: 'plaintext' });
    const editor = await vscode.window.showTextDocument(doc);
    editor.selection = new vscode.Selection(1, 0, 1, 0);
    await api.router.handle({ type: 'insertCode', code: 'inserted\n' });
    assert.strictEqual(editor.document.getText(), 'before\ninserted\n');

    const target = vscode.Uri.joinPath(root, 'src', 'format.ts');
    const before = new TextDecoder().decode(await vscode.workspace.fs.readFile(target));
    const answer = 'src/format.ts\n<<<<<<< SEARCH\n  return `$${amount.toFixed(2)}`;\n=======\n  return `USD ${amount.toFixed(2)}`;\n>>>>>>> REPLACE\n';
    await api.router.handle({ type: 'applyCode', turnId: 't', code: answer, language: '' });
    const set = api.review.sets.at(-1)!;
    assert.deepStrictEqual(set.files.map((f) => [f.path, f.status]), [['src/format.ts', 'modified']]);
    assert.strictEqual(new TextDecoder().decode(await vscode.workspace.fs.readFile(target)), before, 'Apply wrote nothing');
    set.dispose();

    const posts = recordPosts(api);
    try {
      const png = vscode.Uri.file(path.join(FIXTURES, 'screenshot-40x30.png'));
      await api.router.handle({ type: 'resolveUris', requestId: 'r1', uris: [png.toString(), root.toString()] });
      const reply = ofType(posts.messages, 'resolvedFiles')[0]!;
      assert.deepStrictEqual(reply.files.map((f) => [f.name, f.bytes.byteLength]), [['screenshot-40x30.png', readFileSync(png.fsPath).byteLength]]);
      assert.match(reply.errors[0]!, /is a folder/);
    } finally {
      posts.dispose();
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
  });
});
