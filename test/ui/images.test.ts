import * as assert from 'assert';
import { sniffImage } from '../../src/shared/media';
import type { ImageAttachment } from '../../src/shared/protocol';
import { FilePayload, mediaFixture, openWebview, screenshotOnFailure, WebviewHarness } from './harness';
import { status, STATUS } from './samples';

function expectedRejection(file: FilePayload): string {
  const sniffed = sniffImage(Buffer.from(file.base64, 'base64'));
  assert.ok(!sniffed.ok, `${file.name} should be refused by sniffImage`);
  return sniffed.message;
}

/** A PNG whose header claims `width`×`height`: valid chunk structure, tiny file. */
function pngClaiming(width: number, height: number): FilePayload {
  const real = Buffer.from(mediaFixture('screenshot-40x30.png').base64, 'base64');
  const copy = Buffer.from(real);
  copy.writeUInt32BE(width, 16);
  copy.writeUInt32BE(height, 20);
  return { name: 'huge.png', type: 'image/png', base64: copy.toString('base64') };
}

describe('images and video in the composer', () => {
  let ui: WebviewHarness | undefined;
  afterEach(async function () {
    await screenshotOnFailure(this.currentTest, ui);
    await ui?.close();
    ui = undefined;
  });

  async function open(overrides: Parameters<typeof status>[0] = {}): Promise<WebviewHarness> {
    ui = await openWebview();
    await ui.waitForPosted('ready');
    await ui.deliver(status(overrides));
    return ui;
  }

  async function send(h: WebviewHarness, text = 'look') {
    await h.page.getByRole('textbox', { name: 'Message' }).fill(text);
    await h.page.getByRole('textbox', { name: 'Message' }).press('Enter');
  }

  const images = (attachments: Array<{ kind: string }>) => attachments.filter((a): a is ImageAttachment => a.kind === 'image');

  it('shows a pasted PNG at once and sends its exact bytes', async () => {
    const ui = await open();
    const png = mediaFixture('screenshot-40x30.png');
    await ui.pasteFiles([png]);
    const thumb = ui.page.locator('.tray .tile img');
    assert.match((await thumb.getAttribute('src')) ?? '', /^blob:/, 'the thumbnail is an object URL shown immediately');
    await ui.page.locator('.tray .tile:not(.preparing)').waitFor();
    assert.strictEqual(await thumb.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth), 40);
    await send(ui);
    const sent = await ui.waitForPosted('send');
    const [image] = images(sent.attachments);
    assert.deepStrictEqual({ ...image, id: 'x' }, { kind: 'image', id: 'x', name: 'screenshot-40x30.png', mime: 'image/png', base64: png.base64, width: 40, height: 30, detail: 'high' });
    assert.strictEqual(await ui.page.locator('.tray .tile').count(), 0);
  });

  it('attaches several images dropped from the OS, each with its own detail', async () => {
    const ui = await open();
    await ui.drop({ files: [mediaFixture('photo-48x32.jpg'), mediaFixture('lossy-40x30.webp')] });
    await ui.page.locator('.tray .tile:not(.preparing)').nth(1).waitFor();
    await ui.page.getByRole('button', { name: /Image detail for photo-48x32\.jpg: high/ }).click();
    await send(ui);
    const sent = images((await ui.waitForPosted('send')).attachments);
    assert.deepStrictEqual(sent.map((i) => [i.name, i.mime, i.width, i.height, i.detail]), [
      ['photo-48x32.jpg', 'image/jpeg', 48, 32, 'low'],
      ['lossy-40x30.webp', 'image/webp', 40, 30, 'high'],
    ]);
  });

  it('recognises images by their bytes, not their names (a static GIF named .png goes out as a GIF)', async () => {
    const ui = await open();
    await ui.pasteFiles([mediaFixture('gif-named.png')]);
    await ui.page.locator('.tray .tile:not(.preparing)').waitFor();
    await send(ui);
    const sent = images((await ui.waitForPosted('send')).attachments);
    assert.deepStrictEqual(sent.map((i) => [i.name, i.mime, i.width, i.height]), [['gif-named.png', 'image/gif', 32, 16]]);
  });

  for (const name of ['animated-20x20.gif', 'animated-20x20.png', 'phone-40x30.heic', 'scan-16x12.tif', 'icon.svg', 'truncated.png', 'truncated.jpg']) {
    it(`refuses ${name} with its specific message and does not send it`, async () => {
      const ui = await open();
      const file = mediaFixture(name);
      const expected = expectedRejection(file);
      await ui.pasteFiles([file]);
      const note = ui.page.locator('.composer-notes .note.error');
      await note.waitFor();
      assert.strictEqual(await note.locator('.note-text').textContent(), `Not attached — ${name}: ${expected}`);
      assert.strictEqual(await ui.page.locator('.tray .tile').count(), 0);
      await send(ui);
      assert.deepStrictEqual((await ui.waitForPosted('send')).attachments, []);
    });
  }

  it('refuses an image with absurd dimensions before decoding it', async () => {
    const ui = await open();
    await ui.pasteFiles([pngClaiming(30_000, 30_000)]);
    const note = ui.page.locator('.composer-notes .note.error');
    await note.waitFor();
    assert.match((await note.textContent()) ?? '', /huge\.png is 30000×30000 pixels, too large to process here \(the limit is 100 megapixels\)/);
    assert.strictEqual(await ui.page.locator('.tray .tile').count(), 0);
  });

  it('refuses an image still over the byte limit after re-encoding, with the size and the limit', async () => {
    const ui = await open({ maxImageBytes: 64 });
    await ui.pasteFiles([mediaFixture('photo-48x32.jpg')]);
    const note = ui.page.locator('.composer-notes .note.error');
    await note.waitFor();
    assert.match((await note.textContent()) ?? '', /photo-48x32\.jpg: This image is \d+ B; the limit is 64 B/);
    await send(ui);
    assert.deepStrictEqual((await ui.waitForPosted('send')).attachments, []);
  });

  it('converts a BMP to PNG and downscales images over the edge limit, keeping the aspect ratio', async () => {
    const ui = await open({ maxImageEdge: 20 });
    await ui.pasteFiles([mediaFixture('legacy-16x12.bmp'), mediaFixture('screenshot-40x30.png')]);
    await ui.page.locator('.tray .tile:not(.preparing)').nth(1).waitFor();
    assert.deepStrictEqual(await ui.page.locator('.tile-caption').allTextContents(), ['16×12 · converted to PNG', '20×15 · downscaled from 40×30']);
    await send(ui);
    const [bmp, png] = images((await ui.waitForPosted('send')).attachments);
    for (const [image, width, height] of [[bmp, 16, 12], [png, 20, 15]] as const) {
      const sniffed = sniffImage(Buffer.from(image.base64, 'base64'));
      assert.deepStrictEqual(sniffed, { ok: true, mime: 'image/png', width, height }, image.name);
      assert.deepStrictEqual([image.mime, image.width, image.height], ['image/png', width, height]);
    }
  });

  it('says why before sending when the model cannot see images, and keeps the image', async () => {
    const ui = await open({ supportsImages: false, imageBlocker: 'This endpoint was not marked as vision-capable: enable "images" in settings.' });
    await ui.pasteFiles([mediaFixture('screenshot-40x30.png')]);
    await ui.page.locator('.composer-notes .note', { hasText: 'not marked as vision-capable' }).waitFor();
    await send(ui);
    await ui.page.locator('.composer-notes .note', { hasText: /^Not sent yet: This endpoint was not marked/ }).waitFor();
    assert.strictEqual((await ui.posted()).filter((m) => m.type === 'send').length, 0);
    assert.strictEqual(await ui.page.locator('.tray .tile').count(), 1, 'the attachment is kept');
    assert.strictEqual(await ui.page.getByRole('textbox', { name: 'Message' }).inputValue(), 'look');
    await ui.deliver(status({ supportsImages: true }));
    await ui.page.getByRole('textbox', { name: 'Message' }).press('Enter');
    assert.strictEqual(images((await ui.waitForPosted('send')).attachments).length, 1);
  });

  it('resolves files dropped from the Explorer through the host', async () => {
    const ui = await open();
    await ui.drop({ uriList: 'file:///work/shot.png\r\n' });
    const request = await ui.waitForPosted('resolveUris');
    assert.deepStrictEqual(request.uris, ['file:///work/shot.png']);
    await ui.deliverWithBytes({ type: 'resolvedFiles', requestId: request.requestId, files: [{ name: 'shot.png', bytes: { __bytes: mediaFixture('screenshot-40x30.png').base64 } }], errors: ['notes.txt is not an image'] });
    await ui.page.locator('.tray .tile:not(.preparing)').waitFor();
    assert.strictEqual(await ui.page.locator('.composer-notes .note-text').first().textContent(), 'notes.txt is not an image');
    await send(ui);
    assert.strictEqual(images((await ui.waitForPosted('send')).attachments)[0].name, 'shot.png');
  });

  it('uploads a video through the host, shows progress, and sends it once ready', async () => {
    const ui = await open();
    await ui.drop({ files: [mediaFixture('clip-3s.mov')] });
    const attach = await ui.waitForPosted('attachVideo');
    assert.strictEqual(attach.name, 'clip-3s.mov');
    const byteCount = await ui.page.evaluate(() => {
      const posted = (globalThis as unknown as { __posted: Array<{ type: string; bytes?: Uint8Array }> }).__posted;
      const bytes = posted.find((m) => m.type === 'attachVideo')?.bytes;
      return bytes instanceof Uint8Array ? bytes.length : -1;
    });
    assert.strictEqual(byteCount, Buffer.from(mediaFixture('clip-3s.mov').base64, 'base64').length);
    await ui.deliver({ type: 'videoStatus', id: attach.id, state: 'uploading', progress: 0.5 });
    const chip = ui.page.locator(`[data-video-id="${attach.id}"]`);
    assert.strictEqual(await chip.locator('.video-state').textContent(), 'Uploading 50%');
    assert.strictEqual(await chip.locator('progress').evaluate((p) => (p as unknown as { value: number }).value), 0.5);
    await send(ui, 'too early');
    await ui.page.locator('.note', { hasText: 'clip-3s.mov is still uploading' }).waitFor();
    await ui.deliver({ type: 'videoStatus', id: attach.id, state: 'ready' });
    await send(ui);
    assert.deepStrictEqual((await ui.waitForPosted('send')).attachments, [{ kind: 'video', id: attach.id, name: 'clip-3s.mov' }]);
  });

  it('cancels an upload, shows a rejection, and keeps a video the model cannot take', async () => {
    const ui = await open({ supportsVideo: false, videoBlocker: 'step-3.7-flash on this provider does not accept video.' });
    await ui.drop({ files: [mediaFixture('clip-3s-faststart.mp4')] });
    await ui.page.locator('.note', { hasText: 'does not accept video' }).waitFor();
    const first = await ui.waitForPosted('attachVideo');
    await ui.deliver({ type: 'videoStatus', id: first.id, state: 'uploading', progress: 0.1 });
    await ui.page.getByRole('button', { name: 'Cancel clip-3s-faststart.mp4' }).click();
    assert.deepStrictEqual(await ui.waitForPosted('cancelVideo'), { type: 'cancelVideo', id: first.id });
    await ui.drop({ files: [mediaFixture('long-7m12s.mkv')] });
    await ui.page.locator('.video-chip').waitFor();
    const second = (await ui.posted()).filter((m) => m.type === 'attachVideo')[1];
    assert.ok(second && second.type === 'attachVideo');
    await ui.deliver({ type: 'videoStatus', id: second.id, state: 'rejected', message: 'longer than 5 minutes (7 min 12 s)' });
    assert.strictEqual(await ui.page.locator('.video-chip .video-message').textContent(), 'longer than 5 minutes (7 min 12 s)');
    await send(ui);
    await ui.page.locator('.note', { hasText: /^Not sent yet: step-3\.7-flash on this provider does not accept video\. long-7m12s\.mkv was rejected/ }).waitFor();
    assert.strictEqual((await ui.posted()).filter((m) => m.type === 'send').length, 0);
    assert.strictEqual(await ui.page.locator('.video-chip').count(), 1, 'the chip stays until the user removes it');
  });

  it('enlarges a thumbnail in a dialog', async () => {
    const ui = await open();
    await ui.pasteFiles([mediaFixture('screenshot-40x30.png')]);
    await ui.page.getByRole('button', { name: 'Enlarge screenshot-40x30.png' }).click();
    const dialog = ui.page.getByRole('dialog', { name: 'Image preview' });
    await dialog.waitFor();
    assert.strictEqual(await dialog.locator('.dialog-caption').textContent(), 'screenshot-40x30.png');
    await ui.page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    assert.strictEqual(STATUS.maxImageEdge, 2048);
  });
});
