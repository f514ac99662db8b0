/** The MHSDS-shaped export and the import page (upload, check, all rows or none). */
import type { FastifyInstance, FastifyReply, FastifyRequest, LogLevel } from 'fastify';
import fastifyMultipart from '@fastify/multipart';
import { actorOf, auditContextOf, checkUploadCsrf } from '../../../web/server.ts';
import { errorList } from '../../../web/forms.ts';
import { findTextProblem, normaliseText } from '../../../lib/text.ts';
import { toCsv } from '../csv.ts';
import { rangeOf } from '../dashboard-page.ts';
import type { ForceWebDeps } from './common.ts';
import { queryOf, sendCsv } from './common.ts';

/** The largest file the import page takes; larger files go through `hearth force import`. */
export const IMPORT_UPLOAD_LIMIT = 20 * 1024 * 1024;
/** How many problems the import page lists; the rest are counted. */
export const IMPORT_PROBLEMS_SHOWN = 200;
/** How many problems the download holds (it travels inside the page, so nothing is stored). */
export const IMPORT_PROBLEMS_DOWNLOADED = 10_000;

/** What the import page says about a file it could not take (NHS file upload wording). */
const uploadMessages = {
  missing: 'Select a CSV file to import',
  empty: 'The selected file is empty',
  notCsv: 'The selected file must be a CSV file, such as the one Hearth exports',
  notUtf8:
    'The selected file must be saved as CSV UTF-8. In a spreadsheet, use Save As and choose "CSV UTF-8 (comma delimited)"',
  tooLarge:
    'The selected file must be smaller than 20 MB. Split it into smaller files, or ask for it to be imported with the command line',
  unreadable: 'The selected file could not be uploaded. Try again',
  noRows: 'The selected file has a header row but no rows under it, so there was nothing to import',
} as const;

/** What an upload turned out to be. */
type Upload =
  | { kind: 'file'; data: Buffer }
  | { kind: 'problem'; status: 400 | 413; message: string }
  | { kind: 'refused' };

// Spreadsheet workbooks (zip, or the older compound file) and UTF-16 text start with these.
const NOT_CSV_STARTS = [
  Buffer.from([0x50, 0x4b, 0x03, 0x04]),
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
];
const UTF16_STARTS = [Buffer.from([0xff, 0xfe]), Buffer.from([0xfe, 0xff])];

/** True when the start of a file has bytes no text file has (NUL and other control codes). */
function looksBinary(data: Buffer): boolean {
  const end = Math.min(data.length, 8192);
  for (let i = 0; i < end; i++) {
    const b = data[i] ?? 0;
    if ((b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0c && b !== 0x0d) || b === 0x7f)
      return true;
  }
  return false;
}

/** Turns an uploaded file into text, or says in plain words why it is not a CSV file. */
export function decodeUpload(
  data: Buffer,
): { ok: true; text: string } | { ok: false; message: string } {
  if (UTF16_STARTS.some((start) => data.subarray(0, start.length).equals(start)))
    return { ok: false, message: uploadMessages.notUtf8 };
  if (
    NOT_CSV_STARTS.some((start) => data.subarray(0, start.length).equals(start)) ||
    looksBinary(data) ||
    data.includes(0)
  )
    return { ok: false, message: uploadMessages.notCsv };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(data);
  } catch {
    return { ok: false, message: uploadMessages.notUtf8 };
  }
  if (text.trim() === '') return { ok: false, message: uploadMessages.empty };
  if (findTextProblem(text)) return { ok: false, message: uploadMessages.notCsv };
  return { ok: true, text: normaliseText(text) };
}

/** Stops reading an upload that will not be used: the rest of it is received and dropped. */
function discardRest(request: FastifyRequest): void {
  request.raw.unpipe();
  request.raw.resume();
}

/**
 * Reads the import form's upload into memory (never to disk). The CSRF token must be the first
 * field, and is checked before any of the file is read.
 */
async function readUpload(request: FastifyRequest, reply: FastifyReply): Promise<Upload> {
  // A form sent without a file is not multipart; its token was checked like any other form's.
  if (!request.isMultipart())
    return { kind: 'problem', status: 400, message: uploadMessages.missing };
  const parts = request.parts();
  let data: Buffer | undefined;
  let named = false;
  try {
    const first = await parts.next();
    const token =
      !first.done &&
      first.value.type === 'field' &&
      first.value.fieldname === '_csrf' &&
      typeof first.value.value === 'string'
        ? first.value.value
        : undefined;
    if (!checkUploadCsrf(request, reply, token)) {
      discardRest(request);
      return { kind: 'refused' };
    }
    for await (const part of parts) {
      if (part.type !== 'file') continue;
      if (part.fieldname !== 'file' || data) {
        part.file.resume();
        continue;
      }
      // Browsers send an empty part with no name when no file was chosen.
      named = part.filename !== '';
      data = await part.toBuffer();
    }
  } catch (error) {
    discardRest(request);
    const code = (error as { code?: unknown }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE')
      return { kind: 'problem', status: 413, message: uploadMessages.tooLarge };
    request.log.info({ code }, 'could not read an upload');
    return { kind: 'problem', status: 400, message: uploadMessages.unreadable };
  }
  if (!data || (!named && data.length === 0))
    return { kind: 'problem', status: 400, message: uploadMessages.missing };
  if (data.length === 0) return { kind: 'problem', status: 400, message: uploadMessages.empty };
  return { kind: 'file', data };
}

const wholeCount = (v: string | undefined) => (v && /^\d{1,9}$/.test(v) ? Number(v) : null);
const formatCount = (n: number) => n.toLocaleString('en-GB');

/** Registers the export and the import page. */
export function registerTransferRoutes(app: FastifyInstance, { force, clock }: ForceWebDeps) {
  app.get('/force/export.csv', async (request, reply) => {
    const actor = actorOf(request);
    const query = queryOf(request);
    const range = rangeOf({ from: query.from ?? '2000-01', to: query.to }, clock());
    const shape = query.shape === 'incidents' || query.shape === 'types' ? query.shape : 'combined';
    const csv = await force.transfer.exportCsv(actor, range, shape, auditContextOf(request));
    return sendCsv(reply, `use-of-force-mhsds-${shape}.csv`, csv);
  });

  function renderImport(reply: FastifyReply, extra: Record<string, unknown> = {}) {
    return reply.page('force/views/import.njk', {
      title: 'Import use-of-force records',
      errors: {},
      ...extra,
    });
  }

  function uploadProblem(reply: FastifyReply, status: number, message: string) {
    reply.code(status);
    return renderImport(reply, {
      errors: { file: message },
      errorList: errorList({ file: message }),
    });
  }

  app.get('/force/import', async (request, reply) => {
    const query = queryOf(request);
    const counts = {
      rows: wholeCount(query.rows),
      created: wholeCount(query.created),
      updated: wholeCount(query.updated),
      unchanged: wholeCount(query.unchanged),
    };
    const shown = query.imported === '1' && Object.values(counts).every((n) => n !== null);
    const imported = shown
      ? {
          rows: formatCount(counts.rows ?? 0),
          oneRow: counts.rows === 1,
          created: formatCount(counts.created ?? 0),
          updated: formatCount(counts.updated ?? 0),
          anyUpdated: (counts.updated ?? 0) > 0,
          unchanged: formatCount(counts.unchanged ?? 0),
        }
      : null;
    return renderImport(reply, imported ? { imported, title: 'Import complete' } : {});
  });

  // Multipart bodies are parsed only in this scope, for this one route: every other route keeps
  // the strict form parser, and a multipart body sent to them is refused (415).
  void app.register(async (scope) => {
    await scope.register(fastifyMultipart, {
      limits: {
        fileSize: IMPORT_UPLOAD_LIMIT,
        files: 1,
        fields: 2,
        parts: 3,
        fieldNameSize: 100,
        fieldSize: 1024,
        headerPairs: 20,
      },
      throwFileSizeLimit: true,
    });

    // The multipart parser traces its options, request headers (and so cookies) among them.
    const level = scope.log.level;
    const options = {
      config: { csrfFromUpload: true },
      logLevel: level === 'trace' ? ('debug' as const) : (level as LogLevel),
    };
    scope.post('/force/import', options, async (request, reply) => {
      const actor = actorOf(request);
      const upload = await readUpload(request, reply);
      if (upload.kind === 'refused') return reply;
      if (upload.kind === 'problem') return uploadProblem(reply, upload.status, upload.message);
      const decoded = decodeUpload(upload.data);
      if (!decoded.ok) return uploadProblem(reply, 400, decoded.message);
      const result = await force.transfer.importCsv(actor, decoded.text, auditContextOf(request));
      if (result.ok && result.rows === 0) return uploadProblem(reply, 400, uploadMessages.noRows);
      if (result.ok) {
        const { rows, created, updated, unchanged } = result;
        return reply.redirect(
          `/force/import?imported=1&rows=${rows}&created=${created}&updated=${updated}&unchanged=${unchanged}`,
          303,
        );
      }
      const total = result.problems.length;
      const download = result.problems.slice(0, IMPORT_PROBLEMS_DOWNLOADED);
      const message = `Nothing was imported. Correct the ${total === 1 ? 'problem' : `${formatCount(total)} problems`} listed, then select the file again`;
      reply.code(400);
      return renderImport(reply, {
        errors: { file: message },
        problems: {
          total: formatCount(total),
          one: total === 1,
          where:
            result.rows === 0
              ? 'in the file'
              : `in its ${formatCount(result.rows)} ${result.rows === 1 ? 'row' : 'rows'}`,
          list: result.problems
            .slice(0, IMPORT_PROBLEMS_SHOWN)
            .map((p) => ({ text: `Line ${p.line}: ${p.reason}` })),
          more: total > IMPORT_PROBLEMS_SHOWN ? formatCount(total - IMPORT_PROBLEMS_SHOWN) : null,
          shown: formatCount(Math.min(total, IMPORT_PROBLEMS_SHOWN)),
          // Built from the problems alone (line numbers and reasons), inside the page, so the
          // upload is never kept to serve it later.
          downloadHref:
            total > IMPORT_PROBLEMS_SHOWN
              ? `data:text/csv;charset=utf-8;base64,${Buffer.from(
                  toCsv(
                    ['Line', 'Problem'],
                    download.map((p) => ({ Line: p.line, Problem: p.reason })),
                  ),
                ).toString('base64')}`
              : null,
          downloadCount: formatCount(download.length),
          downloadPartial: total > download.length,
        },
      });
    });
  });
}
