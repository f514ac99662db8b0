/**
 * The self-assessment instrument: a versioned data file (instrument/v<N>.yaml) with stable item
 * ids, read and checked once. A broken file fails loudly with the place and the reason, so a
 * wording change cannot quietly drop or duplicate a statement.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';

/** The answers a statement can have, in the order forms show them. */
export const ratingValues = ['1', '2', '3', '4', '5', 'dk', 'no'] as const;
/** One answer to a statement: 1 (strongly disagree) to 5 (strongly agree), don't know, rather not say. */
export type Rating = (typeof ratingValues)[number];
/** Plain words for each answer. */
export const ratingLabels: Record<Rating, string> = {
  '1': 'Strongly disagree',
  '2': 'Disagree',
  '3': 'Neither agree nor disagree',
  '4': 'Agree',
  '5': 'Strongly agree',
  dk: "Don't know",
  no: "I'd rather not say",
};

const idPattern = /^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)?$/;
const itemId = z.string().regex(idPattern, 'ids are lower case words joined by - (and one .)');
const words = z.string().trim().min(3).max(160);

const statementSchema = z.strictObject({
  id: itemId,
  text: words,
  staffOnly: z.boolean().optional(),
});
const sectionSchema = z.strictObject({
  id: itemId,
  kind: z.enum(['principle', 'relationships']),
  title: words,
  summary: words,
  items: z
    .array(statementSchema)
    .min(3, 'a section has 3 to 5 statements')
    .max(5, 'a section has 3 to 5 statements'),
});
const barrierGroupSchema = z.strictObject({
  id: itemId,
  title: words,
  items: z.array(z.strictObject({ id: itemId, text: words })).min(1),
});

/** The shape of an instrument file. */
export const instrumentFileSchema = z
  .strictObject({
    version: z.number().int().positive(),
    title: words,
    sections: z.array(sectionSchema),
    barrierGroups: z
      .array(barrierGroupSchema)
      .length(3, 'the paper names three groups of barriers'),
  })
  .superRefine((file, ctx) => {
    const principles = file.sections.filter((s) => s.kind === 'principle').length;
    if (principles !== 10) {
      ctx.addIssue({
        code: 'custom',
        path: ['sections'],
        message: `there must be 10 principles, not ${principles}`,
      });
    }
    const seen = new Set<string>();
    const ids = [
      ...file.sections.flatMap((s) => [s.id, ...s.items.map((i) => i.id)]),
      ...file.barrierGroups.flatMap((g) => [g.id, ...g.items.map((i) => i.id)]),
    ];
    for (const id of ids) {
      if (seen.has(id))
        ctx.addIssue({
          code: 'custom',
          path: ['sections'],
          message: `the id "${id}" is used twice`,
        });
      seen.add(id);
    }
  });

/** A checked instrument. */
export type Instrument = z.infer<typeof instrumentFileSchema>;
/** One section (a principle, or relationships). */
export type Section = Instrument['sections'][number];
/** One statement people rate. */
export type Statement = Section['items'][number];

/**
 * Checks parsed instrument data.
 * @throws Error naming each problem with its place in the file
 */
export function checkInstrument(data: unknown, source = 'instrument'): Instrument {
  const result = instrumentFileSchema.safeParse(data);
  if (result.success) return result.data;
  const problems = result.error.issues.map((i) => `  ${i.path.join('.') || '(top)'}: ${i.message}`);
  throw new Error(`${source} is not a valid instrument:\n${problems.join('\n')}`);
}

const cache = new Map<number, Instrument>();

/** The newest instrument version Hearth ships. */
export const CURRENT_INSTRUMENT_VERSION = 1;

/**
 * Reads and checks an instrument version from its data file (once per process).
 * @throws Error when the file is missing or not valid
 */
export function loadInstrument(version: number = CURRENT_INSTRUMENT_VERSION): Instrument {
  const cached = cache.get(version);
  if (cached) return cached;
  const file = path.join(import.meta.dirname, 'instrument', `v${version}.yaml`);
  const instrument = checkInstrument(parse(readFileSync(file, 'utf8')), file);
  if (instrument.version !== version) {
    throw new Error(`${file} says it is version ${instrument.version}, not ${version}`);
  }
  cache.set(version, instrument);
  return instrument;
}

/** Every statement of an instrument, with its section. */
export function statementsOf(instrument: Instrument): { section: Section; item: Statement }[] {
  return instrument.sections.flatMap((section) => section.items.map((item) => ({ section, item })));
}

/** Every barrier id of an instrument. */
export function barrierIdsOf(instrument: Instrument): string[] {
  return instrument.barrierGroups.flatMap((g) => g.items.map((i) => i.id));
}
