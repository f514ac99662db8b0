/**
 * Server only: loads wink-nlp with its English lite model and tags a short passage with
 * sentence numbers, parts of speech and lemmas, each token carrying its offsets in the passage.
 * The model is several megabytes, so it never goes into the browser bundle.
 */
import { createRequire } from 'node:module';

/** One word or mark of a tagged passage; offsets are UTF-16 indexes into the passage. */
export interface TaggedToken {
  start: number;
  end: number;
  /** The token as written, lower-cased. */
  norm: string;
  /** Universal part-of-speech tag (NOUN, VERB, ADJ, NUM, PUNCT …). */
  pos: string;
  /** The dictionary form ("related" → "relate"). */
  lemma: string;
  /** Which sentence of the passage the token is in, from 0. */
  sentence: number;
}

/** Tags passages; throws only on a fault inside the library. */
export interface Tagger {
  tag(passage: string): TaggedToken[];
}

/** The model npm package to load, unless HEARTH_NLP_MODEL names another (or a path). */
export const DEFAULT_NLP_MODEL = 'wink-eng-lite-web-model';

// The small part of wink-nlp's API used here (its own types are far wider).
interface WinkCollection {
  out(as?: unknown): string[];
  each(fn: (item: WinkSentence, index: number) => void): void;
}
interface WinkSentence {
  tokens(): WinkCollection;
}
interface WinkDoc {
  sentences(): WinkCollection;
}
interface WinkNlp {
  readDoc(text: string): WinkDoc;
  its: { pos: unknown; lemma: unknown; value: unknown };
}

const require = createRequire(import.meta.url);

/**
 * Loads the library and model (about a second, once per process) and returns a tagger.
 * Throws when either cannot be loaded, for example a model name that is not installed.
 */
export function loadWinkTagger(
  modelName: string = process.env.HEARTH_NLP_MODEL ?? DEFAULT_NLP_MODEL,
): Tagger {
  const winkNlp = require('wink-nlp') as (model: unknown, pipe: string[]) => WinkNlp;
  const model: unknown = require(modelName);
  // Sentence boundaries and parts of speech only: no entities, negation or sentiment.
  const nlp = winkNlp(model, ['sbd', 'pos']);
  const { its } = nlp;
  return {
    tag(passage: string): TaggedToken[] {
      const out: TaggedToken[] = [];
      let cursor = 0;
      let lost = false;
      nlp
        .readDoc(passage)
        .sentences()
        .each((sentence, index) => {
          if (lost) return;
          const tokens = sentence.tokens();
          const values = tokens.out(its.value);
          const tags = tokens.out(its.pos);
          const lemmas = tokens.out(its.lemma);
          for (let k = 0; k < values.length; k++) {
            const value = values[k] as string;
            const start = passage.indexOf(value, cursor);
            // A token not found where expected (the library rewrote it): stop, keep what is sure.
            if (start === -1 || passage.slice(cursor, start).trim() !== '') {
              lost = true;
              return;
            }
            cursor = start + value.length;
            out.push({
              start,
              end: cursor,
              norm: value.toLowerCase(),
              pos: tags[k] ?? 'X',
              lemma: (lemmas[k] ?? value).toLowerCase(),
              sentence: index,
            });
          }
        });
      return out;
    },
  };
}
