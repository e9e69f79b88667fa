import * as assert from 'assert';
import * as path from 'path';
import { isProbablyBinary } from '../../../src/core/edits';
import { checkWorkspacePath, isGitName, type PathRule } from '../../../src/core/edits/paths';

const ROOT = '/ws';

function refusedBy(requested: string, roots = [ROOT], p: typeof path = path.posix): PathRule {
  const r = checkWorkspacePath(roots, requested, p);
  assert.ok(!r.ok, `${JSON.stringify(requested)} was not refused`);
  assert.ok(r.message.startsWith(`Refused ${JSON.stringify(requested)} (${r.rule}): `), r.message);
  return r.rule;
}

describe('checkWorkspacePath: the path gate by spelling', () => {
  it('resolves relative paths against the first folder, or the folder they name in a multi-root workspace', () => {
    assert.deepStrictEqual(checkWorkspacePath([ROOT], 'src/new/file.ts', path.posix), { ok: true, absolute: '/ws/src/new/file.ts', root: ROOT });
    assert.deepStrictEqual(checkWorkspacePath([ROOT], './src\\win.ts', path.posix), { ok: true, absolute: '/ws/src/win.ts', root: ROOT });
    assert.deepStrictEqual(checkWorkspacePath([ROOT, '/other'], 'other/lib/x.ts', path.posix), { ok: true, absolute: '/other/lib/x.ts', root: '/other' });
    assert.deepStrictEqual(checkWorkspacePath([ROOT], '/ws/src/a.ts', path.posix), { ok: true, absolute: '/ws/src/a.ts', root: ROOT });
    assert.deepStrictEqual(checkWorkspacePath([ROOT], '  src/a.ts\n', path.posix), { ok: true, absolute: '/ws/src/a.ts', root: ROOT }, 'layout whitespace around the path');
  });

  const classes: Array<[PathRule, string[]]> = [
    ['empty', ['', '   ']],
    ['uri-scheme', ['file:///etc/passwd', 'file:///ws/src/a.ts', 'vscode-remote://ssh-remote+host/ws/a.ts', 'untitled:Untitled-1', 'https://example.com/a.ts', 'git:/ws/a.ts']],
    ['percent-encoding', ['%2e%2e/secret.txt', '%2e%2e%2fsecret.txt', 'src/%2E%2E/%2E%2E/x', 'a%00b.ts', 'my%20file.ts']],
    ['escape-sequence', ['\\u0000', 'src\\u0000.ts', 'a\\u002e\\u002e/x', '\\u{2e}\\u{2e}/x', 'src\\x00a.ts', 'src\\x2e\\x2e\\x2fx']],
    ['control-character', ['a\0b.ts', 'src/a\nb.ts', 'tab\there.ts', 'del\x7f.ts', '.g\u200cit/config', 'evil\u202eexe.ts', 'bom\ufeff.ts', 'line\u2028sep.ts']],
    ['git', ['.git/config', 'sub/.git/HEAD', '.GIT/hooks/pre-commit', '.git./config', '.git /config', '.git . /config', '.Git.../hooks/x', 'GIT~1/config', '.git', 'src/../.git/config']],
    ['device-name', ['CON', 'nul.txt', 'src/COM1.js', 'lpt9.md', 'aux.c', 'Prn.Txt', 'com¹.ts', 'CONIN$', 'nul .txt', 'con.']],
    ['trailing-dot-or-space', ['file.', 'src/dir./a.ts', 'dir /a.ts', 'x/name . /y.ts', '...']],
    ['reserved-character', ['src/notes.txt:secret', 'src/what?.ts', 'a*.ts', 'a<b>.ts', 'pipe|.ts', 'quote".ts', 'src/a.ts::$DATA']],
    ['look-alike', ['．．/secret', 'src/\u2024\u2024/x', 'a\uff0fb.ts']],
    ['home-folder', ['~', '~/.ssh/authorized_keys', '~\\x.txt']],
    ['drive-or-network', ['C:\\Windows\\win.ini', 'c:/x.ts', 'C:relative.ts', '\\\\server\\share\\x.ts', '//server/share/x.ts', '\\\\?\\C:\\x.ts', '\\\\.\\pipe\\x']],
    ['traversal', ['../outside.txt', 'src/../../elsewhere/x.ts', '..\\..\\x.ts']],
    ['outside-workspace', ['/etc/passwd', '/wsx/a.ts', '/']],
    ['workspace-folder', ['.', './', '/ws', 'src/..']],
  ];
  for (const [rule, paths] of classes) {
    it(`refuses by the ${rule} rule, naming the path`, () => {
      for (const p of paths) assert.strictEqual(refusedBy(p), rule, JSON.stringify(p));
    });
  }

  it('says there is no workspace when no folder is open', () => {
    assert.strictEqual(refusedBy('a.ts', []), 'no-workspace');
  });

  it('leaves ordinary names that merely look close alone', () => {
    for (const p of [
      '.gitignore', '.github/workflows/ci.yml', '.gitattributes', 'src/git/index.ts', 'my.git/file', 'git~backup/x', 'docs/.git-blame-ignore-revs',
      'console.ts', 'CONTRIBUTING.md', 'com10.txt', 'nullable.ts', 'auxiliary/a.ts', 'build\\x64\\Release\\a.txt', 'src\\xa\\b.ts',
      '100%.md', 'ﬁle.ts', 'naïve.ts', '日本語/ファイル.ts', '..hidden', 'a..b.ts', 'src/~backup.ts', '.env', 'a b/c d.ts',
    ]) {
      const r = checkWorkspacePath([ROOT], p, path.posix);
      assert.ok(r.ok, `${JSON.stringify(p)} was refused: ${r.ok ? '' : r.message}`);
    }
  });

  it('follows Windows rules on Windows: drive paths inside a folder pass, other drives and drive-relative paths do not', () => {
    const roots = ['C:\\ws'];
    assert.deepStrictEqual(checkWorkspacePath(roots, 'C:\\ws\\src\\a.ts', path.win32), { ok: true, absolute: 'C:\\ws\\src\\a.ts', root: 'C:\\ws' });
    assert.deepStrictEqual(checkWorkspacePath(roots, 'src/a.ts', path.win32), { ok: true, absolute: 'C:\\ws\\src\\a.ts', root: 'C:\\ws' });
    assert.strictEqual(refusedBy('D:\\ws\\a.ts', roots, path.win32), 'outside-workspace');
    assert.strictEqual(refusedBy('C:a.ts', roots, path.win32), 'drive-or-network');
    assert.strictEqual(refusedBy('C:\\ws\\.GIT.\\config', roots, path.win32), 'git');
    assert.strictEqual(refusedBy('C:\\ws\\notes.txt:stream', roots, path.win32), 'reserved-character');
  });

  it('names .git however Windows spells it', () => {
    for (const name of ['.git', '.GIT', '.git.', '.git ', '.git. .', 'git~1', 'GIT~2', '．git']) assert.ok(isGitName(name), name);
    for (const name of ['.gitignore', 'git', '.git2', 'x.git', '.github']) assert.ok(!isGitName(name), name);
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
