/**
 * The staff list pages: upload an electronic staff record export, see every line and every
 * problem, then confirm to invite everyone (all or none). The confirm form carries the list
 * back as a hidden field, so nothing is kept on the server between the two steps.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest, LogLevel } from 'fastify';
import fastifyMultipart from '@fastify/multipart';
import { findTextProblem, normaliseText } from '../../../lib/text.ts';
import { errorList } from '../../../web/forms.ts';
import { actorOf, auditContextOf, checkUploadCsrf } from '../../../web/server.ts';
import type { OrganisationService } from '../service.ts';
import type { StaffListCheck } from '../staff-import.ts';

/** The largest staff list the page takes (about 2,000 lines of an ESR export). */
const UPLOAD_LIMIT = 1024 * 1024;

const messages = {
  missing: 'Select a CSV file of your staff list',
  unreadable: 'The file could not be read. Save it as CSV UTF-8 and select it again',
  tooLarge: 'The file must be smaller than 1 MB. Split the list and add it in parts',
};

type Upload =
  | { kind: 'refused' }
  | { kind: 'problem'; status: number; message: string }
  | { kind: 'text'; text: string };

async function readUpload(request: FastifyRequest, reply: FastifyReply): Promise<Upload> {
  if (!request.isMultipart()) return { kind: 'problem', status: 400, message: messages.missing };
  const parts = request.parts();
  let data: Buffer | undefined;
  try {
    const first = await parts.next();
    const token =
      !first.done && first.value.type === 'field' && first.value.fieldname === '_csrf'
        ? String(first.value.value)
        : undefined;
    if (!checkUploadCsrf(request, reply, token)) {
      request.raw.unpipe();
      request.raw.resume();
      return { kind: 'refused' };
    }
    for await (const part of parts) {
      if (part.type !== 'file') continue;
      if (part.fieldname !== 'file' || data) {
        part.file.resume();
        continue;
      }
      data = await part.toBuffer();
    }
  } catch (error) {
    request.raw.unpipe();
    request.raw.resume();
    const tooLarge = (error as { code?: unknown }).code === 'FST_REQ_FILE_TOO_LARGE';
    return tooLarge
      ? { kind: 'problem', status: 413, message: messages.tooLarge }
      : { kind: 'problem', status: 400, message: messages.unreadable };
  }
  if (!data || data.length === 0)
    return { kind: 'problem', status: 400, message: messages.missing };
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(data);
    if (findTextProblem(text))
      return { kind: 'problem', status: 400, message: messages.unreadable };
    return { kind: 'text', text: normaliseText(text) };
  } catch {
    return { kind: 'problem', status: 400, message: messages.unreadable };
  }
}

/** Registers the staff list pages. */
export function registerStaffImportRoutes(
  app: FastifyInstance,
  deps: { organisation: OrganisationService },
): void {
  const { staffImport, units } = deps.organisation;

  async function renderUpload(request: FastifyRequest, reply: FastifyReply, message?: string) {
    const { open } = await units.list(actorOf(request));
    const errors: Record<string, string> = message ? { file: message } : {};
    return reply.page('organisation/views/staff-list.njk', {
      title: 'Add staff from a staff list',
      unitNames: open.map((u) => u.name),
      errors,
      errorList: errorList(errors),
    });
  }

  function renderChecked(reply: FastifyReply, csv: string, checked: StaffListCheck) {
    const ok = checked.problems.length === 0;
    if (!ok) reply.code(400);
    return reply.page('organisation/views/staff-list-preview.njk', {
      title: ok ? 'Check the staff list' : 'There are problems in the staff list',
      csv,
      ...checked,
      ok,
    });
  }

  app.get('/admin/staff-list', async (request, reply) => renderUpload(request, reply));

  // Multipart is parsed only in this scope: every other route keeps the strict form parser.
  void app.register(async (scope) => {
    await scope.register(fastifyMultipart, {
      limits: { fileSize: UPLOAD_LIMIT, files: 1, fields: 2, parts: 3, headerPairs: 20 },
      throwFileSizeLimit: true,
    });
    const level = scope.log.level;
    const options = {
      config: { csrfFromUpload: true },
      // The multipart parser traces its options, request headers (and so cookies) among them.
      logLevel: level === 'trace' ? ('debug' as const) : (level as LogLevel),
    };
    scope.post('/admin/staff-list', options, async (request, reply) => {
      const actor = actorOf(request);
      const upload = await readUpload(request, reply);
      if (upload.kind === 'refused') return reply;
      if (upload.kind === 'problem') {
        reply.code(upload.status);
        return renderUpload(request, reply, upload.message);
      }
      return renderChecked(reply, upload.text, await staffImport.preview(actor, upload.text));
    });
  });

  app.post('/admin/staff-list/confirm', async (request, reply) => {
    const csv = (request.body as Record<string, unknown>).csv;
    if (typeof csv !== 'string' || csv === '') {
      reply.code(400);
      return renderUpload(request, reply, messages.missing);
    }
    const result = await staffImport.commit(actorOf(request), csv, auditContextOf(request));
    if (result.problems.length > 0) return renderChecked(reply, csv, result);
    return reply.page('organisation/views/staff-list-done.njk', {
      title: 'Staff invited',
      invited: result.lines.map((l, i) => ({ ...l, link: result.links[i] })),
    });
  });
}
