/**
 * The tools extension's manifest, written with its compiled code into the run folder, so
 * the extension has a folder of its own (an extension's code must live under its own
 * location for the editor to attribute its API calls to it).
 */
import { copyFileSync, mkdirSync, writeFileSync } from 'fs';
import * as path from 'path';

export const TOOLS_EXTENSION_ID = 'step-flash-tests.vscode-tools';

const schema = (properties: Record<string, unknown>, required: string[]) => ({ type: 'object', properties, required });

const MANIFEST = {
  name: 'vscode-tools',
  publisher: 'step-flash-tests',
  displayName: 'Step Flash test tools',
  version: '0.0.1',
  engines: { vscode: '^1.95.0' },
  main: './extension.js',
  activationEvents: [],
  contributes: {
    languageModelTools: [
      {
        name: 'stepflash_test_lookup',
        displayName: 'Price lookup (test)',
        modelDescription: 'Looks up how prices are stored for a query. Read-only.',
        tags: ['stepflash-test'],
        inputSchema: schema({ query: { type: 'string', description: 'What to look up' } }, ['query']),
      },
      {
        name: 'stepflash_test_delete',
        displayName: 'Delete (test)',
        modelDescription: 'Deletes a file. Never allowed in the tests.',
        tags: ['stepflash-test'],
        inputSchema: schema({ path: { type: 'string' } }, ['path']),
      },
    ],
  },
};

/** Writes the extension into `dir` and returns that folder. */
export function writeToolsExtension(dir: string): string {
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify(MANIFEST, null, 2));
  copyFileSync(path.join(__dirname, 'extension.js'), path.join(dir, 'extension.js'));
  return dir;
}
