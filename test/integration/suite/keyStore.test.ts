import * as assert from 'assert';
import * as vscode from 'vscode';
import { KeyStore } from '../../../src/vscode/secrets';

/** A SecretStorage that counts the reads reaching it (each one a round trip to the workbench in VS Code). */
class CountingSecrets implements vscode.SecretStorage {
  readonly values = new Map<string, string>();
  reads = 0;
  failNext = false;
  private pending: Array<() => void> = [];
  holdReads = false;
  private readonly changed = new vscode.EventEmitter<vscode.SecretStorageChangeEvent>();
  readonly onDidChange = this.changed.event;

  /** Answers with the value at the time of asking, however long the answer takes to arrive. */
  async get(key: string): Promise<string | undefined> {
    this.reads++;
    const value = this.values.get(key);
    const fail = this.failNext;
    this.failNext = false;
    if (this.holdReads) await new Promise<void>((resolve) => this.pending.push(resolve));
    if (fail) throw new Error('the workbench did not answer');
    return value;
  }
  async store(key: string, value: string): Promise<void> {
    this.values.set(key, value);
  }
  async delete(key: string): Promise<void> {
    this.values.delete(key);
  }
  keys(): Thenable<string[]> {
    return Promise.resolve([...this.values.keys()]);
  }
  /** What another window (or VS Code for this one) reports after a store or delete. */
  fireChange(key: string): void {
    this.changed.fire({ key });
  }
  release(): void {
    this.holdReads = false;
    for (const resolve of this.pending.splice(0)) resolve();
  }
}

const GLOBAL = 'stepFlash.apiKey.stepfun-global';

describe('key store', () => {
  let secrets: CountingSecrets;
  let keys: KeyStore;
  beforeEach(() => {
    secrets = new CountingSecrets();
    keys = new KeyStore(secrets);
  });
  afterEach(() => keys.dispose());

  it('serves a read in flight and a finished one to every caller: one round trip until the key changes', async () => {
    secrets.values.set(GLOBAL, 'sk-one');
    secrets.holdReads = true;
    keys.prefetch('stepfun-global');
    const during = keys.get('stepfun-global');
    secrets.release();
    assert.strictEqual(await during, 'sk-one');
    assert.strictEqual(await keys.get('stepfun-global'), 'sk-one');
    assert.strictEqual(secrets.reads, 1);
    assert.deepStrictEqual(keys.knownKeys(), ['sk-one'], 'the key read is masked in logs');
  });

  it('reads the new key as soon as SecretStorage reports a change, and tells its listeners', async () => {
    secrets.values.set(GLOBAL, 'sk-one');
    assert.strictEqual(await keys.get('stepfun-global'), 'sk-one');
    const heard: string[] = [];
    keys.onDidChange((provider) => heard.push(provider));
    secrets.values.set(GLOBAL, 'sk-from-another-window');
    secrets.fireChange(GLOBAL);
    secrets.fireChange('someOtherExtension.secret');
    assert.deepStrictEqual(heard, ['stepfun-global']);
    assert.strictEqual(secrets.reads, 2, 'the change itself starts reading the new key, before any request asks');
    assert.strictEqual(await keys.get('stepfun-global'), 'sk-from-another-window');
    assert.strictEqual(secrets.reads, 2);
  });

  it('keeps no value from a read that was in flight when the key changed', async () => {
    secrets.values.set(GLOBAL, 'sk-old');
    secrets.holdReads = true;
    const stale = keys.get('stepfun-global');
    secrets.values.set(GLOBAL, 'sk-new');
    secrets.fireChange(GLOBAL);
    secrets.release();
    assert.strictEqual(await stale, 'sk-old', 'the answer left before the change');
    assert.strictEqual(await keys.get('stepfun-global'), 'sk-new');
    assert.strictEqual(secrets.reads, 2);
  });

  it('does not keep a failed read: the next caller asks SecretStorage again', async () => {
    secrets.values.set(GLOBAL, 'sk-one');
    secrets.failNext = true;
    keys.prefetch('stepfun-global');
    await assert.rejects(keys.get('stepfun-global'), /did not answer/);
    assert.strictEqual(await keys.get('stepfun-global'), 'sk-one');
    assert.strictEqual(secrets.reads, 2);
  });

  it('after storing or clearing a key, reads it back once instead of answering with a read from before', async () => {
    secrets.values.set('stepFlash.apiKey.openrouter', 'sk-or-old');
    assert.strictEqual(await keys.get('openrouter'), 'sk-or-old');
    await keys.set('openrouter', 'sk-or-stored');
    assert.deepStrictEqual(keys.knownKeys(), ['sk-or-stored'], 'a key being stored is masked at once');
    assert.strictEqual(await keys.get('openrouter'), 'sk-or-stored');
    assert.strictEqual(await keys.get('openrouter'), 'sk-or-stored');
    assert.strictEqual(secrets.reads, 2);
    await keys.clear('openrouter');
    assert.strictEqual(await keys.get('openrouter'), undefined);
    assert.strictEqual(secrets.values.has('stepFlash.apiKey.openrouter'), false);
    assert.strictEqual(secrets.reads, 3);
    assert.deepStrictEqual(keys.knownKeys(), []);
  });
});
