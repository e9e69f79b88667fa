/**
 * The same integration suite on desktop VS Code, through @vscode/test-electron
 * (which downloads VS Code, so it needs a machine with internet access).
 */
import * as path from 'path';
import { runTests } from '@vscode/test-electron';
import { ROOT, hostEnvironment, prepareRun } from './harness';
import { writeToolsExtension } from './toolsExtension/manifest';

async function main(): Promise<void> {
  const folders = prepareRun('desktop');
  writeToolsExtension(folders.toolsExtension);
  await runTests({
    extensionDevelopmentPath: [ROOT, folders.toolsExtension],
    extensionTestsPath: path.join(ROOT, 'out', 'test', 'integration', 'index'),
    extensionTestsEnv: hostEnvironment(folders),
    launchArgs: [
      folders.workspace,
      '--user-data-dir', folders.userData,
      '--extensions-dir', folders.extensions,
      '--disable-workspace-trust',
      '--disable-extensions',
    ],
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
