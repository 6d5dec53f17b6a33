// `npm run bench -- scale`: a deployment of several server nodes on one Redis (issue 17), fed by a local fake Twitch.
import { parseArgs } from 'node:util';
import { runScaleScenario } from './scale/runScaleScenario';
import { benchMachine } from './stats';

/**
 * Defaults: 3 nodes, 50 live channels at 200 msg/s in all, 1,000 socket.io clients in 10 processes (each on one node,
 * following one channel, most of them another node's), 60 s; then one node is killed with SIGKILL and the run goes on
 * until its channels are taken over (lease 10 s).
 */
export async function runScaleBench(args: string[]) {
  const { values } = parseArgs({
    args,
    options: {
      nodes: { type: 'string', default: '3' },
      channels: { type: 'string', default: '50' },
      clients: { type: 'string', default: '1000' },
      rate: { type: 'string', default: '200' },
      seconds: { type: 'string', default: '60' },
      lease: { type: 'string', default: '10' },
      'no-topics': { type: 'boolean', default: false },
      postgres: { type: 'boolean', default: false },
    },
  });
  const result = await runScaleScenario({
    nodes: Number(values.nodes),
    channels: Number(values.channels),
    clients: Number(values.clients),
    rate: Number(values.rate),
    seconds: Number(values.seconds),
    leaseSeconds: Number(values.lease),
    topics: !values['no-topics'],
    postgres: values.postgres,
  });
  return {
    suite: 'scale',
    date: new Date().toISOString(),
    machine: benchMachine(),
    ...result,
  };
}
