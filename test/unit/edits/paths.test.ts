import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { checkWorkspacePath, isProbablyBinary } from '../../../src/core/edits';

describe('checkWorkspacePath', () => {
  let tmp: string;
  let root: string;
  let outside: string;

  before(() => {
    tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'edits-paths-')));
    root = path.join(tmp, 'project');
    outside = path.join(tmp, 'elsewhere');
    fs.mkdirSync(path.join(root, 'src'), { recursive: true });
    fs.mkdirSync(outside);
    fs.symlinkSync(outside, path.join(root, 'linked'));
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('resolves relative paths against the first root, even for files that do not exist yet', () => {
    const r = checkWorkspacePath([root], 'src/new/file.ts');
    assert.deepStrictEqual(r, { ok: true, absolute: path.join(root, 'src/new/file.ts'), root });
  });

  it('accepts absolute paths inside a root and refuses those elsewhere', () => {
    assert.ok(checkWorkspacePath([root], path.join(root, 'src/a.ts')).ok);
    const r = checkWorkspacePath([root], '/etc/passwd');
    assert.ok(!r.ok && /"\/etc\/passwd" is outside the workspace/.test(r.message));
  });

  it('refuses ".." escapes and names the path', () => {
    const r = checkWorkspacePath([root], 'src/../../elsewhere/x.ts');
    assert.ok(!r.ok && r.message.includes('"src/../../elsewhere/x.ts"') && r.message.includes('".."'));
  });

  it('refuses paths through a symlink that leads out of the workspace', () => {
    const r = checkWorkspacePath([root], 'linked/secret.txt');
    assert.ok(!r.ok && /symbolic link/.test(r.message) && r.message.includes('linked/secret.txt'), JSON.stringify(r));
  });

  it('refuses .git internals, empty paths and NUL characters', () => {
    for (const p of ['.git/config', 'sub/.git/HEAD', '']) {
      const r = checkWorkspacePath([root], p);
      assert.ok(!r.ok, p);
    }
    const nul = checkWorkspacePath([root], 'a\0b');
    assert.ok(!nul.ok && /NUL/.test(nul.message));
  });

  it('picks the root by name in a multi-root workspace', () => {
    const other = path.join(tmp, 'other');
    fs.mkdirSync(other, { recursive: true });
    const r = checkWorkspacePath([root, other], 'other/lib/x.ts');
    assert.deepStrictEqual(r, { ok: true, absolute: path.join(other, 'lib/x.ts'), root: other });
    const first = checkWorkspacePath([root, other], 'lib/x.ts');
    assert.ok(first.ok && first.root === root);
  });
});

describe('isProbablyBinary', () => {
  it('tells text from binary', () => {
    assert.strictEqual(isProbablyBinary(new TextEncoder().encode('const a = "héllo";\n\tindent\r\n')), false);
    assert.strictEqual(isProbablyBinary(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])), true);
    assert.strictEqual(isProbablyBinary(new Uint8Array([104, 105, 0, 106])), true);
    assert.strictEqual(isProbablyBinary(new Uint8Array(Array.from({ length: 100 }, (_, i) => (i % 3 === 0 ? 1 : 65)))), true);
    assert.strictEqual(isProbablyBinary(new Uint8Array()), false);
  });
});
