/**
 * Mocha's spec reporter plus a JSON summary file (path in TEST_RESULTS_FILE),
 * so the test orchestrator can add up the layers without scraping output.
 */
import * as Mocha from 'mocha';
import { writeFileSync } from 'fs';

const { Spec } = Mocha.reporters;
const { EVENT_RUN_END } = Mocha.Runner.constants;

class CountReporter extends Spec {
  constructor(runner: Mocha.Runner, options: Mocha.MochaOptions) {
    super(runner, options);
    runner.once(EVENT_RUN_END, () => {
      const file = process.env.TEST_RESULTS_FILE;
      if (!file) return;
      const stats = runner.stats ?? { passes: 0, failures: 0, pending: 0, duration: 0 };
      writeFileSync(
        file,
        JSON.stringify({ passed: stats.passes, failed: stats.failures, pending: stats.pending, durationMs: stats.duration }),
      );
    });
  }
}

export = CountReporter;
