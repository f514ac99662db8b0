/**
 * CPU time of the language checker on the benchmark's 10 MB text, for before/after figures on a
 * busy machine (CPU seconds of this process move less than wall time when other work runs).
 * Usage: npm exec -- node bench/language-cpu.ts [--full] [--dense] [--mb 10] [--runs 3]
 * --full times the server's checker (lexicon and NLP layers) instead of the lexicon layer;
 * --dense reads the label-dense corpus. Run under `node --cpu-prof` to see where time goes.
 */
import { checkText, createFullChecker } from '../src/modules/language/index.ts';
import { MB, buildCorpus } from './language-corpus.ts';

const args = process.argv.slice(2);
function arg(name: string, fallback: string): string {
  const i = args.indexOf(`--${name}`);
  return (i >= 0 ? args[i + 1] : undefined) ?? fallback;
}

const megabytes = Number(arg('mb', '10'));
const runs = Number(arg('runs', '3'));
const corpus = buildCorpus(megabytes * MB, args.includes('--dense'));
const check = args.includes('--full') ? createFullChecker() : (t: string) => checkText(t);
check(corpus.slice(0, 256 * 1024));
const rates: number[] = [];
for (let r = 0; r < runs; r++) {
  const before = process.cpuUsage();
  const findings = check(corpus).length;
  const used = process.cpuUsage(before);
  const cpuSeconds = (used.user + used.system) / 1e6;
  rates.push(megabytes / cpuSeconds);
  console.log(`run ${r + 1}: ${cpuSeconds.toFixed(3)} CPU s, ${findings} findings`);
}
rates.sort((a, b) => a - b);
console.log(
  `${args.includes('--full') ? 'full' : 'lexicon'}${args.includes('--dense') ? ', label-dense' : ''}, ${megabytes} MB: ` +
    `median ${(rates[Math.floor(runs / 2)] as number).toFixed(2)} MB per CPU second (best ${(rates[runs - 1] as number).toFixed(2)})`,
);
