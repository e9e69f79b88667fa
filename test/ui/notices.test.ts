import * as assert from 'assert';
import { replayTurn } from '../../src/shared/turnEvents';
import { webviewPerTest } from './harness';
import { conversation, CONVERSATION, turnEnd, turnEvent, turnRecord, turnStart } from './samples';

const PROPOSED = { id: 'apply', level: 'info', text: 'Proposed changes to 3 file(s) for review in the Changes view.' } as const;

describe('notices belong to the chat and turn that raised them', () => {
  const open = webviewPerTest();

  it('a turn notice is drawn under its own answer, once however often it is raised', async () => {
    const ui = await open();
    await ui.deliver(conversation(CONVERSATION, undefined, 'chat-a'));
    await ui.deliver(turnStart('t2', 'Second question'));
    await ui.deliverAll(turnEnd('t2'));
    await ui.deliver(turnEvent('t1', { kind: 'notice', notice: PROPOSED }));
    await ui.deliver(turnEvent('t1', { kind: 'notice', notice: PROPOSED }));
    assert.deepStrictEqual(await ui.page.locator('[data-turn-id="t1"] .turn-notices .note').allTextContents(), [PROPOSED.text]);
    assert.strictEqual(await ui.page.locator('[data-turn-id="t2"] .turn-notices .note').count(), 0, 'not on the turn that proposed nothing');
    assert.strictEqual(await ui.page.locator('.notices .note').count(), 0, 'not at the top of the chat');
  });

  it('New chat and another chat do not show it; reopening its chat does', async () => {
    const ui = await open();
    const proposed = turnRecord('t1', { text: 'Refactor the cart' }, { text: 'Done: see the edits.', notices: [PROPOSED] });
    await ui.deliver(conversation([proposed], undefined, 'chat-a'));
    assert.strictEqual(await ui.page.locator('.turn-notices .note').count(), 1);
    await ui.deliver(conversation([], undefined, 'chat-new'));
    assert.strictEqual(await ui.page.locator('.note', { hasText: 'Proposed changes' }).count(), 0, 'New chat');
    await ui.deliver(conversation([turnRecord('o1', { text: 'Other' }, { text: 'Nothing proposed.' })], undefined, 'chat-b'));
    assert.strictEqual(await ui.page.locator('.note', { hasText: 'Proposed changes' }).count(), 0, 'a chat that proposed nothing');
    await ui.deliver(conversation([proposed], undefined, 'chat-a'));
    assert.deepStrictEqual(await ui.page.locator('[data-turn-id="t1"] .turn-notices .note').allTextContents(), [PROPOSED.text]);
  });

  it('a notice that belongs to no turn stays with its chat, and the same one twice shows once', async () => {
    const ui = await open();
    await ui.deliver(conversation([], undefined, 'chat-a'));
    const refused = { type: 'notice', level: 'warning', text: 'Links with the file: scheme are not opened.' } as const;
    await ui.deliver(refused);
    await ui.deliver(refused);
    assert.strictEqual(await ui.page.locator('.notices .note').count(), 1);
    await ui.deliver(conversation([], undefined, 'chat-a'));
    assert.strictEqual(await ui.page.locator('.notices .note').count(), 1, 'the same chat re-sent keeps it');
    await ui.deliver(conversation([], undefined, 'chat-b'));
    assert.strictEqual(await ui.page.locator('.notices .note').count(), 0, 'another chat does not');
  });

  it('replays a turn with its notices exactly as it was drawn live', async () => {
    const live = await open();
    const record = turnRecord('t1', { text: 'Apply it' }, { text: 'Here.', notices: [PROPOSED] });
    for (const event of replayTurn(record)) await live.deliver(turnEvent('t1', event));
    const markup = await live.page.locator('[data-turn-id="t1"] .turn-notices').evaluate((e) => e.outerHTML);
    const reopened = await open();
    await reopened.deliver(conversation([record]));
    assert.strictEqual(await reopened.page.locator('[data-turn-id="t1"] .turn-notices').evaluate((e) => e.outerHTML), markup);
  });
});
