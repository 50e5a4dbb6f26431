/**
 * How long the offline judge takes per answer (issue 10: median under 2 ms), over the calibration answers and
 * the judge's case fixtures (off-topic, echo, padded, notes...), the inline question's included.
 * Run: node --import tsx bench/offline-judge.bench.ts
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { loadBank } from '../src/questions/load.js';
import { questionSchema } from '../src/questions/schema.js';
import { STAGE_IDS } from '../src/questions/stages.js';
import { rubricFor } from '../src/scoring/rubric.js';
import { scoreOffline } from '../src/scoring/offline/judge.js';
import type { ScoreInput } from '../src/scoring/types.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

export default async function bench(): Promise<void> {
  const bank = await loadBank({});
  const dir = join(ROOT, 'test/fixtures/calibration');
  const inputs: Array<{ name: string; input: ScoreInput; words: number }> = [];
  const cases = join(ROOT, 'test/fixtures/judge-cases');
  for (const base of [dir, cases]) {
    for (const qid of readdirSync(base)) {
      const inline = join(base, qid, 'question.yaml');
      const question = existsSync(inline) ? questionSchema.parse(parse(readFileSync(inline, 'utf8'))) : bank.questions.find((q) => q.id === qid);
      if (!question) continue;
      const rubric = rubricFor(question, bank.rubrics);
      for (const file of readdirSync(join(base, qid)).filter((f) => f !== 'question.yaml')) {
        const doc = parse(readFileSync(join(base, qid, file), 'utf8')) as { answers?: Record<string, string> };
        const answers = STAGE_IDS.map((id) => ({ id, text: String(doc.answers?.[id] ?? '') }));
        inputs.push({ name: `${qid}/${file}`, input: { question, rubric, answers, asked: [] }, words: answers.reduce((a, x) => a + x.text.split(/\s+/).length, 0) });
      }
    }
  }
  // A long answer too: the strong answers five times over (about 2,000 words).
  const strong = inputs.find((i) => i.name.endsWith('strong.yaml'));
  if (strong) {
    const long = strong.input.answers.map((a) => ({ ...a, text: Array(5).fill(a.text).join('\n') }));
    inputs.push({ name: 'long answer (5x strong)', input: { ...strong.input, answers: long }, words: strong.words * 5 });
  }
  const now = new Date();
  for (const { input } of inputs) for (let i = 0; i < 20; i++) scoreOffline(input, now); // warm up the JIT
  const rounds = 200;
  const times: number[] = [];
  let worst = { name: '', ms: 0 };
  for (const { name, input } of inputs) {
    const t0 = performance.now();
    for (let i = 0; i < rounds; i++) scoreOffline(input, now);
    const ms = (performance.now() - t0) / rounds;
    times.push(ms);
    if (ms > worst.ms) worst = { name, ms };
  }
  const cold = (() => {
    const t0 = performance.now();
    scoreOffline({ ...inputs[0]!.input, answers: inputs[0]!.input.answers.map((a) => ({ ...a, text: a.text + ' fresh words zebra quokka' })) }, now);
    return performance.now() - t0;
  })();
  const mean = times.reduce((a, b) => a + b, 0) / times.length;
  const sorted = [...times].sort((a, b) => a - b);
  console.log(`offline judge: ${inputs.length} answers x ${rounds} runs`);
  console.log(`  mean ${mean.toFixed(3)} ms per answer, median ${sorted[Math.floor(sorted.length / 2)]!.toFixed(3)} ms, slowest ${worst.ms.toFixed(3)} ms (${worst.name}); budget: median under 2 ms`);
  console.log(`  one answer with unseen words after warm-up: ${cold.toFixed(3)} ms`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await bench();
