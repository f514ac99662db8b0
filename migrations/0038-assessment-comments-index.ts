/**
 * The self-assessment results page without reading responses (issue 12, speed). A round's
 * comments are the one thing its results need from the responses themselves; this partial
 * index holds only the responses with a comment (with the group and the comment), so reading
 * them never touches a response's answers. Responses without a comment are not in it at all.
 * Depends only on migration 0021 (assessment).
 */
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { dialectOf } from '../src/db/dialect.ts';

export async function up(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) === 'postgres') {
    await sql`create index assessment_responses_comments on assessment_responses
      (organisation_id, round_id, id) include (respondent_group, comment)
      where comment is not null`.execute(db);
  } else {
    await sql`create index assessment_responses_comments on assessment_responses
      (organisation_id, round_id, id, respondent_group, comment)
      where comment is not null`.execute(db);
  }
}
