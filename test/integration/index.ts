/**
 * Entry point the extension host loads as `extensionTestsPath`, both under
 * code-server (launch-code-server.ts) and desktop VS Code (launch-desktop.ts).
 */
import * as path from 'path';
import { readdirSync } from 'fs';
import { format } from 'util';
import Mocha = require('mocha');

/** The launcher shows only lines with this marker; the workbench's own console noise stays in its log file. */
export const TEST_LINE_MARKER = '[mocha] ';

function findTests(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return findTests(full);
    return entry.name.endsWith('.test.js') ? [full] : [];
  });
}

export async function run(): Promise<void> {
  Mocha.reporters.Base.consoleLog = (...args: unknown[]) => console.log(TEST_LINE_MARKER + format(...args));
  const mocha = new Mocha({
    ui: 'bdd',
    color: false,
    timeout: 60_000,
    reporter: path.join(__dirname, '..', 'support', 'countReporter.js'),
    grep: process.env.STEP_FLASH_TEST_GREP || undefined,
  });
  for (const file of findTests(path.join(__dirname, 'suite')).sort()) mocha.addFile(file);
  await new Promise<void>((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} integration test(s) failed`)) : resolve()));
  });
}
