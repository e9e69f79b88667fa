import * as assert from 'assert';
import type { Simulator } from '../../sim/types';
import { call, chat, useSimulator, withSimulator } from './helpers';

function upload(sim: Simulator, purpose: string | undefined, name: string, type: string, bytes: Uint8Array): Promise<Response> {
  const form = new FormData();
  if (purpose !== undefined) form.append('purpose', purpose);
  form.append('file', new Blob([new Uint8Array(bytes)], { type }), name);
  return call(sim, '/files', form);
}

type FileObj = { id: string; object: string; bytes: number; created_at: number; filename: string; purpose: string; status: string };

describe('simulator: files', () => {
  const sim = useSimulator();

  const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3, 4, 5, 6]);

  it('uploads a storage file and returns the File object', async () => {
    const res = await upload(sim, 'storage', 'shot.png', 'image/png', png);
    assert.strictEqual(res.status, 200);
    const f = (await res.json()) as FileObj;
    assert.match(f.id, /^file-/);
    assert.deepStrictEqual({ ...f, id: '', created_at: 0 }, { id: '', object: 'file', bytes: 10, created_at: 0, filename: 'shot.png', purpose: 'storage', status: 'processed' });
    assert.deepStrictEqual([...sim.files.get(f.id)!.data], [...png]);
  });

  it('records the multipart fields with the file as a length only', async () => {
    await upload(sim, 'storage', 'clip.mp4', 'video/mp4', new Uint8Array(1000));
    assert.deepStrictEqual(sim.requests[0].body, { purpose: 'storage', file: { filename: 'clip.mp4', contentType: 'video/mp4', bytes: 1000 } });
  });

  it('lists, gets, serves the content of, and deletes files', async () => {
    const f = (await (await upload(sim, 'storage', 'a.webp', 'image/webp', png)).json()) as FileObj;
    const list = (await (await call(sim, '/files')).json()) as { object: string; data: FileObj[] };
    assert.strictEqual(list.object, 'list');
    assert.deepStrictEqual(list.data.map((x) => x.id), [f.id]);
    assert.strictEqual(((await (await call(sim, `/files/${f.id}`)).json()) as FileObj).filename, 'a.webp');
    assert.deepStrictEqual([...new Uint8Array(await (await call(sim, `/files/${f.id}/content`)).arrayBuffer())], [...png]);
    const del = await call(sim, `/files/${f.id}`, undefined, { method: 'DELETE' });
    assert.deepStrictEqual(await del.json(), { id: f.id, object: 'file', deleted: true });
    assert.strictEqual((await call(sim, `/files/${f.id}`)).status, 404);
    assert.strictEqual(sim.files.size, 0);
  });

  it('refuses a bad or missing purpose, a missing file, and non-media storage files', async () => {
    const bad = await upload(sim, 'fine-tune', 'a.png', 'image/png', png);
    assert.strictEqual(bad.status, 400);
    assert.match(((await bad.json()) as { error: { message: string } }).error.message, /purpose must be one of file-extract\|retrieval-text\|retrieval-image\|storage/);
    const none = await upload(sim, undefined, 'a.png', 'image/png', png);
    assert.match(((await none.json()) as { error: { message: string } }).error.message, /purpose is required/);
    const form = new FormData();
    form.append('purpose', 'storage');
    const noFile = await call(sim, '/files', form);
    assert.match(((await noFile.json()) as { error: { message: string } }).error.message, /file is required/);
    const text = await upload(sim, 'storage', 'notes.txt', 'text/plain', png);
    assert.strictEqual(text.status, 400);
    assert.strictEqual(((await text.json()) as { error: { type: string } }).error.type, 'unsupported_content_type');
    assert.strictEqual((await upload(sim, 'file-extract', 'notes.txt', 'text/plain', png)).status, 200);
  });

  it('refuses a non-multipart upload with a message naming the content type', async () => {
    const res = await call(sim, '/files', { purpose: 'storage' });
    assert.strictEqual(res.status, 400);
    assert.match(((await res.json()) as { error: { message: string } }).error.message, /multipart\/form-data, got application\/json/);
  });

  it('makes an uploaded file usable as stepfile:// in chat', async () => {
    const f = (await (await upload(sim, 'storage', 'v.mp4', 'video/mp4', png)).json()) as FileObj;
    const messages = [{ role: 'user', content: [{ type: 'video_url', video_url: { url: `stepfile://${f.id}` } }, { type: 'text', text: 'what happens?' }] }];
    assert.strictEqual((await chat(sim, { messages })).status, 200);
  });

  it('has no files API on the other flavours', async () => {
    await withSimulator({ flavour: 'openrouter' }, async (s) => {
      assert.strictEqual((await call(s, '/files')).status, 404);
    });
  });
});
