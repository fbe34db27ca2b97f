/**
 * Dossiers over HTTP (JSON API). Every route declares its permission; scope (service point, agency,
 * unit) is checked by the service on the dossier itself. Changes accept an `Idempotency-Key` header:
 * a retry gets the first answer (with `idempotent-replayed: true`), a different body under the same
 * key IDEMPOTENCY_KEY_REUSED. Contract and role × action table: docs/dossiers.md.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { Type } from 'typebox';
import type { Clock } from '../../kernel/clock.ts';
import { AppError, type InvalidParam } from '../../kernel/errors.ts';
import { DOCUMENT_FORMS } from '../catalog/domain/procedure.ts';
import type { ActionBody } from './domain/commands.ts';
import { ACTIONS } from './domain/lifecycle.ts';
import {
  CHANNELS,
  DOSSIER_STATUSES,
  PAYMENT_METHODS,
  RETURN_METHODS,
  type Applicant,
} from './domain/types.ts';
import type {
  ChangeResult,
  DossierService,
  IntakeInput,
  ListQuery,
  RefusalInput,
} from './dossiers.service.ts';

export interface DossierRoutesOptions {
  readonly dossiers: DossierService;
  readonly clock: Clock;
}

/** Hard cap of an upload request; the effective limit is the `dossiers.maxUploadBytes` setting (default 10 MB). */
export const UPLOAD_HARD_LIMIT_BYTES = 32 * 1024 * 1024;

const Text = (max: number) => Type.String({ minLength: 1, maxLength: max });
const Instant = Type.Union([Type.String(), Type.Null()]);
const LocalDate = Type.String({
  pattern: '^\\d{4}-\\d{2}-\\d{2}$',
  description: 'Local date YYYY-MM-DD (UTC+7)',
});
const CodeParam = Type.Object({ code: Type.String({ minLength: 1, maxLength: 100 }) });

const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 200,
      pattern: '^[\\x21-\\x7E]+$',
      description: 'Retry key, scoped to the caller',
    }),
  ),
});

const ApplicantSchema = Type.Object(
  {
    kind: Type.String({ enum: ['person', 'organisation'] }),
    fullName: Text(200),
    idNumber: Type.Optional(
      Type.String({ maxLength: 12, description: 'Person: 12-digit personal ID number' }),
    ),
    taxCode: Type.Optional(
      Type.String({ maxLength: 14, description: 'Organisation: NNNNNNNNNN or NNNNNNNNNN-NNN' }),
    ),
    phone: Text(20),
    email: Type.Optional(Type.String({ maxLength: 200 })),
    address: Text(500),
    representative: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);

interface ApplicantBody {
  kind: 'person' | 'organisation';
  fullName: string;
  idNumber?: string;
  taxCode?: string;
  phone: string;
  email?: string;
  address: string;
  representative?: string;
}

const IntakeBody = Type.Object(
  {
    procedureCode: Text(40),
    servicePointCode: Text(64),
    channel: Type.String({ enum: [...CHANNELS] }),
    applicant: ApplicantSchema,
    documents: Type.Array(
      Type.Object(
        {
          index: Type.Integer({ minimum: 1, maximum: 1000 }),
          form: Type.String({ enum: [...DOCUMENT_FORMS] }),
          count: Type.Integer({ minimum: 1, maximum: 100 }),
          attached: Type.Boolean({ default: false }),
          reused: Type.Boolean({ default: false }),
        },
        { additionalProperties: false },
      ),
      { maxItems: 200 },
    ),
    returnMethod: Type.String({ enum: [...RETURN_METHODS] }),
    deliveryAddress: Type.Optional(Type.String({ maxLength: 500 })),
    fees: Type.Optional(
      Type.Array(
        Type.Object(
          {
            index: Type.Integer({ minimum: 1, maximum: 1000 }),
            payment: Type.Optional(
              Type.Object(
                { method: Type.String({ enum: [...PAYMENT_METHODS] }), receiptNumber: Text(100) },
                { additionalProperties: false },
              ),
            ),
          },
          { additionalProperties: false },
        ),
        { maxItems: 50 },
      ),
    ),
  },
  { additionalProperties: false },
);

const RefusalBody = Type.Object(
  {
    procedureCode: Text(40),
    servicePointCode: Text(64),
    channel: Type.String({ enum: [...CHANNELS] }),
    applicant: ApplicantSchema,
    reason: Text(2000),
  },
  { additionalProperties: false },
);

const Party = Type.Object({ name: Text(200), unit: Text(300) }, { additionalProperties: false });

const ActionBodySchema = Type.Object(
  {
    action: Type.String({ enum: [...ACTIONS] }),
    version: Type.Integer({ minimum: 1, description: 'The dossier version the client saw (409 when stale)' }),
    reason: Type.Optional(Type.String({ maxLength: 2000 })),
    items: Type.Optional(Type.Array(Type.String({ maxLength: 500 }), { maxItems: 50 })),
    note: Type.Optional(Type.String({ maxLength: 2000 })),
    receiverName: Type.Optional(Type.String({ maxLength: 200 })),
    giver: Type.Optional(Party),
    receiver: Type.Optional(Party),
    stepName: Type.Optional(Type.String({ maxLength: 300 })),
    legalBasis: Type.Optional(Type.String({ maxLength: 500 })),
    newDueAt: Type.Optional(Type.String({ maxLength: 40, description: 'ISO 8601 instant' })),
    result: Type.Optional(
      Type.Object(
        {
          kind: Type.String({ enum: ['electronic', 'paper'] }),
          number: Text(100),
          fileSha256: Type.Optional(Type.String({ pattern: '^[0-9a-f]{64}$' })),
        },
        { additionalProperties: false },
      ),
    ),
    method: Type.Optional(
      Type.String({ enum: [...RETURN_METHODS, ...PAYMENT_METHODS.filter((m) => m !== 'online')] }),
    ),
    identity: Type.Optional(Type.String({ enum: ['id_document', 'authorisation'] })),
    authorisationRef: Type.Optional(Type.String({ maxLength: 200 })),
    postalItemNumber: Type.Optional(Type.String({ maxLength: 50 })),
    feeSeq: Type.Optional(Type.Integer({ minimum: 1 })),
    receiptNumber: Type.Optional(Type.String({ maxLength: 100 })),
  },
  { additionalProperties: false },
);

const TimelinessSchema = Type.Object({
  state: Type.String(),
  result: Type.Union([Type.String(), Type.Null()]),
  bucket: Type.Union([Type.String(), Type.Null()]),
  clockPaused: Type.Boolean(),
  late: Type.Boolean(),
  lateReason: Type.Union([Type.String(), Type.Null()]),
  apologized: Type.Boolean(),
  judgedEndAt: Instant,
  judgedDueAt: Instant,
});

const SummarySchema = Type.Object(
  {
    code: Type.String(),
    status: Type.String(),
    version: Type.Integer(),
    channel: Type.String(),
    servicePointCode: Type.String(),
    agencyCode: Type.String(),
    applicantName: Type.String(),
    submittedAt: Instant,
    receivedAt: Instant,
    dueAt: Instant,
    timeliness: TimelinessSchema,
  },
  { additionalProperties: true },
);

function applicantOf(a: ApplicantBody): { applicant: Applicant; problems: InvalidParam[] } {
  const problems: InvalidParam[] = [];
  const common = { fullName: a.fullName, phone: a.phone, email: a.email || undefined, address: a.address };
  if (a.kind === 'person') {
    if (a.idNumber === undefined)
      problems.push({
        name: 'body/applicant/idNumber',
        reason: 'required for a person',
        code: 'DOSSIER_APPLICANT_INVALID',
      });
    return { applicant: { kind: 'person', ...common, idNumber: a.idNumber ?? '' }, problems };
  }
  if (a.taxCode === undefined)
    problems.push({
      name: 'body/applicant/taxCode',
      reason: 'required for an organisation',
      code: 'DOSSIER_APPLICANT_INVALID',
    });
  return {
    applicant: {
      kind: 'organisation',
      ...common,
      taxCode: a.taxCode ?? '',
      representative: a.representative,
    },
    problems,
  };
}

function keyOf(headers: unknown): string | undefined {
  return (headers as { 'idempotency-key'?: string })['idempotency-key'];
}

function send(reply: FastifyReply, result: ChangeResult): FastifyReply {
  if (result.replayed) void reply.header('idempotent-replayed', 'true');
  return reply.code(result.status).send(result.body);
}

export async function dossierRoutes(app: FastifyInstance, options: DossierRoutesOptions): Promise<void> {
  const { dossiers, clock } = options;

  // Raw uploads of scans; the type is decided by magic bytes, not by this header.
  app.addContentTypeParser(
    ['application/pdf', 'image/jpeg', 'image/png', 'application/octet-stream'],
    { parseAs: 'buffer', bodyLimit: UPLOAD_HARD_LIMIT_BYTES },
    (_request, body, done) => done(null, body),
  );

  app.post(
    '/api/v1/dossiers',
    {
      config: { permission: 'dossiers.intake' },
      schema: {
        tags: ['dossiers'],
        summary: 'Intake: receive at the counter, or register an online/postal submission',
        description:
          'Counter: 201 with status received, code, due. Online/postal: 201 with status submitted and a code; due after `receive`. ' +
          'Incomplete documents: 422 DOSSIER_INCOMPLETE with `details.missing` and `details.guidanceId` (guidance recorded, no code used). ' +
          '`lookupToken` is returned once: print it on Mẫu 01 (public lookup); only its hash is kept.',
        headers: IdempotencyHeaders,
        body: IntakeBody,
        response: {
          201: Type.Object({
            code: Type.String(),
            status: Type.String(),
            receivedAt: Instant,
            dueAt: Instant,
            version: Type.Integer(),
            lookupToken: Type.String(),
          }),
        },
      },
    },
    async (request, reply) => {
      const body = request.body as Omit<IntakeInput, 'applicant'> & { applicant: ApplicantBody };
      const { applicant, problems } = applicantOf(body.applicant);
      if (problems.length > 0) throw new AppError('VALIDATION_FAILED', { invalidParams: problems });
      const result = await dossiers.intake(
        request.actor!,
        { ...body, applicant },
        clock.now(),
        keyOf(request.headers),
      );
      if (result.status === 422) {
        if (result.replayed) void reply.header('idempotent-replayed', 'true');
        throw new AppError('DOSSIER_INCOMPLETE', { details: result.body });
      }
      return send(reply, result);
    },
  );

  app.post(
    '/api/v1/intake-refusals',
    {
      config: { permission: 'dossiers.intake' },
      schema: {
        tags: ['dossiers'],
        summary: 'Refuse a dossier at intake (Mẫu 03): recorded with the reason, no code',
        headers: IdempotencyHeaders,
        body: RefusalBody,
        response: { 201: Type.Object({ id: Type.String(), kind: Type.String(), formNo: Type.String() }) },
      },
    },
    async (request, reply) => {
      const body = request.body as Omit<RefusalInput, 'applicant'> & { applicant: ApplicantBody };
      const { applicant, problems } = applicantOf(body.applicant);
      if (problems.length > 0) throw new AppError('VALIDATION_FAILED', { invalidParams: problems });
      return send(
        reply,
        await dossiers.refuse(request.actor!, { ...body, applicant }, clock.now(), keyOf(request.headers)),
      );
    },
  );

  app.get(
    '/api/v1/dossiers',
    {
      config: { permission: 'dossiers.read' },
      schema: {
        tags: ['dossiers'],
        summary:
          'Dossiers in the caller’s scope (clerk: service point; officer: agency; manager: unit subtree)',
        querystring: Type.Object(
          {
            status: Type.Optional(Type.String({ enum: [...DOSSIER_STATUSES] })),
            servicePoint: Type.Optional(Type.String({ maxLength: 64 })),
            bucket: Type.Optional(Type.String({ enum: ['overdue', 'nearly_due', 'not_yet_due'] })),
            from: Type.Optional(LocalDate),
            to: Type.Optional(LocalDate),
            procedure: Type.Optional(Type.String({ maxLength: 40 })),
            channel: Type.Optional(Type.String({ enum: [...CHANNELS] })),
            page: Type.Integer({ minimum: 1, maximum: 100_000, default: 1 }),
            pageSize: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            total: Type.Integer(),
            page: Type.Integer(),
            pageSize: Type.Integer(),
            items: Type.Array(SummarySchema),
          }),
        },
      },
    },
    async (request) => dossiers.list(request.actor!, request.query as ListQuery, clock.now()),
  );

  app.get(
    '/api/v1/dossiers/:code',
    {
      config: { permission: 'dossiers.read' },
      schema: {
        tags: ['dossiers'],
        summary:
          'One dossier: status, due, timeliness, events, hand-overs, suspensions, fees (personal-data read is audited)',
        params: CodeParam,
        response: { 200: SummarySchema },
      },
    },
    async (request) => dossiers.get(request.actor!, (request.params as { code: string }).code, clock.now()),
  );

  app.post(
    '/api/v1/dossiers/:code/actions',
    {
      config: { permission: 'dossiers.act' },
      schema: {
        tags: ['dossiers'],
        summary: 'A lifecycle action with the dossier version the client saw',
        description:
          'Actions: receive, forward, handover, request-supplement, supplement, reject, stop, withdraw, apologize, complete, return, record-payment. ' +
          'Each is allowed only in some states and to the role owning the step (docs/dossiers.md). Stale version → 409 DOSSIER_VERSION_CONFLICT.',
        headers: IdempotencyHeaders,
        params: CodeParam,
        body: ActionBodySchema,
        response: { 200: SummarySchema },
      },
    },
    async (request, reply) =>
      send(
        reply,
        await dossiers.act(
          request.actor!,
          (request.params as { code: string }).code,
          request.body as ActionBody,
          clock.now(),
          keyOf(request.headers),
        ),
      ),
  );

  app.post(
    '/api/v1/dossiers/:code/files',
    {
      // Clerks attach scans, officers electronic results; the service checks which one owns this dossier.
      config: { permission: 'dossiers.act' },
      bodyLimit: UPLOAD_HARD_LIMIT_BYTES,
      schema: {
        tags: ['dossiers'],
        summary:
          'Attach a scan (raw body: PDF, JPEG or PNG, checked by magic bytes; limit a setting, default 10 MB)',
        params: CodeParam,
        querystring: Type.Object(
          {
            document: Type.Integer({
              minimum: 0,
              maximum: 1000,
              description: 'Document index (0: not a listed document)',
            }),
            name: Type.Optional(Type.String({ maxLength: 200 })),
          },
          { additionalProperties: false },
        ),
        response: {
          201: Type.Object({
            sha256: Type.String(),
            contentType: Type.String(),
            size: Type.Integer(),
            documentIndex: Type.Integer(),
            fileName: Type.String(),
            created: Type.Boolean(),
          }),
        },
      },
    },
    async (request, reply) => {
      const query = request.query as { document: number; name?: string };
      const bytes = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      const stored = await dossiers.attachFile(
        request.actor!,
        (request.params as { code: string }).code,
        {
          documentIndex: query.document,
          fileName: query.name ?? `document-${query.document}`,
          bytes,
          // A declared type (header) must agree with the bytes (documents/uploads.ts).
          declaredType: request.headers['content-type'],
        },
        clock.now(),
      );
      return reply.code(201).send(stored);
    },
  );

  app.get(
    '/api/v1/dossiers/:code/files/:sha256',
    {
      config: { permission: 'dossiers.read' },
      schema: {
        tags: ['dossiers'],
        summary: 'Download a scan of the dossier (personal-data read is audited)',
        params: Type.Object({
          code: Type.String({ maxLength: 100 }),
          sha256: Type.String({ pattern: '^[0-9a-f]{64}$' }),
        }),
      },
    },
    async (request, reply) => {
      const { code, sha256 } = request.params as { code: string; sha256: string };
      const file = await dossiers.file(request.actor!, code, sha256, clock.now());
      return reply
        .type(file.contentType)
        .header('content-disposition', `attachment; filename="${encodeURIComponent(file.fileName)}"`)
        .send(file.bytes);
    },
  );
}
