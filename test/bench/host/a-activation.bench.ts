import * as assert from 'assert';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../../src/extension';
import { EXTENSION_ID } from '../../integration/suite/helpers';
import { record } from './figures';

describe('start-up', () => {
  it('times activate() in a fresh host', async () => {
    const extension = vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not installed in this host`);
    // Nothing activates the extension before this file runs (no activation events fire in the bench workspace).
    const wasActive = extension.isActive;
    const t0 = performance.now();
    const api = await extension.activate();
    const ms = performance.now() - t0;
    assert.strictEqual(typeof api.review.propose, 'function');
    record('startup', { activateMs: Math.round(ms * 10) / 10, wasAlreadyActive: wasActive });
  });
});
