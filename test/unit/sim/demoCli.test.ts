import * as assert from 'assert';
import { simulatorOptions } from '../../sim/cli';
import { startSimulator } from '../../sim/server';
import { chat } from './helpers';

async function answer(argv: string[]): Promise<string> {
  const sim = await startSimulator(simulatorOptions([...argv, '--tokens-per-second', '0']));
  try {
    const body = (await (await chat(sim, { messages: [{ role: 'user', content: 'Hello there' }] })).json()) as { choices: Array<{ message: { content: string } }> };
    return body.choices[0].message.content;
  } finally {
    await sim.close();
  }
}

describe('simulator: CLI model choice', () => {
  it('npm run sim answers with the demo model by default', async () => {
    assert.match(await answer([]), /^Hello! I'm the \*\*demo model\*\*/);
  });

  it('--echo brings back the echo reply', async () => {
    assert.match(await answer(['--echo']), /You said:\n\n> Hello there/);
  });
});
