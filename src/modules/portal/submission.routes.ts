/**
 * Online submission over HTTP: the wizard's pages (/nop-truc-tuyen/{code}, /ho-so-nop/{draft}/…)
 * and POST /api/v1/public/submissions. Every page but the start page needs an identified citizen
 * (identity module); without one, pages redirect to /dinh-danh and come back, the API answers 401
 * IDENTITY_REQUIRED.
 *
 * Uploads are `multipart/form-data` parsed by a content-type parser (postal/multipart.ts) so the
 * edge sees the `_csrf` field before the route runs, as for the courier's photo upload.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { Clock } from '../../kernel/clock.ts';
import { AppError, isAppError } from '../../kernel/errors.ts';
import { localDateOf } from '../../kernel/local-date.ts';
import { pageContext } from '../access/access.routes.ts';
import type { Applicant, ReturnMethod } from '../dossiers/domain/types.ts';
import { validateApplicant } from '../dossiers/domain/intake.ts';
import { requireCitizen } from '../identity/identity.routes.ts';
import type { FieldError } from '../../views/form-components.ts';
import { boundaryOf, parseMultipart, type FieldValue } from '../postal/multipart.ts';
import { returnMethodsOf, type DraftView, type SubmissionService } from './submission.service.ts';
import {
  applicantPage,
  checkAnswersPage,
  confirmationPage,
  notOnlinePage,
  returnMethodPage,
  servicePointPage,
  startPage,
  uploadPage,
  type ApplicantForm,
} from './views/submission.views.ts';
import type { CatalogService } from '../catalog/catalog.service.ts';

export interface SubmissionRoutesOptions {
  readonly submissions: SubmissionService;
  readonly catalog: CatalogService;
  readonly clock: Clock;
  readonly demo: boolean;
}

const htmlType = 'text/html; charset=utf-8';
/** A 10 MB scan plus the form's other fields. */
const UPLOAD_BODY_LIMIT = 10 * 1024 * 1024 + 256 * 1024;
/** JSON with base64 files: up to ~16 MB of scans in one request. */
const API_BODY_LIMIT = 22 * 1024 * 1024;

const DraftParams = Type.Object({ id: Type.String({ maxLength: 64 }) });
const ChangeQuery = Type.Object({ sua: Type.Optional(Type.String({ maxLength: 2 })) });

/** Pages: without a citizen, go and identify, then come back here. */
async function citizenOrIdentify(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  if (!request.citizen)
    return reply.redirect(`/dinh-danh?next=${encodeURIComponent(request.url.split('#')[0] ?? '/')}`, 303);
}

export async function submissionRoutes(
  app: FastifyInstance,
  options: SubmissionRoutesOptions,
): Promise<void> {
  const { submissions, catalog, clock } = options;
  const ctx = (request: FastifyRequest) => pageContext(request, options.demo);

  app.addContentTypeParser(
    'multipart/form-data',
    { parseAs: 'buffer', bodyLimit: UPLOAD_BODY_LIMIT },
    (request, body, done) => {
      const boundary = boundaryOf(String(request.headers['content-type'] ?? ''));
      if (!boundary) return done(new AppError('BAD_REQUEST'), undefined);
      try {
        done(null, parseMultipart(body as Buffer, boundary));
      } catch {
        done(new AppError('BAD_REQUEST'), undefined);
      }
    },
  );

  /** The steps of a draft, in order, for back links and "continue". */
  const steps = (draft: DraftView, documents: number, multiplePoints: boolean): string[] => [
    ...(multiplePoints ? [`/ho-so-nop/${draft.id}/noi-nop`] : []),
    `/ho-so-nop/${draft.id}/nguoi-nop`,
    ...Array.from({ length: documents }, (_, i) => `/ho-so-nop/${draft.id}/giay-to/${i + 1}`),
    `/ho-so-nop/${draft.id}/nhan-ket-qua`,
    `/ho-so-nop/${draft.id}/kiem-tra`,
  ];

  async function loadDraft(request: FastifyRequest) {
    const { id } = request.params as { id: string };
    const draft = await submissions.draft(request.citizen!, id);
    const now = clock.now();
    const online = await submissions.onlineProcedure(draft.procedureCode, now);
    const path = steps(draft, online.sourced.version.documents.length, online.servicePoints.length > 1);
    const change = (request.query as { sua?: string } | undefined)?.sua === '1';
    const here = request.url.split('?')[0]!;
    const at = path.indexOf(here);
    const kiemTra = `/ho-so-nop/${draft.id}/kiem-tra`;
    return {
      draft,
      online,
      v: online.sourced.version,
      change,
      backHref: change ? kiemTra : at > 0 ? path[at - 1]! : `/nop-truc-tuyen/${draft.procedureCode}`,
      nextHref: change ? kiemTra : (path[at + 1] ?? kiemTra),
    };
  }

  /** A finished draft only shows its confirmation. */
  const confirmationHref = (draft: DraftView) => `/ho-so-nop/${draft.id}/xac-nhan`;

  // ------------------------------------------------------------ start

  app.get(
    '/nop-truc-tuyen/:code',
    {
      config: { permission: 'public' },
      schema: { hide: true, params: Type.Object({ code: Type.String({ maxLength: 100 }) }) },
    },
    async (request, reply) => {
      const { code } = request.params as { code: string };
      const now = clock.now();
      const sourced = await catalog.procedure(code, localDateOf(now));
      if (sourced.version.onlineLevel === 'none')
        return reply
          .code(422)
          .type(htmlType)
          .send(notOnlinePage(ctx(request), sourced.version));
      const online = await submissions.onlineProcedure(code, now);
      return reply
        .type(htmlType)
        .send(startPage(ctx(request), sourced.version, request.citizen, online.servicePoints.length));
    },
  );

  app.post(
    '/nop-truc-tuyen/:code',
    {
      config: { permission: 'public' },
      preValidation: citizenOrIdentify,
      schema: { hide: true, params: Type.Object({ code: Type.String({ maxLength: 100 }) }) },
    },
    async (request, reply) => {
      const { code } = request.params as { code: string };
      const id = await submissions.createDraft(request.citizen!, code, clock.now());
      const draft = await submissions.draft(request.citizen!, id);
      const online = await submissions.onlineProcedure(code, clock.now());
      const first = steps(
        draft,
        online.sourced.version.documents.length,
        online.servicePoints.length > 1,
      )[0]!;
      return reply.redirect(first, 303);
    },
  );

  // ------------------------------------------------------------ service point

  app.get(
    '/ho-so-nop/:id/noi-nop',
    {
      config: { permission: 'public' },
      preValidation: citizenOrIdentify,
      schema: { hide: true, params: DraftParams },
    },
    async (request, reply) => {
      const s = await loadDraft(request);
      if (s.draft.dossierCode) return reply.redirect(confirmationHref(s.draft), 303);
      return reply
        .type(htmlType)
        .send(
          servicePointPage(ctx(request), s.draft, s.online.servicePoints, [], s.draft.servicePointCode ?? ''),
        );
    },
  );

  app.post(
    '/ho-so-nop/:id/noi-nop',
    {
      config: { permission: 'public' },
      preValidation: citizenOrIdentify,
      schema: {
        hide: true,
        params: DraftParams,
        body: Type.Object({
          _csrf: Type.Optional(Type.String()),
          servicePoint: Type.String({ maxLength: 64 }),
        }),
      },
    },
    async (request, reply) => {
      const s = await loadDraft(request);
      const { servicePoint } = request.body as { servicePoint: string };
      if (!s.online.servicePoints.some((p) => p.code === servicePoint)) {
        const errors = [
          {
            field: 'servicePoint',
            message: request.lang === 'vi' ? 'Chọn bộ phận một cửa' : 'Choose a counter',
          },
        ];
        return reply
          .code(400)
          .type(htmlType)
          .send(servicePointPage(ctx(request), s.draft, s.online.servicePoints, errors, servicePoint));
      }
      await submissions.updateDraft(
        request.citizen!,
        s.draft.id,
        { servicePointCode: servicePoint },
        clock.now(),
      );
      return reply.redirect(
        s.change ? `/ho-so-nop/${s.draft.id}/kiem-tra` : `/ho-so-nop/${s.draft.id}/nguoi-nop`,
        303,
      );
    },
  );

  // ------------------------------------------------------------ applicant

  app.get(
    '/ho-so-nop/:id/nguoi-nop',
    {
      config: { permission: 'public' },
      preValidation: citizenOrIdentify,
      schema: { hide: true, params: DraftParams, querystring: ChangeQuery },
    },
    async (request, reply) => {
      const s = await loadDraft(request);
      if (s.draft.dossierCode) return reply.redirect(confirmationHref(s.draft), 303);
      const c = request.citizen!;
      const a = s.draft.applicant;
      const form: ApplicantForm = {
        fullName: a?.fullName ?? c.fullName ?? '',
        idNumber: a && a.kind === 'person' ? a.idNumber : (c.citizenId ?? ''),
        phone: a?.phone ?? c.phone ?? '',
        email: a?.email ?? c.email ?? '',
        address: a?.address ?? '',
      };
      return reply.type(htmlType).send(applicantPage(ctx(request), s.draft, form, [], s.backHref, s.change));
    },
  );

  app.post(
    '/ho-so-nop/:id/nguoi-nop',
    {
      config: { permission: 'public' },
      preValidation: citizenOrIdentify,
      schema: {
        hide: true,
        params: DraftParams,
        querystring: ChangeQuery,
        body: Type.Object({
          _csrf: Type.Optional(Type.String()),
          fullName: Type.String({ maxLength: 200 }),
          idNumber: Type.String({ maxLength: 40 }),
          phone: Type.String({ maxLength: 40 }),
          email: Type.String({ maxLength: 254 }),
          address: Type.String({ maxLength: 500 }),
        }),
      },
    },
    async (request, reply) => {
      const s = await loadDraft(request);
      const b = request.body as ApplicantForm;
      const form: ApplicantForm = {
        fullName: b.fullName.normalize('NFC').trim(),
        idNumber: b.idNumber.replace(/\s/g, ''),
        phone: b.phone.trim(),
        email: b.email.trim(),
        address: b.address.normalize('NFC').trim(),
      };
      const applicant: Applicant = {
        kind: 'person',
        fullName: form.fullName,
        idNumber: form.idNumber,
        phone: form.phone,
        ...(form.email ? { email: form.email } : {}),
        address: form.address,
      };
      const vi = request.lang === 'vi';
      const MESSAGES: Record<string, string> = {
        fullName: vi ? 'Nhập họ và tên' : 'Enter your full name',
        idNumber: vi
          ? 'Số định danh cá nhân gồm 12 chữ số, ví dụ 064095001234'
          : 'Enter your 12-digit personal ID number',
        phone: vi
          ? 'Nhập số điện thoại Việt Nam, ví dụ 0912 345 678'
          : 'Enter a Vietnamese phone number, like 0912 345 678',
        email: vi
          ? 'Nhập địa chỉ e-mail đúng dạng, ví dụ ten@example.vn'
          : 'Enter an e-mail address like name@example.vn',
        address: vi ? 'Nhập địa chỉ cư trú' : 'Enter your address',
      };
      const errors: FieldError[] = validateApplicant(applicant, 'body').map((p) => {
        const field = p.name.split('/').pop()!;
        return { field, message: MESSAGES[field] ?? p.reason };
      });
      if (errors.length > 0)
        return reply
          .code(400)
          .type(htmlType)
          .send(applicantPage(ctx(request), s.draft, form, errors, s.backHref, s.change));
      await submissions.updateDraft(request.citizen!, s.draft.id, { applicant }, clock.now());
      return reply.redirect(s.nextHref, 303);
    },
  );

  // ------------------------------------------------------------ uploads, one page per document

  const DocParams = Type.Object({
    id: Type.String({ maxLength: 64 }),
    n: Type.Integer({ minimum: 1, maximum: 200 }),
  });

  app.get(
    '/ho-so-nop/:id/giay-to/:n',
    {
      config: { permission: 'public' },
      preValidation: citizenOrIdentify,
      schema: { hide: true, params: DocParams, querystring: ChangeQuery },
    },
    async (request, reply) => {
      const s = await loadDraft(request);
      if (s.draft.dossierCode) return reply.redirect(confirmationHref(s.draft), 303);
      const { n } = request.params as { n: number };
      if (n > s.v.documents.length) throw new AppError('NOT_FOUND');
      return reply.type(htmlType).send(uploadPage(ctx(request), s.draft, s.v, n, [], s.backHref, s.change));
    },
  );

  app.post(
    '/ho-so-nop/:id/giay-to/:n',
    {
      config: { permission: 'public' },
      preValidation: citizenOrIdentify,
      bodyLimit: UPLOAD_BODY_LIMIT,
      schema: { hide: true, params: DocParams, querystring: ChangeQuery },
    },
    async (request, reply) => {
      const s = await loadDraft(request);
      const { n } = request.params as { n: number };
      if (n > s.v.documents.length) throw new AppError('NOT_FOUND');
      const body = (request.body ?? {}) as Record<string, FieldValue>;
      const file = body.file;
      const vi = request.lang === 'vi';
      const fail = (message: string, status: number) =>
        reply
          .code(status)
          .type(htmlType)
          .send(
            uploadPage(ctx(request), s.draft, s.v, n, [{ field: 'file', message }], s.backHref, s.change),
          );
      if (file && typeof file === 'object' && !Array.isArray(file)) {
        try {
          await submissions.addDraftFile(
            request.citizen!,
            s.draft.id,
            n,
            { bytes: file.data, fileName: file.filename, declaredType: file.contentType },
            clock.now(),
          );
        } catch (error) {
          if (!isAppError(error) || !error.code.startsWith('UPLOAD_')) throw error;
          const message: Record<string, string> = {
            UPLOAD_EMPTY: vi ? 'Tệp đã chọn không có nội dung' : 'The selected file is empty',
            UPLOAD_TOO_LARGE: vi ? 'Tệp phải nhỏ hơn 10 MB' : 'The file must be smaller than 10 MB',
            UPLOAD_TYPE_NOT_ALLOWED: vi
              ? 'Tệp phải là PDF, JPEG hoặc PNG'
              : 'The file must be a PDF, JPEG or PNG',
            UPLOAD_TYPE_MISMATCH: vi
              ? 'Nội dung tệp không khớp với phần mở rộng của tên tệp; vui lòng chọn tệp PDF, JPEG hoặc PNG gốc'
              : 'The file’s content does not match its name; choose the original PDF, JPEG or PNG',
          };
          return fail(message[error.code] ?? error.message, error.status);
        }
      } else if (s.v.documents[n - 1]!.mandatory && !s.draft.files.some((f) => f.documentIndex === n)) {
        return fail(vi ? 'Chọn tệp để tải lên' : 'Choose a file to upload', 400);
      }
      return reply.redirect(s.nextHref, 303);
    },
  );

  // ------------------------------------------------------------ return method

  app.get(
    '/ho-so-nop/:id/nhan-ket-qua',
    {
      config: { permission: 'public' },
      preValidation: citizenOrIdentify,
      schema: { hide: true, params: DraftParams, querystring: ChangeQuery },
    },
    async (request, reply) => {
      const s = await loadDraft(request);
      if (s.draft.dossierCode) return reply.redirect(confirmationHref(s.draft), 303);
      return reply
        .type(htmlType)
        .send(
          returnMethodPage(
            ctx(request),
            s.draft,
            returnMethodsOf(s.v),
            { returnMethod: s.draft.returnMethod ?? '', deliveryAddress: s.draft.deliveryAddress ?? '' },
            [],
            s.backHref,
            s.change,
          ),
        );
    },
  );

  app.post(
    '/ho-so-nop/:id/nhan-ket-qua',
    {
      config: { permission: 'public' },
      preValidation: citizenOrIdentify,
      schema: {
        hide: true,
        params: DraftParams,
        querystring: ChangeQuery,
        body: Type.Object({
          _csrf: Type.Optional(Type.String()),
          returnMethod: Type.Optional(Type.String({ maxLength: 20 })),
          deliveryAddress: Type.Optional(Type.String({ maxLength: 500 })),
        }),
      },
    },
    async (request, reply) => {
      const s = await loadDraft(request);
      const b = request.body as { returnMethod?: string; deliveryAddress?: string };
      const allowed = returnMethodsOf(s.v);
      const method = allowed.find((m) => m === b.returnMethod);
      const address = (b.deliveryAddress ?? '').normalize('NFC').trim();
      const vi = request.lang === 'vi';
      const errors: FieldError[] = [];
      if (!method)
        errors.push({
          field: 'returnMethod',
          message: vi ? 'Chọn cách nhận kết quả' : 'Choose how to receive the result',
        });
      else if (method === 'postal' && !address)
        errors.push({
          field: 'deliveryAddress',
          message: vi ? 'Nhập địa chỉ nhận kết quả qua bưu chính' : 'Enter the delivery address',
        });
      if (errors.length > 0)
        return reply
          .code(400)
          .type(htmlType)
          .send(
            returnMethodPage(
              ctx(request),
              s.draft,
              allowed,
              { returnMethod: b.returnMethod ?? '', deliveryAddress: b.deliveryAddress ?? '' },
              errors,
              s.backHref,
              s.change,
            ),
          );
      await submissions.updateDraft(
        request.citizen!,
        s.draft.id,
        { returnMethod: method as ReturnMethod, deliveryAddress: method === 'postal' ? address : null },
        clock.now(),
      );
      return reply.redirect(`/ho-so-nop/${s.draft.id}/kiem-tra`, 303);
    },
  );

  // ------------------------------------------------------------ check your answers, submit, confirmation

  app.get(
    '/ho-so-nop/:id/kiem-tra',
    {
      config: { permission: 'public' },
      preValidation: citizenOrIdentify,
      schema: { hide: true, params: DraftParams },
    },
    async (request, reply) => {
      const s = await loadDraft(request);
      if (s.draft.dossierCode) return reply.redirect(confirmationHref(s.draft), 303);
      const sp = s.online.servicePoints.find((p) => p.code === s.draft.servicePointCode);
      return reply.type(htmlType).send(checkAnswersPage(ctx(request), s.draft, s.v, sp, [], request.citizen));
    },
  );

  app.post(
    '/ho-so-nop/:id/kiem-tra',
    {
      config: { permission: 'public' },
      preValidation: citizenOrIdentify,
      schema: { hide: true, params: DraftParams },
    },
    async (request, reply) => {
      const s = await loadDraft(request);
      const vi = request.lang === 'vi';
      try {
        await submissions.submitDraft(request.citizen!, s.draft.id, clock.now());
      } catch (error) {
        if (!isAppError(error) || error.status >= 500 || error.status === 401 || error.status === 403)
          throw error;
        const base = `/ho-so-nop/${s.draft.id}`;
        const errors: FieldError[] = [];
        if (error.code === 'SUBMISSION_INCOMPLETE') {
          for (const m of (error.details as { missing: { index: number; name: string }[] }).missing)
            errors.push({
              field: `doc-${m.index}`,
              message: vi ? `Chưa tải lên: ${m.name}` : `Not uploaded: ${m.name}`,
            });
        } else if (error.code === 'VALIDATION_FAILED') {
          errors.push({
            field: 'applicant',
            message: vi
              ? 'Kiểm tra lại thông tin người nộp và cách nhận kết quả'
              : 'Check your details and how to receive the result',
          });
        } else {
          errors.push({ field: 'submit', message: error.message });
        }
        const sp = s.online.servicePoints.find((p) => p.code === s.draft.servicePointCode);
        void base;
        return reply
          .code(error.status)
          .type(htmlType)
          .send(checkAnswersPage(ctx(request), s.draft, s.v, sp, errors, request.citizen));
      }
      return reply.redirect(confirmationHref(s.draft), 303);
    },
  );

  app.get(
    '/ho-so-nop/:id/xac-nhan',
    {
      config: { permission: 'public' },
      preValidation: citizenOrIdentify,
      schema: { hide: true, params: DraftParams },
    },
    async (request, reply) => {
      const { id } = request.params as { id: string };
      const draft = await submissions.draft(request.citizen!, id);
      if (!draft.dossierCode) return reply.redirect(`/ho-so-nop/${id}/kiem-tra`, 303);
      const sourced = await catalog.versionInForce(draft.procedureCode, localDateOf(clock.now()));
      return reply
        .type(htmlType)
        .send(
          confirmationPage(ctx(request), draft.dossierCode, sourced?.version, draft.applicant?.email ?? null),
        );
    },
  );

  // ------------------------------------------------------------ API

  const ApplicantSchema = Type.Object(
    {
      kind: Type.Optional(Type.Literal('person')),
      fullName: Type.String({ minLength: 1, maxLength: 200 }),
      idNumber: Type.String({ maxLength: 20 }),
      phone: Type.String({ maxLength: 30 }),
      email: Type.Optional(Type.String({ maxLength: 254 })),
      address: Type.String({ minLength: 1, maxLength: 500 }),
    },
    { additionalProperties: false },
  );

  app.post(
    '/api/v1/public/submissions',
    {
      config: { permission: 'public' },
      preValidation: requireCitizen,
      bodyLimit: API_BODY_LIMIT,
      schema: {
        tags: ['portal'],
        summary: 'Submit a dossier online (identified citizen) → 201 {code, status: "submitted"}',
        description:
          'Needs a citizen session: the `motcua_citizen` cookie (with the CSRF token) or the header `X-Citizen-Token` ' +
          'from POST /api/v1/public/identity/otp/verify. Files travel as base64 (PDF, JPEG, PNG; type proven by the bytes; ' +
          'at most the dossier upload limit each), one or more per document index (1-based into the procedure’s documents); ' +
          'every mandatory document needs one (422 SUBMISSION_INCOMPLETE lists what is missing). Procedures whose online ' +
          'level is `none` → 422 SUBMISSION_NOT_ONLINE. `servicePointCode` is needed when several counters offer the ' +
          'procedure. Idempotency-Key: a retry with the same body gets the same answer.',
        security: [],
        headers: Type.Object({
          'idempotency-key': Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
        }),
        body: Type.Object(
          {
            procedureCode: Type.String({ minLength: 1, maxLength: 100 }),
            servicePointCode: Type.Optional(Type.String({ maxLength: 64 })),
            applicant: ApplicantSchema,
            returnMethod: Type.String({ enum: ['counter', 'postal', 'online'] }),
            deliveryAddress: Type.Optional(Type.String({ maxLength: 500 })),
            files: Type.Array(
              Type.Object(
                {
                  documentIndex: Type.Integer({ minimum: 1, maximum: 200 }),
                  fileName: Type.String({ minLength: 1, maxLength: 200 }),
                  contentType: Type.Optional(Type.String({ maxLength: 100 })),
                  contentBase64: Type.String({ minLength: 1 }),
                },
                { additionalProperties: false },
              ),
              { maxItems: 50 },
            ),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const body = request.body as {
        procedureCode: string;
        servicePointCode?: string;
        applicant: Omit<Extract<Applicant, { kind: 'person' }>, 'kind'>;
        returnMethod: ReturnMethod;
        deliveryAddress?: string;
        files: { documentIndex: number; fileName: string; contentType?: string; contentBase64: string }[];
      };
      const now = clock.now();
      const files = [];
      for (const [i, f] of body.files.entries()) {
        const bytes = Buffer.from(f.contentBase64, 'base64');
        try {
          const checked = await submissions.checkFile(bytes, f.contentType, f.fileName, now);
          files.push({
            documentIndex: f.documentIndex,
            fileName: f.fileName.normalize('NFC'),
            checked,
            bytes,
          });
        } catch (error) {
          if (isAppError(error))
            throw new AppError(error.code, {
              ...(error.details ? { details: { ...error.details, file: i } } : { details: { file: i } }),
            });
          throw error;
        }
      }
      const key = (request.headers['idempotency-key'] as string | undefined) ?? undefined;
      const result = await submissions.submit(
        request.citizen!,
        {
          procedureCode: body.procedureCode,
          servicePointCode: body.servicePointCode,
          applicant: {
            kind: 'person',
            ...body.applicant,
            fullName: body.applicant.fullName.normalize('NFC'),
            address: body.applicant.address.normalize('NFC'),
          },
          returnMethod: body.returnMethod,
          deliveryAddress: body.deliveryAddress,
          files,
        },
        now,
        key,
      );
      if (result.replayed) void reply.header('idempotent-replayed', 'true');
      return reply.code(result.status).send(result.body);
    },
  );
}
