/**
 * Printed documents over HTTP: the standard forms of a dossier (PDF), the forms of a guidance or
 * refusal recorded at intake (Mẫu 02/03, PDF), and the register of a service point (PDF or XLSX).
 *
 * Which form set applies is decided by the dossier's receipt date (docs/forms.md §1): a dossier
 * received before 1 July 2025 prints the TT 01/2018 forms 01–06, later ones the 2025 set 01–07.
 * A form the dossier has not reached (04 before any apology, 01 before receipt, 07 in the 2018 set)
 * answers 404 DOSSIER_FORM_NOT_AVAILABLE. Reading a form is a personal-data read: the dossier
 * service checks the caller's scope and audits it, as for `GET /api/v1/dossiers/{code}`.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { Type } from 'typebox';
import type { Clock } from '../../kernel/clock.ts';
import { FORM_NUMBERS, type FormNo } from '../dossiers/domain/forms.ts';
import type { DossierService } from '../dossiers/dossiers.service.ts';
import { formSetById, renderForm, renderFormFor } from './forms/index.ts';
import { renderRegisterXlsx } from './register-xlsx.ts';

/** Options of the documents plugin. */
export interface DocumentRoutesOptions {
  readonly dossiers: DossierService;
  readonly clock: Clock;
  /** MOTCUA_PUBLIC_URL: the QR code of Mẫu 01 printed at the counter opens `<base>/tra-cuu/<code>?token=…`. */
  readonly publicBaseUrl?: string | undefined;
}

const LocalDate = Type.String({
  pattern: '^\\d{4}-\\d{2}-\\d{2}$',
  description: 'Local date YYYY-MM-DD (UTC+7)',
});

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A file name safe in a Content-Disposition header (dossier codes are `[A-Z0-9.-]`). */
function fileName(base: string, ext: string): string {
  return `${base.replace(/[^A-Za-z0-9._-]/g, '_')}.${ext}`;
}

function sendPdf(reply: FastifyReply, pdf: Buffer, name: string): FastifyReply {
  return reply
    .type('application/pdf')
    .header('content-disposition', `inline; filename="${fileName(name, 'pdf')}"`)
    .send(pdf);
}

/** Registers the document routes (forms and registers). */
export async function documentRoutes(app: FastifyInstance, options: DocumentRoutesOptions): Promise<void> {
  const { dossiers, clock } = options;

  app.get(
    '/api/v1/dossiers/:code/forms/:formNo.pdf',
    {
      config: { permission: 'dossiers.read' },
      schema: {
        tags: ['documents'],
        summary: 'A standard form of the dossier as PDF (set by receipt date; personal-data read is audited)',
        description:
          'Form numbers: TT 01/2018 set (received before 2025-07-01) 01 receipt, 02 supplement request, 03 refusal, ' +
          '04 apology, 05 control slip, 06 register; 2025 set 01–03 as before, 04 apology and extension, 05 stop notice, ' +
          '06 control slip, 07 register. A form the dossier has not reached (e.g. 04 before any apology) or that its set ' +
          'does not have → 404 DOSSIER_FORM_NOT_AVAILABLE. Scope as for GET /api/v1/dossiers/{code}.',
        params: Type.Object({
          code: Type.String({ minLength: 1, maxLength: 100 }),
          formNo: Type.String({ enum: [...FORM_NUMBERS], description: 'Two digits, 01–07' }),
        }),
      },
    },
    async (request, reply) => {
      const { code, formNo } = request.params as { code: string; formNo: FormNo };
      const form = await dossiers.form(request.actor!, code, formNo, clock.now(), {}, options.publicBaseUrl);
      const pdf = await renderForm(formSetById(form.setName).id, formNo, form.viewModel);
      return sendPdf(reply, pdf, `${code}-mau-${formNo}`);
    },
  );

  app.get(
    '/api/v1/intake-records/:id/form.pdf',
    {
      config: { permission: 'dossiers.read' },
      schema: {
        tags: ['documents'],
        summary: 'Mẫu 02 (guidance) or Mẫu 03 (refusal) of an intake that made no dossier, as PDF (audited)',
        description:
          'The id is the `guidanceId` of a 422 DOSSIER_INCOMPLETE answer or the `id` of POST /api/v1/intake-refusals. ' +
          'Readable within the scope of the service point that recorded it.',
        params: Type.Object({
          id: Type.String({ pattern: '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' }),
        }),
      },
    },
    async (request, reply) => {
      const { id } = request.params as { id: string };
      const record = await dossiers.intakeForm(request.actor!, id, clock.now());
      const rendered = await renderFormFor(record.receivedOn, record.viewModel);
      return sendPdf(reply, rendered.pdf, `mau-${rendered.form.no}-${id.slice(0, 8)}`);
    },
  );

  app.get(
    '/api/v1/registers',
    {
      config: { permission: 'dossiers.read' },
      schema: {
        tags: ['documents'],
        summary: 'The register (Sổ theo dõi hồ sơ) of a service point for a local-date range, as PDF or XLSX',
        description:
          'Dossiers received at the service point from `from` to `to` (inclusive, local dates). Scope: clerks their ' +
          'service point, managers and auditors their unit subtree. The PDF uses the form set in force on `to` ' +
          '(Mẫu 06 of TT 01/2018, Mẫu 07 of 2025). Reading it is a personal-data read (audited).',
        querystring: Type.Object(
          {
            servicePoint: Type.String({ minLength: 1, maxLength: 64 }),
            from: LocalDate,
            to: LocalDate,
            format: Type.String({ enum: ['pdf', 'xlsx'], default: 'pdf' }),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const q = request.query as { servicePoint: string; from: string; to: string; format: 'pdf' | 'xlsx' };
      const register = await dossiers.register(request.actor!, q.servicePoint, q.from, q.to, clock.now());
      const base = `so-theo-doi-${q.servicePoint}-${q.from}-${q.to}`;
      if (q.format === 'xlsx') {
        const xlsx = await renderRegisterXlsx(register.rows, {
          unit: register.issuer.unit,
          ...(register.issuer.parentAgency ? { parentAgency: register.issuer.parentAgency } : {}),
          ...(register.period ? { period: register.period } : {}),
          generatedAt: register.generatedAt,
        });
        return reply
          .type(XLSX_TYPE)
          .header('content-disposition', `attachment; filename="${fileName(base, 'xlsx')}"`)
          .send(xlsx);
      }
      const rendered = await renderFormFor(q.to, register);
      return sendPdf(reply, rendered.pdf, base);
    },
  );
}
