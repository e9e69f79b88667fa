import * as assert from 'assert';
import * as path from 'path';
import { listCorpusCases, runCorpusCase } from '../../bench/corpus';

const CORPUS = path.resolve(__dirname, '../../../../test/fixtures/edit-corpus');

describe('edit corpus', () => {
  const cases = listCorpusCases(CORPUS);

  it('ships at least 60 cases', () => {
    assert.ok(cases.length >= 60, `only ${cases.length} cases in ${CORPUS}`);
  });

  it('applies every case correctly or refuses it as expected', async () => {
    const results = await Promise.all(cases.map(runCorpusCase));
    const bad = results.filter((r) => r.outcome === 'appliedWrongly' || r.outcome === 'failedToApply');
    assert.deepStrictEqual(bad.map((r) => `${r.name}: ${r.outcome}: ${r.detail}`), []);
    assert.ok(results.some((r) => r.outcome === 'refusedCorrectly'), 'the corpus exercises refusals');
  });
});
