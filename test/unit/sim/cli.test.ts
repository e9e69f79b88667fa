import * as assert from 'assert';
import { parseCli } from '../../sim/cli';

describe('simulator: CLI flags', () => {
  it('defaults to stepfun, JSON 401 bodies, ephemeral ports and visible pacing', () => {
    assert.deepStrictEqual(parseCli([]), {
      flavour: 'stepfun',
      tier: undefined,
      unauthorizedBody: 'json',
      ports: { global: 0, china: 0 },
      tokensPerSecond: 40,
    });
  });

  it('reads every flag', () => {
    const o = parseCli(['--flavour', 'openrouter', '--tier', 'V2', '--empty-401', '--port-global', '8001', '--port-china', '8002', '--tokens-per-second', '0']);
    assert.deepStrictEqual(o, { flavour: 'openrouter', tier: 'V2', unauthorizedBody: 'empty', ports: { global: 8001, china: 8002 }, tokensPerSecond: 0 });
  });

  it('refuses bad values with a message naming the flag', () => {
    assert.throws(() => parseCli(['--flavour', 'ollama']), /--flavour must be one of stepfun\|openrouter\|vllm\|sglang, got "ollama"/);
    assert.throws(() => parseCli(['--tier', 'V9']), /--tier must be one of V0\|V1\|V2\|V3\|V4\|V5/);
    assert.throws(() => parseCli(['--port-china', '70000']), /--port-china must be a port number/);
    assert.throws(() => parseCli(['--tokens-per-second', '-1']), /--tokens-per-second/);
    assert.throws(() => parseCli(['--verbose']), /verbose/);
  });
});
