/** Splits checked text into plain and flagged pieces, so a page can mark each finding in place. */
import type { Finding } from './types.ts';

/** A piece of the text: plain, or the words of the finding numbered `finding` (from 1). */
export interface Segment {
  text: string;
  finding: number | null;
}

/**
 * Cuts text at each finding's start and end. Findings never overlap and come sorted by start,
 * as checkText returns them; the pieces joined give back the text exactly.
 */
export function highlightSegments(text: string, findings: readonly Finding[]): Segment[] {
  const segments: Segment[] = [];
  let at = 0;
  findings.forEach((finding, index) => {
    if (finding.start < at || finding.end > text.length) return;
    if (finding.start > at) segments.push({ text: text.slice(at, finding.start), finding: null });
    segments.push({ text: text.slice(finding.start, finding.end), finding: index + 1 });
    at = finding.end;
  });
  if (at < text.length) segments.push({ text: text.slice(at), finding: null });
  return segments;
}
