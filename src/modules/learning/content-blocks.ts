/**
 * A course section's text as blocks (the paragraphs, headings and lists between blank lines),
 * each with a stable id, so an organisation can keep its own accepted wording for one block
 * while the shared Markdown file stays as it is. Guarantees: a block's id comes from its words,
 * so adding or moving other paragraphs in the file does not move an accepted change onto the
 * wrong paragraph; when the file's words for a block change, the old change no longer matches
 * and the file's new words show (docs/learning.md, "Partners' suggestions").
 */
import { createHash } from 'node:crypto';
import { renderCourseMarkdown } from './content.ts';

/** The block id that stands for the whole section's text. */
export const WHOLE_SECTION = 'section';

/** One block of a section as an organisation sees it. */
export interface TextBlock {
  id: string;
  /** The organisation's words for it (Markdown). */
  text: string;
  /** True when the organisation accepted a change to it. */
  changed: boolean;
}

/** An organisation's accepted words, keyed by block id (WHOLE_SECTION for the whole text). */
export type Overrides = ReadonlyMap<string, string>;

/** Splits Markdown into blocks with ids made from their words (a repeat gets -2, -3, …). */
export function splitBlocks(markdown: string): { id: string; text: string }[] {
  const seen = new Map<string, number>();
  return markdown
    .replace(/\r\n/g, '\n')
    .split(/\n[ \t]*\n/)
    .map((b) => b.trim())
    .filter((b) => b !== '')
    .map((text) => {
      const hash = createHash('sha256').update(text).digest('hex').slice(0, 10);
      const n = (seen.get(hash) ?? 0) + 1;
      seen.set(hash, n);
      return { id: n === 1 ? `b-${hash}` : `b-${hash}-${n}`, text };
    });
}

/**
 * The blocks of a section for one organisation: the whole-section change if accepted (else the
 * file), then each block's own accepted change.
 */
export function blocksFor(fileMarkdown: string, overrides: Overrides): TextBlock[] {
  const base = overrides.get(WHOLE_SECTION) ?? fileMarkdown;
  return splitBlocks(base).map((b) => {
    const own = overrides.get(b.id);
    return { id: b.id, text: own ?? b.text, changed: own !== undefined };
  });
}

/** The organisation's whole section text as Markdown. */
export function markdownFor(fileMarkdown: string, overrides: Overrides): string {
  return blocksFor(fileMarkdown, overrides)
    .map((b) => b.text)
    .join('\n\n');
}

/** The organisation's section as HTML, rendered like the files (raw HTML off). */
export function htmlFor(fileMarkdown: string, overrides: Overrides): string {
  return renderCourseMarkdown(markdownFor(fileMarkdown, overrides));
}
