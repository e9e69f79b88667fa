// Searches every file a test run wrote for the API keys the tests used. The
// keys must live only in SecretStorage (the browser's encrypted store), never
// in settings, logs, chat history, state databases or any other file.
import { readdirSync, readFileSync, statSync } from 'fs';
import { join } from 'path';

/** Every key the integration suite hands to the extension (see test/integration/suite and test/sim). */
export const TEST_KEYS = ['sk-global-test', 'sk-china-test', 'sk-bogus-key', 'sk-not-a-key'];

function* files(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(full);
    else if (entry.isFile()) yield full;
  }
}

/** Returns the files under `dir` that contain any of `keys` (as bytes, so binary databases count). */
export function scanForSecrets(dir, keys = TEST_KEYS) {
  const needles = keys.map((k) => Buffer.from(k));
  const hits = [];
  let scanned = 0;
  for (const file of files(dir)) {
    if (statSync(file).size > 200 * 1024 * 1024) continue;
    scanned++;
    const bytes = readFileSync(file);
    const found = keys.filter((_, i) => bytes.includes(needles[i]));
    if (found.length) hits.push({ file, keys: found });
  }
  return { scanned, hits };
}
