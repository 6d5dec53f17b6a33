// Times one preset's training stages in a fresh process (the wasm heap never shrinks, so each preset's peak memory
// must be its own) and prints the results as JSON: tokenizer training on simulated chat, then the optimisation stages
// on synthetic token ids (`benchmarkTrainingStages`).
import { trainUnigramTokenizer } from '../models/tokenizer';
import { preprocessChat } from '../models/tokenizer';
import { benchmarkTrainingStages, resolvePreset } from '../models/training';
import { simulateChat } from '../server/simulator';

const [presetName, stepsArg, messagesArg] = process.argv.slice(2);
const preset = resolvePreset(presetName!);
const messages = [
  ...simulateChat({
    seed: 5,
    ratePerSecond: 20,
    streamId: 'bench-train',
    startedAt: 0,
    minutes: Math.ceil(Number(messagesArg) / 20 / 60) + 1,
  }),
]
  .slice(0, Number(messagesArg))
  .map((m) => preprocessChat(m.text));
const tokenizerStart = performance.now();
const tokenizer = trainUnigramTokenizer(messages, {
  vocabSize: preset.tokenizer.vocabSize,
  maxPieceLength: preset.tokenizer.maxPieceLength,
});
const tokenizerSeconds = (performance.now() - tokenizerStart) / 1000;
const stages = await benchmarkTrainingStages(preset, { steps: Number(stepsArg) });
console.log(
  JSON.stringify({
    preset: preset.name,
    tokenizer: {
      messages: messages.length,
      vocabSize: tokenizer.summary.vocabSize,
      seconds: tokenizerSeconds,
      messagesPerSecond: messages.length / tokenizerSeconds,
    },
    stages,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
  }),
);
