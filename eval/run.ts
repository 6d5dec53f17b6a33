// `npm run eval -- <suite> [options]`: runs an evaluation and writes its results as JSON under eval/results/.
import fs from 'node:fs';
import path from 'node:path';
import { runReferenceEval } from './reference';
import { runTopicsEval } from './topics';

const suites: Record<string, (args: string[]) => Promise<unknown>> = {
  topics: runTopicsEval,
  reference: runReferenceEval,
};

const [name, ...args] = process.argv.slice(2);
const suite = name ? suites[name] : undefined;
if (!suite) {
  console.error(`usage: npm run eval -- <${Object.keys(suites).join('|')}> [options]`);
  process.exit(2);
}
const result = await suite(args);
const dir = path.join('eval', 'results');
fs.mkdirSync(dir, { recursive: true });
const file = path.join(dir, `${name}-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
fs.writeFileSync(file, JSON.stringify(result, null, 2) + '\n');
console.log(JSON.stringify(result, null, 2));
console.error(`results written to ${file}`);
