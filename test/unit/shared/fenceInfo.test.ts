import * as assert from 'assert';
import { parseAnswer } from '../../../src/core/edits';
import { looksLikePath, parseFenceInfo } from '../../../src/shared/fenceInfo';

describe('parseFenceInfo (the code-block header and Apply read the same path)', () => {
  const cases: Array<[string, { language: string; path?: string }]> = [
    ['ts', { language: 'ts' }],
    ['', { language: '' }],
    ['ts src/a.ts', { language: 'ts', path: 'src/a.ts' }],
    ['  ts   src/a.ts  ', { language: 'ts', path: 'src/a.ts' }],
    ['ts path=src/a.ts', { language: 'ts', path: 'src/a.ts' }],
    ['ts title="src/my file.ts"', { language: 'ts' }],
    ['py filename=app/main.py', { language: 'py', path: 'app/main.py' }],
    ["js file='web/app.js'", { language: 'js', path: 'web/app.js' }],
    ['ts TITLE=src/a.ts', { language: 'ts', path: 'src/a.ts' }],
    ['path=src/a.ts', { language: '', path: 'src/a.ts' }],
    ['swift:Sources/App/main.swift', { language: 'swift', path: 'Sources/App/main.swift' }],
    ['ts:title', { language: 'ts' }],
    ['src/a.ts', { language: 'ts', path: 'src/a.ts' }],
    ['docker/Dockerfile', { language: '', path: 'docker/Dockerfile' }],
    ['python example.py (simplified)', { language: 'python', path: 'example.py' }],
    ['python 3.11', { language: 'python' }],
    ['ts {1,3}', { language: 'ts' }],
    ['c++', { language: 'c++' }],
    ['diff', { language: 'diff' }],
    ['ts https://example.com/a.ts', { language: 'ts' }],
    ['sh ../../etc/hosts', { language: 'sh', path: '../../etc/hosts' }],
  ];

  for (const [info, expected] of cases) {
    it(`reads ${JSON.stringify(info)}`, () => {
      assert.deepStrictEqual(parseFenceInfo(info), expected);
    });
  }

  it('gives Apply the path the header shows, for every info string above', () => {
    for (const [info, expected] of cases) {
      if (info === 'diff') continue; // a diff block is a patch, not a file body
      const { changes } = parseAnswer(['```' + info, 'export const value = 1;', '```'].join('\n'));
      const applied = changes.find((c) => c.kind === 'create');
      assert.strictEqual(applied && 'path' in applied ? applied.path : undefined, expected.path, info);
    }
  });

  it('takes paths, not words, numbers, URLs or dots', () => {
    for (const yes of ['a.ts', 'src/a', 'Makefile', '.env', 'pkg/@scope/x.json']) assert.ok(looksLikePath(yes), yes);
    for (const no of ['', 'word', '3.11', '..', 'a.', 'http://x.y/z', 'a b.ts', 'x'.repeat(241) + '.ts']) assert.ok(!looksLikePath(no), no);
  });
});
