import * as assert from 'assert';
import { MAX_FILE_BYTES, isGitInternal, tooLargeMessage } from '../../../src/core/review/pathRules';

describe('review path rules', () => {
  it('recognises .git internals in any position and case, with either separator', () => {
    for (const p of ['.git/config', 'sub/.git/HEAD', '.GIT\\hooks\\pre-commit', '.git', './.git/objects/ab']) {
      assert.ok(isGitInternal(p), p);
    }
  });

  it('leaves look-alikes alone', () => {
    for (const p of ['.gitignore', '.github/workflows/ci.yml', 'src/git/index.ts', 'my.git/file']) {
      assert.ok(!isGitInternal(p), p);
    }
  });

  it('names the path and both sizes when a file is too large', () => {
    const message = tooLargeMessage('data/big.json', MAX_FILE_BYTES * 2);
    assert.match(message, /^data\/big\.json is 8\.0 MB; files over 4\.0 MB/);
  });
});
