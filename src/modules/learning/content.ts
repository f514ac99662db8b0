/**
 * The built-in course "Trauma-informed practice": one Markdown file per section in course/,
 * each with YAML front matter giving its title, length, the topics it serves and its questions.
 * Guarantees: Markdown is rendered with raw HTML turned off, so no file can put markup or
 * script on a page; a file with broken front matter, or a question without exactly one right
 * answer, stops loading with the file and line named (`hearth learning check` and the server
 * start both load it).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import MarkdownIt from 'markdown-it';
import { isMap, isScalar, isSeq, parseDocument } from 'yaml';
import type { Node } from 'yaml';
import { SECTION_FIGURE_KEYS } from './unit-figures.ts';

/** The folder the course files live in. */
export const COURSE_DIR = fileURLToPath(new URL('./course/', import.meta.url));

/** One answer a question offers. */
export interface CourseOption {
  text: string;
  right: boolean;
  /** Why this answer is or is not the best one, shown after answering. */
  why: string;
}

/** One single-best-answer question. */
export interface CourseQuestion {
  id: string;
  ask: string;
  options: CourseOption[];
}

/** One section of the course. */
export interface CourseSection {
  id: string;
  title: string;
  minutes: number;
  /** The section's text as HTML (from Markdown, raw HTML off). */
  html: string;
  /** The section's Markdown as written in the file (organisations' accepted changes apply to it). */
  markdown: string;
  /** Plain text of the section and its questions, for the language checks. */
  words: string[];
  questions: CourseQuestion[];
  /** The unit figures shown beside the section (keys from SECTION_FIGURE_KEYS). */
  figures: string[];
  file: string;
}

/** The whole course. */
export interface Course {
  sections: CourseSection[];
  minutes: number;
}

/** A problem in a course file, with where it is. */
export class CourseFileError extends Error {
  readonly file: string;
  readonly line: number;
  constructor(file: string, line: number, text: string) {
    super(`${file}:${line}: ${text}`);
    this.name = 'CourseFileError';
    this.file = file;
    this.line = line;
  }
}

const markdown = new MarkdownIt({ html: false, linkify: false, typographer: false });

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text[i] === '\n') line++;
  return line;
}

/** Renders course Markdown as the files are rendered: raw HTML off, so text cannot add markup. */
export function renderCourseMarkdown(text: string): string {
  return markdown.render(text);
}

/** Reads one course file; throws CourseFileError naming the file and line of the first problem. */
export function parseSectionFile(file: string, source: string): CourseSection {
  const name = basename(file);
  const text = source.replace(/\r\n/g, '\n');
  if (!text.startsWith('---\n'))
    throw new CourseFileError(name, 1, 'the file needs front matter, starting with a line of ---');
  const end = text.indexOf('\n---\n', 4);
  if (end < 0) throw new CourseFileError(name, 1, 'the front matter has no closing line of ---');
  const front = text.slice(4, end + 1);
  const body = text.slice(end + 5);
  // Lines inside the front matter are one below the file's (the opening --- is line 1).
  const at = (node: Node | null | undefined) =>
    node?.range ? lineAt(front, node.range[0]) + 1 : 2;
  const doc = parseDocument(front, { prettyErrors: true });
  const error = doc.errors[0];
  if (error) {
    const line = (error.linePos?.[0]?.line ?? 1) + 1;
    throw new CourseFileError(name, line, `the front matter cannot be read: ${error.code}`);
  }
  const root: unknown = doc.contents;
  if (!isMap(root)) throw new CourseFileError(name, 2, 'the front matter needs keys and values');
  const str = (key: string): string => {
    const value: unknown = root.get(key);
    if (typeof value !== 'string' || value.trim() === '')
      throw new CourseFileError(name, at(root.get(key, true) as Node), `"${key}" is missing`);
    return value.trim();
  };
  const id = str('id');
  const title = str('title');
  const minutes = root.get('minutes');
  if (typeof minutes !== 'number' || !Number.isInteger(minutes) || minutes < 1 || minutes > 120)
    throw new CourseFileError(
      name,
      at(root.get('minutes', true) as Node),
      '"minutes" needs a whole number from 1 to 120',
    );
  const figures = readFigures(name, root.get('figures', true) as Node | undefined, at);
  const list = root.get('questions', true);
  if (!isSeq(list) || list.items.length === 0)
    throw new CourseFileError(name, at(list as Node), '"questions" needs at least one question');
  const seen = new Set<string>();
  const questions = list.items.map((item, qi): CourseQuestion => {
    const where = at(item as Node);
    if (!isMap(item))
      throw new CourseFileError(name, where, `question ${qi + 1} needs "ask" and "options"`);
    const ask = item.get('ask');
    if (typeof ask !== 'string' || ask.trim() === '')
      throw new CourseFileError(name, where, `question ${qi + 1} has no "ask"`);
    const qid = `${id}-${qi + 1}`;
    const options = item.get('options', true);
    if (!isSeq(options) || options.items.length < 4 || options.items.length > 6)
      throw new CourseFileError(
        name,
        at(options as Node) || where,
        `question ${qi + 1} needs 4 to 6 options`,
      );
    const parsed = options.items.map((o, oi): CourseOption => {
      const line = at(o as Node);
      if (!isMap(o))
        throw new CourseFileError(
          name,
          line,
          `option ${oi + 1} of question ${qi + 1} needs "text" and "why"`,
        );
      const optionText = o.get('text');
      const why = o.get('why');
      const right = o.get('right');
      if (typeof optionText !== 'string' || optionText.trim() === '')
        throw new CourseFileError(
          name,
          line,
          `option ${oi + 1} of question ${qi + 1} has no "text"`,
        );
      if (typeof why !== 'string' || why.trim() === '')
        throw new CourseFileError(
          name,
          line,
          `option ${oi + 1} of question ${qi + 1} has no "why" explanation`,
        );
      if (right !== undefined && typeof right !== 'boolean')
        throw new CourseFileError(
          name,
          line,
          `"right" in option ${oi + 1} of question ${qi + 1} is true or false`,
        );
      return { text: optionText.trim(), why: why.trim(), right: right === true };
    });
    const rights = parsed.filter((o) => o.right).length;
    if (rights !== 1)
      throw new CourseFileError(
        name,
        where,
        `question ${qi + 1} has ${rights} right answers; it needs exactly one`,
      );
    if (seen.has(ask.trim()))
      throw new CourseFileError(name, where, `question ${qi + 1} is asked twice`);
    seen.add(ask.trim());
    return { id: qid, ask: ask.trim(), options: parsed };
  });
  if (body.trim() === '')
    throw new CourseFileError(
      name,
      lineAt(text, end + 5),
      'the section has no text under the front matter',
    );
  return {
    id,
    title,
    minutes,
    html: markdown.render(body),
    markdown: body.trim(),
    words: [
      title,
      body,
      ...questions.flatMap((q) => [q.ask, ...q.options.flatMap((o) => [o.text, o.why])]),
    ],
    questions,
    figures,
    file: name,
  };
}

/** The optional `figures:` list: known keys, each once. */
function readFigures(
  name: string,
  node: Node | undefined,
  at: (node: Node | null | undefined) => number,
): string[] {
  if (node === undefined) return [];
  if (!isSeq(node))
    throw new CourseFileError(name, at(node), '"figures" needs a list, for example [force.rate]');
  const known: readonly string[] = SECTION_FIGURE_KEYS;
  const keys: string[] = [];
  for (const item of node.items) {
    const value = isScalar(item) ? item.value : undefined;
    if (typeof value !== 'string' || !known.includes(value))
      throw new CourseFileError(
        name,
        at(item as Node),
        `"figures" may name only ${known.join(', ')}; ${JSON.stringify(value ?? null)} is not one of them`,
      );
    if (keys.includes(value))
      throw new CourseFileError(name, at(item as Node), `the figure ${value} is named twice`);
    keys.push(value);
  }
  return keys;
}

/** Reads every course file in a folder, in file-name order; throws on the first problem. */
export function readCourse(dir: string = COURSE_DIR): Course {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.md'))
    .sort();
  const sections = files.map((f) => parseSectionFile(f, readFileSync(join(dir, f), 'utf8')));
  const ids = new Set<string>();
  for (const s of sections) {
    if (ids.has(s.id)) throw new CourseFileError(s.file, 2, `the id "${s.id}" is used twice`);
    ids.add(s.id);
  }
  if (sections.length === 0) throw new CourseFileError(dir, 1, 'there are no course files');
  return { sections, minutes: sections.reduce((n, s) => n + s.minutes, 0) };
}

let loaded: Course | undefined;

/** The course, read once per process (a broken file stops the server here). */
export function loadCourse(): Course {
  loaded ??= readCourse();
  return loaded;
}

/**
 * For `hearth learning check`: every file's first problem, or none.
 * @returns one line per broken file, "file:line: problem"
 */
export function checkCourseFiles(dir: string = COURSE_DIR): string[] {
  const problems: string[] = [];
  for (const f of readdirSync(dir)
    .filter((n) => n.endsWith('.md'))
    .sort()) {
    try {
      parseSectionFile(f, readFileSync(join(dir, f), 'utf8'));
    } catch (error) {
      if (error instanceof CourseFileError) problems.push(error.message);
      else throw error;
    }
  }
  return problems;
}
