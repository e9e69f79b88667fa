import * as assert from 'assert';
import { mediaFixture, webviewPerTest } from './harness';
import { conversation, turnRecord } from './samples';

const PNG = mediaFixture('lossless-40x30.webp');
const HTML_BASE64 = Buffer.from('<script>window.__pwned = "mime"</script>').toString('base64');

describe('what the webview trusts: links, image types, message senders', () => {
  const open = webviewPerTest();

  it('asks the host to open only http and https links with a host, and mailto links; https:javascript: is not one', async () => {
    const ui = await open();
    const links = [
      '[smuggled](https:javascript:alert(1))',
      '[smuggled upper](HTTPS:javascript:alert(1))',
      '[no address](mailto:)',
      '[docs](https://example.com/docs?q=1)',
      '[mail](mailto:team@example.com)',
    ].join('\n\n');
    await ui.deliver(conversation([turnRecord('a', { text: 'links?' }, { text: links })]));
    const markdown = ui.page.locator('[data-turn-id="a"] .markdown').first();
    await markdown.getByText('mail', { exact: true }).waitFor();
    for (const name of ['smuggled', 'smuggled upper', 'no address', 'docs', 'mail']) {
      const link = markdown.getByText(name, { exact: true });
      if (await link.count()) await link.click();
    }
    const opened = (await ui.posted()).filter((m) => m.type === 'openLink');
    assert.deepStrictEqual(opened, [
      { type: 'openLink', href: 'https://example.com/docs?q=1' },
      { type: 'openLink', href: 'mailto:team@example.com' },
    ]);
    await ui.page.getByText('Not opened: only http, https and mailto links open').first().waitFor();
  });

  it('never turns a stored image of another type into a data: URL, and still shows the real image', async () => {
    const ui = await open();
    await ui.deliver(
      conversation([
        turnRecord('u', {
          text: 'look',
          images: [
            { name: 'page.html', mime: 'text/html', base64: HTML_BASE64 },
            { name: 'shot.webp', mime: 'image/webp', base64: PNG.base64 },
          ],
        }),
      ]),
    );
    await ui.page.locator('img.thumb[alt="shot.webp"]').waitFor();
    assert.deepStrictEqual(await ui.page.locator('img[src]').evaluateAll((images) => images.map((i) => i.getAttribute('src')?.slice(0, 16))), ['data:image/webp;']);
    await ui.page.getByText('page.html (not shown: not an image type)').waitFor();
    assert.strictEqual(await ui.page.evaluate(() => (globalThis as unknown as { __pwned?: string }).__pwned ?? null), null);
  });

  it('drops images of other types from the saved draft, composed or pending, and keeps the real ones', async () => {
    const image = (id: string, name: string, mime: string, base64: string) => ({ id, name, mime, base64, width: 40, height: 30, detail: 'high' });
    const ui = await open({
      state: {
        draft: {
          text: 'with pictures',
          images: [image('bad', 'page.html', 'text/html', HTML_BASE64), image('ok', 'shot.webp', 'image/webp', PNG.base64), { id: 'odd', name: 'no fields' }],
          pending: [{ text: 'earlier', effort: 'auto', chips: [], videos: [], images: [image('bad2', 'svg.svg', 'image/svg+xml', HTML_BASE64)] }],
        },
      },
    });
    await ui.page.locator('.tray .tile img').first().waitFor();
    assert.strictEqual(await ui.page.locator('.tray .tile').count(), 1, 'only the real image is in the tray');
    await ui.deliver({ type: 'sendRejected', reason: 'not now' });
    await ui.page.getByRole('textbox', { name: 'Message' }).waitFor();
    assert.deepStrictEqual(
      await ui.page.locator('img[src]').evaluateAll((images) => images.map((i) => (i.getAttribute('src') ?? '').slice(0, 16)).filter((src) => !src.startsWith('data:image/webp'))),
      [],
      'no data: URL of another type anywhere, even after the pending send came back',
    );
    await ui.page.getByRole('button', { name: 'Send message' }).click();
    const sent = await ui.waitForPosted('send');
    assert.deepStrictEqual(sent.attachments.map((a) => a.name), ['shot.webp']);
  });

  it('takes messages only from its host frame: not from itself, another frame of the same origin, or another origin', async () => {
    const ui = await open();
    const foreign = (text: string) => ({ type: 'notice', level: 'error', text });
    // The webview posting to itself, as injected markup would.
    await ui.page.evaluate((m) => window.postMessage(m, '*'), foreign('FOREIGN self'));
    // A frame of the same origin beside it, as another webview is under code-server, and one of another origin.
    const host = ui.hostFrame;
    await host.evaluate(
      ({ same, other }) =>
        new Promise<void>((resolve) => {
          const sibling = document.createElement('iframe');
          sibling.srcdoc = `<script>parent.frames[0].postMessage(${JSON.stringify(same)}, '*')</script>`;
          const stranger = document.createElement('iframe');
          stranger.src = `data:text/html,${encodeURIComponent(`<script>parent.frames[0].postMessage(${JSON.stringify(other)}, '*')</script>`)}`;
          let loaded = 0;
          for (const frame of [sibling, stranger]) {
            frame.style.display = 'none';
            frame.addEventListener('load', () => ++loaded === 2 && resolve());
            document.body.append(frame);
          }
        }),
      { same: foreign('FOREIGN sibling'), other: foreign('FOREIGN origin') },
    );
    await ui.page.waitForTimeout(300);
    await ui.deliver({ type: 'notice', level: 'info', text: 'GENUINE' });
    await ui.page.locator('.notices .note', { hasText: 'GENUINE' }).waitFor();
    assert.deepStrictEqual(await ui.page.locator('.notices .note .note-text').allTextContents(), ['GENUINE']);
    const logs = (await ui.posted()).filter((m) => m.type === 'log' && /did not come from its host/.test(m.message));
    assert.strictEqual(logs.length, 1, 'reported once, however many arrive');
  });
});
