/**
 * test/ui/harness.ts registers its browser clean-up with mocha's global `after`.
 * The benchmarks run it outside mocha, so this collects those hooks to run at the end.
 * Import it before the harness.
 */
const hooks: Array<() => unknown> = [];
const g = globalThis as unknown as { after?: (fn: () => unknown) => void };
g.after ??= (fn) => void hooks.push(fn);

export async function runAfterHooks(): Promise<void> {
  for (const hook of hooks.splice(0)) await hook();
}
