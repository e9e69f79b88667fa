/**
 * Shared by both launchers: a throwaway run folder with its own HOME, user data,
 * extensions folder and a copy of the fixture workspace, so a run never touches
 * the developer's VS Code and every run starts from the same files.
 */
import { cpSync, mkdirSync, writeFileSync } from 'fs';
import * as path from 'path';

export const ROOT = path.resolve(__dirname, '..', '..', '..');

export interface RunFolders {
  dir: string;
  home: string;
  userData: string;
  extensions: string;
  workspace: string;
  results: string;
  log: string;
  /** Where the desktop launcher writes the suite's second extension (test tools). */
  toolsExtension: string;
}

export function prepareRun(label: string): RunFolders {
  const dir = path.join(ROOT, '.test-runs', `${label}-${new Date().toISOString().replace(/[:.]/g, '-')}`);
  const folders: RunFolders = {
    dir,
    home: path.join(dir, 'home'),
    userData: path.join(dir, 'user-data'),
    extensions: path.join(dir, 'extensions'),
    workspace: path.join(dir, 'workspace'),
    results: path.join(dir, 'results.json'),
    log: path.join(dir, 'workbench.log'),
    toolsExtension: path.join(dir, 'tools-extension'),
  };
  for (const d of [folders.home, folders.userData, folders.extensions]) mkdirSync(d, { recursive: true });
  cpSync(path.join(ROOT, 'test', 'fixtures', 'workspace'), folders.workspace, { recursive: true });
  mkdirSync(path.join(folders.userData, 'User'), { recursive: true });
  writeFileSync(
    path.join(folders.userData, 'User', 'settings.json'),
    JSON.stringify(
      {
        'extensions.autoCheckUpdates': false,
        'extensions.autoUpdate': false,
        'chat.disableAIFeatures': true,
        'telemetry.telemetryLevel': 'off',
        'workbench.startupEditor': 'none',
        'update.mode': 'none',
        'security.workspace.trust.enabled': false,
        'typescript.tsserver.log': 'off',
        // The suite sends far more than V0's 10 requests a minute; the V0 test sets V0 itself.
        'stepFlash.rateTier': 'V5',
      },
      null,
      2,
    ),
  );
  return folders;
}

/** Environment handed to the extension host: where to write the counts, which tests to run. */
export function hostEnvironment(folders: RunFolders): Record<string, string> {
  const env: Record<string, string> = {
    TEST_RESULTS_FILE: folders.results,
    STEP_FLASH_TEST_RUN_DIR: folders.dir,
  };
  if (process.env.STEP_FLASH_TEST_GREP) env.STEP_FLASH_TEST_GREP = process.env.STEP_FLASH_TEST_GREP;
  return env;
}
