/**
 * Throughput of the language checker against alex on the same synthetic notes, in one run.
 * Usage: npm run bench:language
 * Prints a table and, as the last line, one JSON object with the figures.
 */
import { cpus } from 'node:os';
import { text as alexText } from 'alex';
import { checkText } from '../src/modules/language/index.ts';

const MB = 1024 * 1024;

// Invented note fragments: some with wording the checker flags, most without.
const FRAGMENTS = [
  'Slept well and ate breakfast with the group.',
  'Refused her depot again and said the injection site is still sore.',
  'He was non-compliant with olanzapine over the weekend.',
  'Attended the art group and talked about her cat.',
  'Kicked off in the lounge when the phone was taken away.',
  'Denies thoughts of self-harm; mood 5/10.',
  'Mr A said, "I just want to go home and see my dog."',
  'Known to services since 2015; last seen by the CMHT in March.',
  'Bloods taken: FBC, U&Es, LFTs; ECG normal sinus rhythm.',
  'She describes the voices as quieter since the dose was increased.',
  'Aggressive lymphoma, under oncology; she is anxious about chemotherapy.',
  'A frequent flyer at the emergency department on Friday nights.',
  'Placed on level 2 observations after the ligature incident.',
  'Her mother called her lazy when she was a child.',
  'Has a diagnosis of schizophrenia and works as a postman.',
  "Reports 'hearing voices' but was laughing with peers.",
  'Home treatment team to visit daily for the first week.',
  'Discussed the plan with her sister, who will stay over tonight.',
  'Absent without leave under section 18 since 16:00; police informed.',
  'Pharmacy will look at a liquid preparation she may find easier.',
];

/** A small seeded generator, so every run benchmarks the same text. */
function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** Builds `bytes` characters of notes: paragraphs of three to six fragments. */
function buildCorpus(bytes: number): string {
  const random = createRandom(42);
  const parts: string[] = [];
  let length = 0;
  while (length < bytes) {
    const count = 3 + Math.floor(random() * 4);
    const sentences: string[] = [];
    for (let i = 0; i < count; i++) {
      sentences.push(FRAGMENTS[Math.floor(random() * FRAGMENTS.length)] as string);
    }
    const paragraph = `${sentences.join(' ')}\n\n`;
    parts.push(paragraph);
    length += paragraph.length;
  }
  return parts.join('').slice(0, bytes);
}

function measure(
  run: () => number,
  megabytes: number,
): { mbPerS: number; seconds: number; findings: number } {
  const started = performance.now();
  const findings = run();
  const seconds = (performance.now() - started) / 1000;
  return { mbPerS: megabytes / seconds, seconds, findings };
}

function round(x: number, places = 2): number {
  const f = 10 ** places;
  return Math.round(x * f) / f;
}

function runBenchmark(): void {
  const corpus = buildCorpus(10 * MB);
  const oneMb = corpus.slice(0, MB);
  const alexSample = corpus.slice(0, 200 * 1024);
  // Warm up the JIT and compile the lexicon before timing.
  checkText(corpus.slice(0, 256 * 1024));
  alexText(corpus.slice(0, 8 * 1024));
  const small = measure(() => checkText(oneMb).length, 1);
  const large = measure(() => checkText(corpus).length, 10);
  const alex = measure(() => alexText(alexSample).messages.length, 0.2);
  const rows: [string, string, number, number, number][] = [
    ['hearth checkText', '1 MB', small.seconds, small.mbPerS, small.findings],
    ['hearth checkText', '10 MB', large.seconds, large.mbPerS, large.findings],
    ['alex (plain text)', '200 KB', alex.seconds, alex.mbPerS, alex.findings],
  ];
  console.log(`Language checker benchmark (Node ${process.version}, ${cpus()[0]?.model ?? 'cpu'})`);
  console.log('checker              input    seconds     MB/s   findings');
  for (const [name, size, seconds, rate, findings] of rows) {
    console.log(
      `${name.padEnd(21)}${size.padEnd(7)}${seconds.toFixed(3).padStart(9)}${rate.toFixed(2).padStart(9)}${String(findings).padStart(11)}`,
    );
  }
  console.log(
    `speed-up over alex: ${(large.mbPerS / alex.mbPerS).toFixed(0)}x; 10 MB vs 1 MB throughput ratio ${(large.mbPerS / small.mbPerS).toFixed(2)} (1.00 = linear)`,
  );
  console.log(
    'alex is measured on a 200 KB sample of the same corpus because it is slow; figures are per MB.',
  );
  console.log(
    JSON.stringify({
      mb_per_s: round(large.mbPerS),
      alex_mb_per_s: round(alex.mbPerS, 3),
      speedup_vs_alex: round(large.mbPerS / alex.mbPerS, 1),
      mb_per_s_1mb: round(small.mbPerS),
      mb_per_s_10mb: round(large.mbPerS),
    }),
  );
}

runBenchmark();
