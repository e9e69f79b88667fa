import * as assert from 'assert';
import { nothingWritten } from '../../../src/core/review/applySummary';

describe('nothingWritten', () => {
  it('says nothing when a file was written', () => {
    assert.strictEqual(nothingWritten({ ok: true, files: [{ path: 'a.ts', kind: 'applied', message: 'a.ts: changes applied.' }, { path: 'b.ts', kind: 'skipped', message: 'b.ts was rejected; left as it is.' }] }), undefined);
  });

  it('counts why each file was left alone and gives their reasons', () => {
    const line = nothingWritten({
      ok: true,
      files: [
        { path: 'a.ts', kind: 'skipped', message: 'a.ts was not accepted; left as it is.' },
        { path: 'b.ts', kind: 'stale', message: 'b.ts was deleted since the proposal.' },
      ],
    });
    assert.strictEqual(line, 'Nothing was written: 1 not accepted, 1 changed since the proposal. a.ts was not accepted; left as it is. b.ts was deleted since the proposal.');
  });

  it('gives the refusal of the edit, and says so for an empty apply', () => {
    assert.strictEqual(nothingWritten({ ok: false, error: 'Nothing was written: VS Code refused the edit.', files: [] }), 'Nothing was written: VS Code refused the edit.');
    assert.match(nothingWritten({ ok: true, files: [] }) ?? '', /^Nothing was written: no file of the set was left to apply/);
  });
});
