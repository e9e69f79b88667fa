import * as assert from 'assert';
import { createStepClient } from '../../../src/core/provider/client';
import { diagnosticsFor } from '../../../src/core/provider/diagnostics';
import { keyFingerprint, RegionDiagnoser, sdkRegionProbe, type RegionProbe } from '../../../src/core/provider/region';
import { validateKey } from '../../../src/core/provider/validateKey';
import type { ChatRequest } from '../../../src/core/provider/types';
import { startSimulator } from '../../sim/server';
import type { Simulator } from '../../sim/types';
import { CHINA_KEY, GLOBAL_KEY, profileFor, rejection } from './simClient';

const ASK: ChatRequest = { messages: [{ role: 'user', content: 'Hi' }] };

describe('provider client: StepFun key regions', () => {
  for (const unauthorizedBody of ['json', 'empty'] as const) {
    describe(`401 with a ${unauthorizedBody} body`, () => {
      let sim: Simulator;
      before(async () => {
        sim = await startSimulator({ flavour: 'stepfun', unauthorizedBody });
      });
      after(() => sim.close());
      beforeEach(() => sim.reset());

      it('a China key on the global profile → region-mismatch naming api.stepfun.com, with switchRegion', async () => {
        const client = createStepClient({ profile: profileFor(sim, 'stepfun-global'), apiKey: CHINA_KEY, regionDiagnoser: new RegionDiagnoser() });
        const error = await rejection(client.streamChat(ASK));
        assert.strictEqual(error.kind, 'region-mismatch');
        assert.match(error.message, /This key belongs to the China platform \(api\.stepfun\.com\)/);
        assert.deepStrictEqual(error.actions, ['switchRegion', 'setApiKey']);
        assert.strictEqual(error.targetProvider, 'stepfun-china');
        assert.strictEqual(error.status, 401);
        const probes = sim.requests.filter((r) => r.path === '/v1/models');
        assert.deepStrictEqual(
          probes.map((r) => r.region),
          ['china'],
          'probed the other region once',
        );
      });

      it('a global key on the China profile → region-mismatch naming api.stepfun.ai', async () => {
        const client = createStepClient({ profile: profileFor(sim, 'stepfun-china'), apiKey: GLOBAL_KEY, regionDiagnoser: new RegionDiagnoser() });
        const error = await rejection(client.streamChat(ASK));
        assert.strictEqual(error.kind, 'region-mismatch');
        assert.match(error.message, /global platform \(api\.stepfun\.ai\)/);
        assert.strictEqual(error.targetProvider, 'stepfun-global');
      });

      it('a key valid nowhere → "not valid on either StepFun platform" with setApiKey', async () => {
        const key = 'sk-nowhere-0123456789abcdef';
        const client = createStepClient({ profile: profileFor(sim, 'stepfun-global'), apiKey: key, regionDiagnoser: new RegionDiagnoser() });
        const error = await rejection(client.streamChat(ASK));
        assert.strictEqual(error.kind, 'unauthorized');
        assert.match(error.message, /not valid on either StepFun platform/);
        assert.ok(error.actions.includes('setApiKey'));
        assert.ok(!error.actions.includes('switchRegion'));
        assert.ok(!error.message.includes(key));
      });
    });
  }

  describe('probe cache', () => {
    let sim: Simulator;
    before(async () => {
      sim = await startSimulator({ flavour: 'stepfun' });
    });
    after(() => sim.close());

    it('probes once per key and region, and stores a hash rather than the key', async () => {
      const seen: string[] = [];
      const real = sdkRegionProbe();
      const probe: RegionProbe = (url, key, signal) => {
        seen.push(key);
        return real(url, key, signal);
      };
      const diagnoser = new RegionDiagnoser(probe);
      const client = createStepClient({ profile: profileFor(sim, 'stepfun-global'), apiKey: CHINA_KEY, regionDiagnoser: diagnoser, retry: { maxAttempts: 1 } });
      await rejection(client.streamChat(ASK));
      await rejection(client.streamChat(ASK));
      await rejection(client.listModels());
      assert.strictEqual(seen.length, 1);
      assert.strictEqual(diagnoser.cachedProbes, 1);
      const cacheDump = JSON.stringify([...(diagnoser as unknown as { cache: Map<string, boolean> }).cache.keys()]);
      assert.ok(!cacheDump.includes(CHINA_KEY), cacheDump);
      assert.ok(cacheDump.includes(keyFingerprint(CHINA_KEY)));
      assert.notStrictEqual(keyFingerprint(CHINA_KEY), keyFingerprint(GLOBAL_KEY));
    });

    it('an unreachable other region leaves the plain 401 and is not cached', async () => {
      const diagnoser = new RegionDiagnoser(async () => undefined);
      const client = createStepClient({ profile: profileFor(sim, 'stepfun-global'), apiKey: CHINA_KEY, regionDiagnoser: diagnoser });
      const error = await rejection(client.streamChat(ASK));
      assert.strictEqual(error.kind, 'unauthorized');
      assert.match(error.message, /refused the API key/);
      assert.strictEqual(diagnoser.cachedProbes, 0);
    });
  });

  describe('validateKey (Set API Key)', () => {
    let sim: Simulator;
    before(async () => {
      sim = await startSimulator({ flavour: 'stepfun' });
    });
    after(() => sim.close());

    it('accepts a key on its own region and lists the models', async () => {
      const check = await validateKey(profileFor(sim, 'stepfun-china'), CHINA_KEY);
      assert.ok(check.ok);
      if (check.ok) assert.ok(check.models?.includes('step-3.7-flash'));
    });

    it('diagnoses a key of the other region', async () => {
      const check = await validateKey(profileFor(sim, 'stepfun-china'), GLOBAL_KEY);
      assert.ok(!check.ok);
      if (!check.ok) {
        assert.strictEqual(check.error.kind, 'region-mismatch');
        assert.strictEqual(check.error.targetProvider, 'stepfun-global');
      }
    });

    it('never puts the key into the error or the diagnostics', async () => {
      const key = 'sk-secretsecretsecret-42';
      const profile = profileFor(sim, 'stepfun-global');
      const check = await validateKey(profile, key);
      assert.ok(!check.ok);
      if (!check.ok) {
        const text = diagnosticsFor(check.error, profile, profile.model, Date.now(), [key]);
        for (const s of [check.error.message, check.error.title, text, JSON.stringify(check.error.toView())]) {
          assert.ok(!s.includes(key), s);
          assert.ok(!s.includes('secretsecretsecret'), s);
        }
        assert.match(text, /Trace id: [0-9a-f]{32}/);
      }
    });

    it('a missing key is caught before any request, by name', async () => {
      const before = sim.requests.length;
      const check = await validateKey(profileFor(sim, 'stepfun-global'), '   ');
      assert.ok(!check.ok);
      if (!check.ok) {
        assert.match(check.error.message, /No API key is set for StepFun \(global/);
        assert.deepStrictEqual(check.error.actions, ['setApiKey']);
      }
      assert.strictEqual(sim.requests.length, before);
    });
  });
});
