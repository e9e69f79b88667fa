/**
 * V8 CPU profiles of the extension host while a benchmark step runs. `node --cpu-prof`
 * cannot reach the host code-server starts, so the benchmark profiles itself through
 * the inspector's in-process session. Off unless STEP_FLASH_BENCH_PROFILE names a
 * folder (the profiler slows the step down, so a profiled run's figures are not the
 * benchmark's); each step writes NAME.cpuprofile there, for DevTools or a summary.
 */
import { writeFileSync } from 'fs';
import * as inspector from 'inspector';
import * as path from 'path';

function post<T>(session: inspector.Session, method: string, params?: object): Promise<T> {
  return new Promise((resolve, reject) => {
    session.post(method, params ?? {}, (error, result) => (error ? reject(error) : resolve(result as T)));
  });
}

export async function profiled<T>(name: string, step: () => Promise<T>): Promise<T> {
  const folder = process.env.STEP_FLASH_BENCH_PROFILE;
  if (!folder) return step();
  const session = new inspector.Session();
  session.connect();
  await post(session, 'Profiler.enable');
  await post(session, 'Profiler.setSamplingInterval', { interval: 200 });
  await post(session, 'Profiler.start');
  try {
    return await step();
  } finally {
    const { profile } = await post<{ profile: unknown }>(session, 'Profiler.stop');
    writeFileSync(path.join(folder, `${name}.cpuprofile`), JSON.stringify(profile));
    session.disconnect();
  }
}
