import * as assert from 'assert';
import { chooseEffort, EFFORT_POLICY, intentFromChat } from '../../src/core/effort';

describe('effort policy', () => {
  it('maps each command to the documented level', () => {
    const levels = Object.fromEntries(Object.entries(EFFORT_POLICY).map(([k, v]) => [k, v.level]));
    assert.deepStrictEqual(levels, {
      rename: 'low',
      documentation: 'low',
      explain: 'low',
      fix: 'medium',
      tests: 'medium',
      chat: 'medium',
      ask: 'medium',
      refactor: 'high',
      screenshotToCode: 'high',
    });
  });

  it('says why it chose a level', () => {
    const effort = chooseEffort('refactor');
    assert.deepStrictEqual([effort.level, effort.source], ['high', 'policy']);
    assert.strictEqual(effort.reason, 'refactor: multi-file changes need careful reasoning');
  });

  it('lets a setting override the policy, and the user override both', () => {
    assert.deepStrictEqual(chooseEffort('rename', 'auto', 'high').level, 'high');
    assert.strictEqual(chooseEffort('rename', 'auto', 'high').source, 'setting');
    const user = chooseEffort('rename', 'medium', 'high');
    assert.deepStrictEqual([user.level, user.source], ['medium', 'user']);
  });

  it('reads intent from slash commands in chat', () => {
    assert.deepStrictEqual(intentFromChat('/refactor split this module'), { intent: 'refactor', text: 'split this module' });
    assert.deepStrictEqual(intentFromChat('/FIX the crash'), { intent: 'fix', text: 'the crash' });
    assert.deepStrictEqual(intentFromChat('why is /fix here'), { intent: 'chat', text: 'why is /fix here' });
    assert.deepStrictEqual(intentFromChat('/unknown thing'), { intent: 'chat', text: '/unknown thing' });
  });
});
