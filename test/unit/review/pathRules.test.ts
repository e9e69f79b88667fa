import * as assert from 'assert';
import { MAX_FILE_BYTES, tooLargeMessage } from '../../../src/core/review/pathRules';

describe('review size rule', () => {
  it('names the path and both sizes when a file is too large', () => {
    const message = tooLargeMessage('data/big.json', MAX_FILE_BYTES * 2);
    assert.match(message, /^data\/big\.json is 8\.0 MB; files over 4\.0 MB/);
  });
});
