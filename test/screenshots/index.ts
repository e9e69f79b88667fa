/**
 * Entry the extension host loads for the README's screenshots (scripts/screenshots.mjs runs
 * launch-code-server.ts with STEP_FLASH_TESTS_ENTRY pointing here): mocha runs ./*.shots.js,
 * each scene driven through the real extension against the simulator's demo model and
 * photographed from the real workbench page.
 */
import { readdirSync } from 'fs';
import * as path from 'path';
import { format } from 'util';
import Mocha = require('mocha');
import { TEST_LINE_MARKER } from '../integration/index';

export async function run(): Promise<void> {
  Mocha.reporters.Base.consoleLog = (...args: unknown[]) => console.log(TEST_LINE_MARKER + format(...args));
  const mocha = new Mocha({
    ui: 'bdd',
    color: false,
    timeout: 180_000,
    reporter: path.join(__dirname, '..', 'support', 'countReporter.js'),
    grep: process.env.STEP_FLASH_TEST_GREP || undefined,
  });
  for (const file of readdirSync(__dirname).filter((f) => f.endsWith('.shots.js')).sort()) mocha.addFile(path.join(__dirname, file));
  const failures = await new Promise<number>((resolve) => mocha.run(resolve));
  if (failures > 0) throw new Error(`${failures} screenshot scene(s) failed`);
}
