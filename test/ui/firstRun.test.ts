import * as assert from 'assert';
import { webviewPerTest } from './harness';
import { status } from './samples';

describe('first run: the chat says what it needs before a message fails', () => {
  const open = webviewPerTest();

  it('without a key: says so, and Set API Key is one click away', async () => {
    const ui = await open({ status: { keyPresent: false } });
    const setup = ui.page.getByRole('region', { name: 'Set up Step Flash' });
    assert.ok(await setup.isVisible());
    assert.match((await setup.textContent()) ?? '', /No API key is set for StepFun \(global\)\./);
    assert.match((await ui.page.locator('.transcript .empty').textContent()) ?? '', /Set an API key/);
    await setup.getByRole('button', { name: 'Set API Key' }).click();
    assert.deepStrictEqual(await ui.waitForPosted('setup'), { type: 'setup', action: 'setApiKey' });
    await setup.getByRole('button', { name: 'Choose Provider…' }).click();
    assert.deepStrictEqual((await ui.posted()).filter((m) => m.type === 'setup').at(-1), { type: 'setup', action: 'chooseProvider' });
    await ui.deliver(status({ keyPresent: true }));
    assert.ok(await setup.isHidden(), 'gone once the key is stored');
    assert.match((await ui.page.locator('.transcript .empty').textContent()) ?? '', /^Ask Step Flash/);
  });

  it('a key kept for the other region is named, with the switch one click away', async () => {
    const ui = await open({ status: { keyPresent: false, keysElsewhere: [{ id: 'stepfun-china', label: 'StepFun (China)' }] } });
    const setup = ui.page.getByRole('region', { name: 'Set up Step Flash' });
    assert.match((await setup.textContent()) ?? '', /Your key is saved for StepFun \(China\)\./);
    await setup.getByRole('button', { name: 'Use StepFun (China)' }).click();
    assert.deepStrictEqual(await ui.waitForPosted('setup'), { type: 'setup', action: 'useProvider', provider: 'stepfun-china' });
  });

  it('a custom server that needs no key is not nagged about one', async () => {
    const ui = await open({ status: { providerLabel: 'Custom server (127.0.0.1:8000)', keyPresent: false, keyRequired: false } });
    assert.ok(await ui.page.getByRole('region', { name: 'Set up Step Flash' }).isHidden());
    assert.match((await ui.page.locator('#status').getAttribute('title')) ?? '', /no API key needed/);
  });

  it('the header names provider and model in full in its tooltip, on one line, in the normal text colour', async () => {
    const ui = await open({ status: { keyPresent: false } });
    const header = ui.page.locator('#status');
    assert.strictEqual(await header.getAttribute('title'), 'StepFun (global) · model step-3.7-flash · no API key yet');
    const look = await header.evaluate((el) => {
      const style = getComputedStyle(el);
      return { color: style.color, body: getComputedStyle(document.body).color, ems: el.getBoundingClientRect().height / parseFloat(style.fontSize) };
    });
    assert.strictEqual(look.color, look.body, 'not the warning colour: the setup panel says what is missing');
    assert.ok(look.ems < 1.8, `one line (${look.ems.toFixed(2)} em high)`);
  });
});
