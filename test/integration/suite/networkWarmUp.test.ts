import * as assert from 'assert';
import type { ExtensionApi } from '../../../src/extension';
import { whenIdle } from '../../../src/core/idle';
import type { Simulator } from '../../sim/types';
import { activateExtension } from './helpers';
import { resetExtension, setSetting, startHostSim, waitFor } from './hostSim';

/** Resolves once this host's thread has been idle as long as the warm-up waits for: a wait it armed before has run by then. */
function hostIdle(): Promise<void> {
  return new Promise((resolve) => whenIdle(resolve));
}

// Each test starts its own simulator: its URLs are new to the host, so no earlier warm-up covers them.
describe('network warm-up at idle (src/vscode/provider/networkWarmUp.ts)', () => {
  let api: ExtensionApi;
  let sim: Simulator;

  beforeEach(async () => {
    api = await activateExtension();
    sim = await startHostSim();
    await resetExtension(api);
  });

  afterEach(async () => {
    await resetExtension(api);
    await setSetting('customBaseUrl', undefined);
    await sim.close();
  });

  it('waits for the selected provider\'s key, then warms its URL once the host is idle, sending nothing', async () => {
    const url = sim.url('global');
    await hostIdle();
    // The warm-up's own idle wait ran by now and read the (missing) key; that read is shared with this one.
    assert.strictEqual(await api.keys.get('stepfun-global'), undefined);
    await new Promise((resolve) => setTimeout(resolve, 0));
    assert.strictEqual(api.network.warming(url), undefined, 'no key, so no request is likely: nothing was warmed');

    await api.keys.set('stepfun-global', 'sk-global-test');
    await waitFor(() => api.network.warming(url) !== undefined, 'the warm-up of the global URL after the key was stored');
    await api.network.warming(url);
    assert.deepStrictEqual(sim.requests.map((r) => `${r.method} ${r.path}`), [], 'the aborted request never reached the server');
  });

  it('warms a custom server that needs no key as soon as it is chosen and the host is idle', async () => {
    const url = `${sim.url('global').replace(/\/v1$/, '')}/custom-${Date.now()}/v1`;
    await setSetting('customBaseUrl', url);
    await setSetting('provider', 'custom');
    await waitFor(() => api.network.warming(url) !== undefined, 'the warm-up of the custom server');
    assert.strictEqual(api.network.warming(sim.url('china')), undefined, 'only the selected provider is warmed');
    assert.deepStrictEqual(sim.requests, []);
  });
});
