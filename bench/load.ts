// `npm run bench -- load`: the server under a chat burst, fed by a real local IRC server (see load/runScenario.ts).
import { parseArgs } from 'node:util';
import { runScenario, type LoadScenario } from './load/runScenario';
import { benchMachine } from './stats';

/**
 * Scenarios (issue 12's targets): `burst`: 5,000 msg/s for 60 s with the topic engine on, one observer; `fanout`:
 * 200 socket.io clients on one channel at 1,000 msg/s; `burst-no-topics`: the burst without the topic engine,
 * the baseline the engine must not degrade.
 */
export async function runLoadBench(args: string[]) {
  const { values } = parseArgs({
    args,
    options: {
      scenario: { type: 'string', default: 'burst,fanout' },
      seconds: { type: 'string', default: '60' },
      rate: { type: 'string' },
      clients: { type: 'string' },
      'embed-model': { type: 'string' },
    },
  });
  const seconds = Number(values.seconds);
  const embed = values['embed-model'] ? { embedModel: values['embed-model'] } : {};
  const all: Record<string, LoadScenario> = {
    burst: { name: 'burst', rate: 5000, seconds, clients: 1, server: { ...embed } },
    'burst-no-topics': { name: 'burst-no-topics', rate: 5000, seconds, clients: 1, server: { topics: false } },
    fanout: { name: 'fanout', rate: 1000, seconds, clients: 200, server: { ...embed } },
  };
  const results = [];
  for (const name of values.scenario.split(',')) {
    const scenario = all[name];
    if (!scenario) throw new Error(`unknown scenario "${name}" (one of: ${Object.keys(all).join(', ')})`);
    if (values.rate) scenario.rate = Number(values.rate);
    if (values.clients) scenario.clients = Number(values.clients);
    results.push(await runScenario(scenario));
  }
  return {
    suite: 'load',
    date: new Date().toISOString(),
    machine: benchMachine(),
    targets: {
      burst: 'every message archived, p95 delivery < 1000 ms, /api/config p99 < 500 ms, RSS < 1024 MB, shed reported',
      fanout: 'p95 delivery < 1000 ms',
    },
    results,
  };
}
