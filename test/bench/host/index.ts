/**
 * Entry the extension host loads for the host benchmarks (launch-code-server.ts
 * with STEP_FLASH_TESTS_ENTRY pointing here): mocha runs ./*.bench.js in name
 * order, then the figures they recorded go to STEP_FLASH_BENCH_OUT as JSON.
 */
import { readdirSync, writeFileSync } from 'fs';
import * as path from 'path';
import { format } from 'util';
import Mocha = require('mocha');
import { TEST_LINE_MARKER } from '../../integration/index';
import { figures } from './figures';

export async function run(): Promise<void> {
  Mocha.reporters.Base.consoleLog = (...args: unknown[]) => console.log(TEST_LINE_MARKER + format(...args));
  const mocha = new Mocha({
    ui: 'bdd',
    color: false,
    timeout: 300_000,
    reporter: path.join(__dirname, '..', '..', 'support', 'countReporter.js'),
    // STEP_FLASH_TEST_GREP runs one benchmark alone (e.g. 'apply'), as it filters the test layers.
    grep: process.env.STEP_FLASH_TEST_GREP || undefined,
  });
  // STEP_FLASH_BENCH_COLD runs ./cold.bench.js alone, in a host where nothing has activated the extension;
  // the other benchmarks activate it first.
  const cold = process.env.STEP_FLASH_BENCH_COLD === '1';
  const files = readdirSync(__dirname).filter((f) => f.endsWith('.bench.js') && f.startsWith('cold.') === cold);
  for (const file of files.sort()) mocha.addFile(path.join(__dirname, file));
  const failures = await new Promise<number>((resolve) => mocha.run(resolve));
  const out = process.env.STEP_FLASH_BENCH_OUT;
  if (out) writeFileSync(out, JSON.stringify(figures, null, 2));
  if (failures > 0) throw new Error(`${failures} host benchmark(s) failed`);
}
