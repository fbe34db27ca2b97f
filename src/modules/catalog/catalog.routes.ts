/**
 * The procedure catalog over HTTP: the public search and procedure pages (/thu-tuc), the staff
 * pages (/admin/catalog), and the JSON API under /api/v1 (procedures, versions, coverage, import,
 * export). Contract: docs/catalog.md, "HTTP API".
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type, type Static } from 'typebox';
import { makeProblem } from '../../adapters/http/problem.ts';
import type { Clock } from '../../kernel/clock.ts';
import { AppError, ERROR_CATALOG, isAppError } from '../../kernel/errors.ts';
import { isLocalDate, localDateOf } from '../../kernel/local-date.ts';
import { hasPermission, type Actor } from '../access/domain.ts';
import { pageContext } from '../access/access.routes.ts';
import type { AuditActor } from '../audit/audit.repository.ts';
import type { CatalogService, StoredVersion } from './catalog.service.ts';
import type { CatalogFileFormat } from './codec/index.ts';
import { readDate, readDecimal, readDocuments, readFees, writeDocuments, writeFees } from './codec/cells.ts';
import type { FieldChange } from './domain/diff.ts';
import {
  ONLINE_LEVELS,
  PROCEDURE_LEVELS,
  TIME_UNITS,
  validateProcedureVersion,
  type OnlineLevel,
  type ProcedureLevel,
  type ProcedureStatus,
  type ProcedureVersion,
  type ProcedureVersionInput,
  type TimeUnit,
} from './domain/procedure.ts';
import type { CatalogSearchFilters } from './domain/search.ts';
import {
  adminCoveragePage,
  adminListPage,
  adminProcedurePage,
  type AdminProcedureState,
  type DraftForm,
  type PublishForm,
  type RetireForm,
} from './views/catalog-admin.views.ts';
import type { FieldError } from '../../views/form-components.ts';
import { procedurePage, publicCoveragePage, searchPage, type SearchForm } from './views/catalog.views.ts';
import { L, POSTAL_FILTER, type PostalFilter } from './views/labels.ts';

/** What the catalog plugin needs from src/app.ts. */
export interface CatalogRoutesOptions {
  readonly catalog: CatalogService;
  readonly clock: Clock;
  readonly demo: boolean;
  readonly publicRateLimit: { max: number; timeWindow: number };
}

/** Largest catalog file accepted by the import (a 2,000-procedure XLSX is about 1 MB). */
export const IMPORT_BODY_LIMIT_BYTES = 20 * 1024 * 1024;

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

// ---------------------------------------------------------------- schemas

const LocalDate = Type.String({
  pattern: '^\\d{4}-\\d{2}-\\d{2}$',
  description: 'Local date YYYY-MM-DD (UTC+7)',
});
const Line = (max = 500) => Type.String({ maxLength: max });
const Level = Type.Enum([...PROCEDURE_LEVELS]);
const Online = Type.Enum([...ONLINE_LEVELS]);
const Agency = Type.Object({ code: Line(64), name: Line() });
const ProcessingTime = Type.Object({ value: Type.Number(), unit: Type.Enum([...TIME_UNITS]) });
const Postal = Type.Object({ sendDossier: Type.Boolean(), receiveResult: Type.Boolean() });
const Fee = Type.Object(
  { name: Line(), amountVnd: Type.Integer(), appliesWhen: Type.Optional(Line(2000)) },
  { additionalProperties: false },
);
const Doc = Type.Object(
  {
    name: Line(2000),
    form: Type.Enum(['original', 'certified_copy', 'copy']),
    count: Type.Integer(),
    mandatory: Type.Boolean(),
    blankFormFile: Type.Optional(Line()),
    reusableFromDataStore: Type.Boolean({ default: false }),
  },
  { additionalProperties: false },
);
const Step = Type.Object(
  { name: Line(), agency: Type.Optional(Line()), sharePercent: Type.Number() },
  { additionalProperties: false },
);
const Decision = Type.Object({ number: Line(100), date: LocalDate }, { additionalProperties: false });
const Result = Type.Object({ name: Line(2000), kind: Type.Enum(['paper', 'electronic', 'both']) });

/** The body of POST /procedures and PUT …/versions/{version}: a procedure's content. */
const VersionInputSchema = Type.Object(
  {
    code: Line(24),
    name: Line(2000),
    levels: Type.Array(Level, { maxItems: 3 }),
    field: Line(),
    agency: Agency,
    servicePointCodes: Type.Array(Line(64), { default: [], maxItems: 500 }),
    processingTime: ProcessingTime,
    cutoffTime: Type.Optional(Line(5)),
    fees: Type.Array(Fee, { default: [], maxItems: 100 }),
    documents: Type.Array(Doc, { default: [], maxItems: 200 }),
    result: Result,
    onlineLevel: Online,
    postal: Postal,
    oneStop: Type.Boolean({ default: true }),
    legalBasis: Type.Array(Line(2000), { default: [], maxItems: 100 }),
    feesBlockReturn: Type.Boolean({ default: false }),
    steps: Type.Array(Step, { default: [], maxItems: 50 }),
    validFrom: Type.Optional(
      Type.Union([LocalDate, Type.Null()], { description: 'Intended start; set on publish' }),
    ),
    decision: Type.Optional(Type.Union([Decision, Type.Null()])),
    version: Type.Optional(Type.Integer({ description: 'Ignored: the server numbers versions' })),
    status: Type.Optional(Type.String({ description: 'Ignored: a new or edited version is a draft' })),
    validTo: Type.Optional(
      Type.Union([LocalDate, Type.Null()], { description: 'Ignored: set by publish and retire' }),
    ),
  },
  { additionalProperties: false },
);
type VersionInputBody = Static<typeof VersionInputSchema>;

const VersionSchema = Type.Object({
  code: Type.String(),
  version: Type.Integer(),
  status: Type.String(),
  validFrom: Type.Union([Type.String(), Type.Null()]),
  validTo: Type.Union([Type.String(), Type.Null()]),
  decision: Type.Union([Type.Object({ number: Type.String(), date: Type.String() }), Type.Null()]),
  name: Type.String(),
  levels: Type.Array(Type.String()),
  field: Type.String(),
  agency: Type.Object({ code: Type.String(), name: Type.String() }),
  servicePointCodes: Type.Array(Type.String()),
  processingTime: Type.Object({ value: Type.Number(), unit: Type.String() }),
  cutoffTime: Type.Optional(Type.String()),
  fees: Type.Array(
    Type.Object({
      name: Type.String(),
      amountVnd: Type.Integer(),
      appliesWhen: Type.Optional(Type.String()),
    }),
  ),
  documents: Type.Array(
    Type.Object({
      name: Type.String(),
      form: Type.String(),
      count: Type.Integer(),
      mandatory: Type.Boolean(),
      blankFormFile: Type.Optional(Type.String()),
      reusableFromDataStore: Type.Boolean(),
    }),
  ),
  result: Type.Object({ name: Type.String(), kind: Type.String() }),
  onlineLevel: Type.String(),
  postal: Type.Object({ sendDossier: Type.Boolean(), receiveResult: Type.Boolean() }),
  oneStop: Type.Boolean(),
  legalBasis: Type.Array(Type.String()),
  feesBlockReturn: Type.Boolean(),
  steps: Type.Array(
    Type.Object({ name: Type.String(), agency: Type.Optional(Type.String()), sharePercent: Type.Number() }),
  ),
});

const StoredVersionSchema = Type.Intersect([
  VersionSchema,
  Type.Object({
    createdAt: Type.String(),
    createdBy: Type.String(),
    publishedAt: Type.Union([Type.String(), Type.Null()]),
    publishedBy: Type.Union([Type.String(), Type.Null()]),
  }),
]);

const SummarySchema = Type.Object({
  code: Type.String(),
  name: Type.String(),
  field: Type.String(),
  agency: Type.Object({ code: Type.String(), name: Type.String() }),
  levels: Type.Array(Type.String()),
  onlineLevel: Type.String(),
  postal: Type.Object({ sendDossier: Type.Boolean(), receiveResult: Type.Boolean() }),
  oneStop: Type.Boolean(),
  processingTime: Type.Object({ value: Type.Number(), unit: Type.String() }),
  cutoffTime: Type.Optional(Type.String()),
  version: Type.Integer(),
  validFrom: Type.Union([Type.String(), Type.Null()]),
});

const CoverageRowSchema = Type.Object({
  level: Type.String(),
  total: Type.Integer(),
  oneStop: Type.Integer(),
  notOneStop: Type.Integer(),
  online: Type.Object({ full: Type.Integer(), partial: Type.Integer(), none: Type.Integer() }),
  postal: Type.Object({
    send: Type.Integer(),
    receive: Type.Integer(),
    both: Type.Integer(),
    none: Type.Integer(),
  }),
});

const ImportMessage = Type.Object({
  row: Type.Integer(),
  column: Type.String(),
  code: Type.String(),
  reason_vi: Type.String(),
  reason_en: Type.String(),
});

const CodeParam = Type.Object({ code: Type.String({ minLength: 1, maxLength: 24 }) });
const VersionParams = Type.Object({
  code: Type.String({ minLength: 1, maxLength: 24 }),
  version: Type.Integer({ minimum: 1, maximum: 1_000_000 }),
});
const FormatQuery = Type.Object({ format: Type.Optional(Type.Enum(['xlsx', 'csv'])) });

// ---------------------------------------------------------------- helpers

const auditActor = (actor: Actor): AuditActor => ({ id: actor.userId, label: actor.username });

function inputOf(body: VersionInputBody): ProcedureVersionInput {
  const { version: _v, status: _s, validTo: _t, validFrom, decision, ...content } = body;
  return {
    ...content,
    levels: content.levels as ProcedureLevel[],
    onlineLevel: content.onlineLevel as OnlineLevel,
    processingTime: { value: content.processingTime.value, unit: content.processingTime.unit as TimeUnit },
    validFrom: validFrom ?? null,
    validTo: null,
    decision: decision ?? null,
  } as ProcedureVersionInput;
}

function storedJson(v: StoredVersion) {
  const { id: _id, generated: _g, createdAt, publishedAt, ...rest } = v;
  return { ...rest, createdAt: createdAt.toISOString(), publishedAt: publishedAt?.toISOString() ?? null };
}

function summaryJson(v: ProcedureVersion) {
  return {
    code: v.code,
    name: v.name,
    field: v.field,
    agency: v.agency,
    levels: v.levels,
    onlineLevel: v.onlineLevel,
    postal: v.postal,
    oneStop: v.oneStop,
    processingTime: v.processingTime,
    ...(v.cutoffTime !== undefined ? { cutoffTime: v.cutoffTime } : {}),
    version: v.version,
    validFrom: v.validFrom,
  };
}

/** `postal` query values → the search filters (send: accepts the dossier by post; none: neither leg). */
function postalFilters(
  postal: PostalFilter | undefined,
): Pick<CatalogSearchFilters, 'postalSend' | 'postalReceive'> {
  switch (postal) {
    case 'send':
      return { postalSend: true };
    case 'receive':
      return { postalReceive: true };
    case 'both':
      return { postalSend: true, postalReceive: true };
    case 'none':
      return { postalSend: false, postalReceive: false };
    default:
      return {};
  }
}

const asLevel = (v: string | undefined): ProcedureLevel | undefined =>
  (PROCEDURE_LEVELS as readonly string[]).includes(v ?? '') ? (v as ProcedureLevel) : undefined;
const asOnline = (v: string | undefined): OnlineLevel | undefined =>
  (ONLINE_LEVELS as readonly string[]).includes(v ?? '') ? (v as OnlineLevel) : undefined;
const asPostal = (v: string | undefined): PostalFilter | undefined =>
  v !== undefined && v in POSTAL_FILTER ? (v as PostalFilter) : undefined;
const asStatus = (v: string | undefined): ProcedureStatus | undefined =>
  v === 'draft' || v === 'published' || v === 'retired' ? v : undefined;

/** The format of an uploaded catalog file: the query parameter, else the content type, else the bytes. */
function importFormat(request: FastifyRequest, bytes: Buffer, query: string | undefined): CatalogFileFormat {
  if (query === 'xlsx' || query === 'csv') return query;
  const type = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (type === XLSX_TYPE) return 'xlsx';
  if (type === 'text/csv') return 'csv';
  // A ZIP container (PK\x03\x04) is an XLSX workbook; anything else is read as CSV text.
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 3 && bytes[3] === 4
    ? 'xlsx'
    : 'csv';
}

// ---------------------------------------------------------------- staff forms

/** The draft form prefilled from a version. */
function draftFormOf(v: ProcedureVersion): DraftForm {
  return {
    name: v.name,
    timeValue: String(v.processingTime.value),
    timeUnit: v.processingTime.unit,
    cutoff: v.cutoffTime ?? '',
    online: v.onlineLevel,
    postalSend: v.postal.sendDossier,
    postalReceive: v.postal.receiveResult,
    oneStop: v.oneStop,
    fees: writeFees(v.fees),
    documents: writeDocuments(v.documents),
  };
}

type FormBody = Record<string, string | string[] | undefined>;
const str = (b: FormBody, k: string): string => {
  const v = b[k];
  return (Array.isArray(v) ? (v[0] ?? '') : (v ?? '')).trim();
};

function draftFormFromBody(b: FormBody): DraftForm {
  return {
    name: str(b, 'name'),
    timeValue: str(b, 'timeValue'),
    timeUnit: str(b, 'timeUnit'),
    cutoff: str(b, 'cutoff'),
    online: str(b, 'online'),
    postalSend: str(b, 'postalSend') !== '',
    postalReceive: str(b, 'postalReceive') !== '',
    oneStop: str(b, 'oneStop') !== '',
    fees: str(b, 'fees'),
    documents: str(b, 'documents'),
  };
}

const FIELD_LABELS: Record<string, [string, string]> = {
  name: ['Tên thủ tục', 'Name'],
  timeValue: ['Thời hạn giải quyết', 'Time limit'],
  timeUnit: ['Đơn vị thời hạn', 'Time unit'],
  cutoff: ['Giờ cắt', 'Cut-off'],
  online: ['Mức độ dịch vụ công trực tuyến', 'Online service level'],
  fees: ['Phí, lệ phí', 'Fees'],
  documents: ['Thành phần hồ sơ', 'Required documents'],
  validFrom: ['Hiệu lực từ ngày', 'Valid from'],
  decisionNumber: ['Số quyết định', 'Decision number'],
  decisionDate: ['Ngày ký quyết định', 'Decision date'],
  lastDay: ['Ngày cuối cùng còn hiệu lực', 'Last day in force'],
};

function fieldError(lang: 'vi' | 'en', field: string, vi: string, en: string, item?: number): FieldError {
  const label = FIELD_LABELS[field] ?? [field, field];
  const where = item === undefined ? '' : L(lang, ` (dòng ${item + 1})`, ` (line ${item + 1})`);
  return { field, message: `${lang === 'vi' ? label[0] : label[1]}${where}: ${L(lang, vi, en)}` };
}

/** A domain problem path (`fees[1].amountVnd`) → the form field and list item it belongs to. */
function formFieldOf(path: string): { field: string; item?: number } {
  const item = /^\w+\[(\d+)\]/.exec(path);
  const index = item ? Number(item[1]) : undefined;
  if (path.startsWith('processingTime.unit')) return { field: 'timeUnit' };
  if (path.startsWith('processingTime')) return { field: 'timeValue' };
  if (path === 'cutoffTime') return { field: 'cutoff' };
  if (path.startsWith('fees')) return { field: 'fees', ...(index !== undefined ? { item: index } : {}) };
  if (path.startsWith('documents'))
    return { field: 'documents', ...(index !== undefined ? { item: index } : {}) };
  if (path === 'onlineLevel') return { field: 'online' };
  return { field: 'name' };
}

/** Reads the draft form onto `base` (the version it starts from); every problem is reported. */
function draftInputFrom(
  lang: 'vi' | 'en',
  base: ProcedureVersion,
  form: DraftForm,
): { input: ProcedureVersionInput | undefined; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const value = form.timeValue === '' ? undefined : readDecimal(form.timeValue);
  if (value === undefined)
    errors.push(fieldError(lang, 'timeValue', 'Nhập thời hạn giải quyết.', 'Enter the time limit.'));
  else if (!value.ok) errors.push(fieldError(lang, 'timeValue', value.problem.vi, value.problem.en));
  const unit = (TIME_UNITS as readonly string[]).includes(form.timeUnit)
    ? (form.timeUnit as TimeUnit)
    : undefined;
  if (unit === undefined) errors.push(fieldError(lang, 'timeUnit', 'Chọn đơn vị.', 'Choose a unit.'));
  const online = asOnline(form.online);
  if (online === undefined) errors.push(fieldError(lang, 'online', 'Chọn mức độ.', 'Choose a level.'));
  const fees = form.fees === '' ? { ok: true as const, value: [] } : readFees(form.fees);
  if (!fees.ok) errors.push(fieldError(lang, 'fees', fees.problem.vi, fees.problem.en));
  const documents = form.documents === '' ? { ok: true as const, value: [] } : readDocuments(form.documents);
  if (!documents.ok) errors.push(fieldError(lang, 'documents', documents.problem.vi, documents.problem.en));
  if (form.name === '') errors.push(fieldError(lang, 'name', 'Nhập tên thủ tục.', 'Enter the name.'));

  const {
    version: _v,
    status: _s,
    validFrom: _f,
    validTo: _t,
    decision: _d,
    cutoffTime: _c,
    ...content
  } = base as ProcedureVersion & { id?: unknown };
  const bookkeeping = ['id', 'generated', 'createdAt', 'createdBy', 'publishedAt', 'publishedBy'];
  const clean = Object.fromEntries(Object.entries(content).filter(([k]) => !bookkeeping.includes(k)));
  const input = {
    ...(clean as unknown as Omit<ProcedureVersionInput, 'validFrom' | 'validTo' | 'decision'>),
    name: form.name,
    processingTime: { value: value?.ok ? value.value : 0, unit: unit ?? 'working_days' },
    ...(form.cutoff !== '' ? { cutoffTime: form.cutoff } : {}),
    onlineLevel: online ?? 'none',
    postal: { sendDossier: form.postalSend, receiveResult: form.postalReceive },
    oneStop: form.oneStop,
    fees: fees.ok ? fees.value : [],
    documents: documents.ok ? documents.value : [],
    validFrom: null,
    validTo: null,
    decision: null,
  } satisfies ProcedureVersionInput;
  const failed = new Set(errors.map((e) => e.field));
  for (const p of validateProcedureVersion(input)) {
    const { field, item } = formFieldOf(p.path);
    if (failed.has(field)) continue;
    errors.push(fieldError(lang, field, p.vi, p.en, item));
  }
  return { input: errors.length === 0 ? input : undefined, errors };
}

// ---------------------------------------------------------------- routes

/** The catalog's API routes and pages, as one Fastify plugin (its content-type parsers stay inside it). */
export async function catalogRoutes(app: FastifyInstance, options: CatalogRoutesOptions): Promise<void> {
  const { catalog, clock } = options;
  const today = () => localDateOf(clock.now());
  const dateOr = (value: string | undefined, name: string): string => {
    if (value === undefined || value === '') return today();
    if (!isLocalDate(value))
      throw new AppError('VALIDATION_FAILED', {
        invalidParams: [{ name, reason: 'not a real date YYYY-MM-DD' }],
      });
    return value;
  };
  const publicConfig = { permission: 'public' as const, rateLimit: options.publicRateLimit };
  const manages = (request: FastifyRequest) =>
    request.actor !== undefined && hasPermission(request.actor, 'catalog.manage');

  // Raw catalog files for the import, in this plugin only.
  app.addContentTypeParser(
    ['application/octet-stream', 'text/csv', XLSX_TYPE],
    { parseAs: 'buffer', bodyLimit: IMPORT_BODY_LIMIT_BYTES },
    (_request, body, done) => done(null, body),
  );

  // ------------------------------------------------------------ API: read

  app.get(
    '/api/v1/procedures',
    {
      config: publicConfig,
      schema: {
        tags: ['catalog'],
        summary: 'Search the procedures in force on a date (diacritics-insensitive, typo-tolerant)',
        description:
          '`postal`: `send` — the dossier may be sent by post (BCCI); `receive` — the result may be returned by post; `both` — both; `none` — neither. `online` takes one level or a comma-separated list. Without `q` the filtered catalog is listed alphabetically.',
        querystring: Type.Object({
          q: Type.Optional(Type.String({ maxLength: 200 })),
          level: Type.Optional(Level),
          field: Type.Optional(Type.String({ maxLength: 200 })),
          agency: Type.Optional(Type.String({ maxLength: 64 })),
          online: Type.Optional(
            Type.String({
              pattern: '^(full|partial|none)(,(full|partial|none))*$',
              description: 'full, partial, none',
            }),
          ),
          postal: Type.Optional(Type.Enum(['send', 'receive', 'both', 'none'])),
          oneStop: Type.Optional(Type.Boolean()),
          page: Type.Integer({ minimum: 1, maximum: 100_000, default: 1 }),
          pageSize: Type.Integer({ minimum: 1, maximum: 200, default: 20 }),
          at: Type.Optional(LocalDate),
        }),
        response: {
          200: Type.Object({
            at: Type.String(),
            items: Type.Array(SummarySchema),
            total: Type.Integer(),
            page: Type.Integer(),
            pageSize: Type.Integer(),
          }),
        },
      },
    },
    async (request) => {
      const q = request.query as {
        q?: string;
        level?: ProcedureLevel;
        field?: string;
        agency?: string;
        online?: string;
        postal?: PostalFilter;
        oneStop?: boolean;
        page: number;
        pageSize: number;
        at?: string;
      };
      const at = dateOr(q.at, 'at');
      const online = q.online?.split(',') as OnlineLevel[] | undefined;
      const result = await catalog.searchVersions(
        {
          text: q.q,
          page: q.page,
          pageSize: q.pageSize,
          filters: {
            ...(q.level ? { level: q.level } : {}),
            ...(q.field ? { field: q.field } : {}),
            ...(q.agency ? { agency: q.agency } : {}),
            ...(online ? { online } : {}),
            ...(q.oneStop !== undefined ? { oneStop: q.oneStop } : {}),
            ...postalFilters(q.postal),
          },
        },
        at,
      );
      return { at, ...result, items: result.items.map(summaryJson) };
    },
  );

  app.get(
    '/api/v1/procedures/:code',
    {
      config: publicConfig,
      schema: {
        tags: ['catalog'],
        summary: 'The version of a procedure in force on a date (default today)',
        params: CodeParam,
        querystring: Type.Object({ at: Type.Optional(LocalDate) }),
        response: { 200: VersionSchema },
      },
    },
    async (request) => {
      const { code } = request.params as { code: string };
      const at = dateOr((request.query as { at?: string }).at, 'at');
      return (await catalog.procedure(code, at)).version;
    },
  );

  app.get(
    '/api/v1/procedures/:code/versions',
    {
      config: publicConfig,
      schema: {
        tags: ['catalog'],
        summary: 'Every version of a procedure (drafts only with catalog.manage)',
        params: CodeParam,
        response: { 200: Type.Object({ code: Type.String(), items: Type.Array(StoredVersionSchema) }) },
      },
    },
    async (request) => {
      const { code } = request.params as { code: string };
      const all = await catalog.versions(code);
      const visible = manages(request) ? all : all.filter((v) => v.status !== 'draft');
      if (visible.length === 0) throw new AppError('PROCEDURE_NOT_FOUND', { details: { code } });
      return { code, items: visible.map(storedJson) };
    },
  );

  app.get(
    '/api/v1/procedures/:code/versions/:from/diff/:to',
    {
      config: publicConfig,
      schema: {
        tags: ['catalog'],
        summary: 'Field-by-field changes between two versions (values rendered in Vietnamese)',
        params: Type.Object({
          code: Type.String({ minLength: 1, maxLength: 24 }),
          from: Type.Integer({ minimum: 1 }),
          to: Type.Integer({ minimum: 1 }),
        }),
        response: {
          200: Type.Object({
            code: Type.String(),
            from: Type.Integer(),
            to: Type.Integer(),
            changes: Type.Array(
              Type.Object({
                path: Type.String(),
                labelVi: Type.String(),
                labelEn: Type.String(),
                kind: Type.String(),
                before: Type.Union([Type.String(), Type.Null()]),
                after: Type.Union([Type.String(), Type.Null()]),
              }),
            ),
          }),
        },
      },
    },
    async (request) => {
      const { code, from, to } = request.params as { code: string; from: number; to: number };
      if (!manages(request)) {
        // Drafts are not public: a draft on either side reads as not found.
        const all = await catalog.versions(code);
        const hidden = [from, to].some((n) => all.find((v) => v.version === n)?.status === 'draft');
        if (hidden) throw new AppError('CATALOG_VERSION_NOT_FOUND', { details: { code, from, to } });
      }
      return { code, from, to, changes: await catalog.diff(code, from, to) };
    },
  );

  app.get(
    '/api/v1/catalog/coverage',
    {
      config: publicConfig,
      schema: {
        tags: ['catalog'],
        summary: 'Procedures in force by level × one-stop × online level × postal option',
        querystring: Type.Object({ at: Type.Optional(LocalDate) }),
        response: {
          200: Type.Object({
            at: Type.String(),
            rows: Type.Array(CoverageRowSchema),
            total: CoverageRowSchema,
          }),
        },
      },
    },
    async (request) => catalog.coverage(dateOr((request.query as { at?: string }).at, 'at')),
  );

  // ------------------------------------------------------------ API: write (catalog.manage)

  app.post(
    '/api/v1/procedures',
    {
      config: { permission: 'catalog.manage' },
      schema: {
        tags: ['catalog'],
        summary: 'Create a draft: version 1 of a new code, or the next version of an existing code',
        body: VersionInputSchema,
        response: { 201: VersionSchema },
      },
    },
    async (request, reply) => {
      const draft = await catalog.createDraft(
        auditActor(request.actor!),
        inputOf(request.body as VersionInputBody),
        clock.now(),
      );
      return reply.code(201).header('location', `/api/v1/procedures/${draft.code}/versions`).send(draft);
    },
  );

  app.put(
    '/api/v1/procedures/:code/versions/:version',
    {
      config: { permission: 'catalog.manage' },
      schema: {
        tags: ['catalog'],
        summary: 'Edit a draft (a published or retired version cannot change: 409)',
        params: VersionParams,
        body: VersionInputSchema,
        response: { 200: VersionSchema },
      },
    },
    async (request) => {
      const { code, version } = request.params as { code: string; version: number };
      return catalog.updateDraft(
        auditActor(request.actor!),
        code,
        version,
        inputOf(request.body as VersionInputBody),
        clock.now(),
      );
    },
  );

  app.post(
    '/api/v1/procedures/:code/versions/:version/publish',
    {
      config: { permission: 'catalog.manage' },
      // The body is optional: without one, the draft's own validFrom and decision are used.
      preValidation: async (request) => {
        if (request.body === undefined || request.body === null) request.body = {};
      },
      schema: {
        tags: ['catalog'],
        summary: 'Publish a draft from validFrom; the version in force ends the day before',
        params: VersionParams,
        body: Type.Object(
          { validFrom: Type.Optional(LocalDate), decision: Type.Optional(Decision) },
          { additionalProperties: false },
        ),
        response: { 200: VersionSchema },
      },
    },
    async (request) => {
      const { code, version } = request.params as { code: string; version: number };
      const body = (request.body ?? {}) as {
        validFrom?: string;
        decision?: { number: string; date: string };
      };
      if (body.validFrom !== undefined) dateOr(body.validFrom, 'body/validFrom');
      if (body.decision) dateOr(body.decision.date, 'body/decision/date');
      return catalog.publish(auditActor(request.actor!), code, version, body, clock.now());
    },
  );

  app.post(
    '/api/v1/procedures/:code/versions/:version/retire',
    {
      config: { permission: 'catalog.manage' },
      schema: {
        tags: ['catalog'],
        summary: 'Retire a published version after lastDay (inclusive)',
        params: VersionParams,
        body: Type.Object({ lastDay: LocalDate }, { additionalProperties: false }),
        response: { 200: VersionSchema },
      },
    },
    async (request) => {
      const { code, version } = request.params as { code: string; version: number };
      const { lastDay } = request.body as { lastDay: string };
      dateOr(lastDay, 'body/lastDay');
      return catalog.retire(auditActor(request.actor!), code, version, lastDay, clock.now());
    },
  );

  app.post(
    '/api/v1/catalog/import',
    {
      config: { permission: 'catalog.manage' },
      bodyLimit: IMPORT_BODY_LIMIT_BYTES,
      schema: {
        tags: ['catalog'],
        summary: 'Import a catalog file (XLSX or CSV, raw body); all or nothing',
        description:
          'Send the file as the raw body (`application/octet-stream`, `text/csv` or the XLSX type). Every row is checked first; on any error nothing is written and the answer is 422 CATALOG_IMPORT_INVALID with `errors: [{row, column, code, reason_vi, reason_en}]`. Rows already stored with the same content are skipped.',
        querystring: FormatQuery,
        response: {
          200: Type.Object({
            imported: Type.Integer(),
            skipped: Type.Integer(),
            warnings: Type.Array(ImportMessage),
          }),
          422: Type.Object({
            type: Type.String(),
            code: Type.String(),
            title: Type.String(),
            status: Type.Integer(),
            instance: Type.Optional(Type.String()),
            errors: Type.Array(ImportMessage),
            warnings: Type.Array(ImportMessage),
          }),
        },
      },
    },
    async (request, reply) => {
      const body = request.body;
      if (!Buffer.isBuffer(body) || body.length === 0) throw new AppError('CATALOG_FORMAT_UNSUPPORTED');
      const format = importFormat(request, body, (request.query as { format?: string }).format);
      const report = await catalog.importFile(auditActor(request.actor!), body, format, clock.now());
      if (report.errors.length > 0) {
        const problem = makeProblem('CATALOG_IMPORT_INVALID', request.lang, {
          instance: request.url.split('?')[0],
          extra: { errors: report.errors, warnings: report.warnings },
        });
        return reply.code(422).type('application/problem+json; charset=utf-8').send(problem);
      }
      return { imported: report.imported, skipped: report.skipped, warnings: report.warnings };
    },
  );

  app.get(
    '/api/v1/catalog/export',
    {
      config: { permission: 'catalog.manage' },
      schema: {
        tags: ['catalog'],
        summary: 'Download every stored version as XLSX (default) or CSV (UTF-8 with BOM)',
        querystring: Type.Object({
          format: Type.Optional(Type.Enum(['xlsx', 'csv'])),
          generated: Type.Optional(
            Type.Boolean({ description: 'Only (true) or no (false) generated procedures' }),
          ),
        }),
      },
    },
    async (request, reply) => {
      const q = request.query as { format?: CatalogFileFormat; generated?: boolean };
      const format = q.format ?? 'xlsx';
      const file = await catalog.exportFile(
        format,
        q.generated === undefined ? {} : { generated: q.generated },
      );
      return reply
        .type(format === 'xlsx' ? XLSX_TYPE : 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="danh-muc-thu-tuc-${today()}.${format}"`)
        .send(file);
    },
  );

  // ------------------------------------------------------------ public pages

  const htmlType = 'text/html; charset=utf-8';
  const PageQuery = Type.Object({
    q: Type.Optional(Type.String({ maxLength: 200 })),
    level: Type.Optional(Type.String({ maxLength: 10 })),
    field: Type.Optional(Type.String({ maxLength: 200 })),
    online: Type.Optional(Type.String({ maxLength: 10 })),
    postal: Type.Optional(Type.String({ maxLength: 10 })),
    oneStop: Type.Optional(Type.String({ maxLength: 5 })),
    status: Type.Optional(Type.String({ maxLength: 10 })),
    page: Type.Optional(Type.String({ maxLength: 6 })),
    at: Type.Optional(Type.String({ maxLength: 10 })),
    done: Type.Optional(Type.String({ maxLength: 20 })),
  });
  type PageQueryT = Static<typeof PageQuery>;
  const pageNo = (v: string | undefined) => {
    const n = Number(v);
    return Number.isInteger(n) && n >= 1 && n <= 100_000 ? n : 1;
  };
  const pageDate = (v: string | undefined) => (v && isLocalDate(v) ? v : today());

  app.get(
    '/thu-tuc',
    { config: publicConfig, schema: { hide: true, querystring: PageQuery } },
    async (request, reply) => {
      const q = request.query as PageQueryT;
      const at = today();
      const form: SearchForm = {
        q: q.q?.trim() ?? '',
        level: asLevel(q.level),
        field: q.field?.trim() ?? '',
        online: asOnline(q.online),
        postal: asPostal(q.postal),
        oneStop: q.oneStop === 'yes' ? true : q.oneStop === 'no' ? false : undefined,
        page: pageNo(q.page),
      };
      const results = await catalog.searchVersions(
        {
          text: form.q,
          page: form.page,
          pageSize: 20,
          filters: {
            ...(form.level ? { level: form.level } : {}),
            ...(form.field ? { field: form.field } : {}),
            ...(form.online ? { online: form.online } : {}),
            ...(form.oneStop !== undefined ? { oneStop: form.oneStop } : {}),
            ...postalFilters(form.postal),
          },
        },
        at,
      );
      const fields = await catalog.fields(at);
      return reply
        .type(htmlType)
        .send(searchPage(pageContext(request, options.demo), form, fields, results, at));
    },
  );

  app.get(
    '/thu-tuc/thong-ke',
    { config: publicConfig, schema: { hide: true, querystring: PageQuery } },
    async (request, reply) => {
      const at = pageDate((request.query as PageQueryT).at);
      return reply
        .type(htmlType)
        .send(publicCoveragePage(pageContext(request, options.demo), await catalog.coverage(at)));
    },
  );

  app.get(
    '/thu-tuc/:code',
    { config: publicConfig, schema: { hide: true, params: CodeParam, querystring: PageQuery } },
    async (request, reply) => {
      const { code } = request.params as { code: string };
      const at = pageDate((request.query as PageQueryT).at);
      const { version } = await catalog.procedure(code, at);
      return reply
        .type(htmlType)
        .send(procedurePage(pageContext(request, options.demo), version, at, today()));
    },
  );

  // ------------------------------------------------------------ staff pages

  app.get(
    '/admin/catalog',
    { config: { permission: 'catalog.manage' }, schema: { hide: true, querystring: PageQuery } },
    async (request, reply) => {
      const q = request.query as PageQueryT;
      const filter = { q: q.q?.trim() ?? '', status: asStatus(q.status) };
      const list = await catalog.adminList(
        {
          text: filter.q,
          ...(filter.status ? { status: filter.status } : {}),
          page: pageNo(q.page),
          pageSize: 50,
        },
        today(),
      );
      return reply.type(htmlType).send(adminListPage(pageContext(request, options.demo), filter, list));
    },
  );

  app.get(
    '/admin/catalog/coverage',
    { config: { permission: 'catalog.manage' }, schema: { hide: true, querystring: PageQuery } },
    async (request, reply) => {
      const at = pageDate((request.query as PageQueryT).at);
      return reply
        .type(htmlType)
        .send(adminCoveragePage(pageContext(request, options.demo), await catalog.coverage(at)));
    },
  );

  const NOTICES: Record<string, [string, string]> = {
    draft: ['Đã lưu dự thảo.', 'The draft was saved.'],
    published: ['Đã công bố phiên bản mới.', 'The new version was published.'],
    retired: ['Đã bãi bỏ phiên bản.', 'The version was retired.'],
  };

  /** Renders the staff procedure page (with the forms' input and errors when given). */
  async function renderAdminProcedure(
    request: FastifyRequest,
    reply: FastifyReply,
    code: string,
    override: Partial<AdminProcedureState> = {},
    status = 200,
  ) {
    const history = await catalog.versions(code);
    const diffs = new Map<number, FieldChange[]>();
    for (let i = 1; i < history.length; i++) {
      const [a, b] = [history[i - 1], history[i]];
      if (a && b) diffs.set(b.version, await catalog.diff(code, a.version, b.version));
    }
    const inForce = (await catalog.versionInForce(code, today()))?.version.version ?? null;
    const draft = history.find((v) => v.status === 'draft');
    const base = draft ?? history.find((v) => v.version === inForce) ?? history[history.length - 1];
    if (!base) throw new AppError('PROCEDURE_NOT_FOUND', { details: { code } });
    const lang = request.lang;
    const done = (request.query as PageQueryT).done;
    const notice = done && NOTICES[done] ? L(lang, NOTICES[done][0], NOTICES[done][1]) : undefined;
    const state: AdminProcedureState = {
      draftForm: draftFormOf(base),
      publishForm: { validFrom: draft?.validFrom ?? today(), decisionNumber: '', decisionDate: '' },
      retireForm: { lastDay: '' },
      errors: [],
      ...(notice ? { notice } : {}),
      ...override,
    };
    return reply
      .code(status)
      .type(htmlType)
      .send(adminProcedurePage(pageContext(request, options.demo), code, history, diffs, inForce, state));
  }

  app.get(
    '/admin/catalog/:code',
    {
      config: { permission: 'catalog.manage' },
      schema: { hide: true, params: CodeParam, querystring: PageQuery },
    },
    async (request, reply) => renderAdminProcedure(request, reply, (request.params as { code: string }).code),
  );

  const FormBodySchema = Type.Record(Type.String(), Type.Union([Type.String(), Type.Array(Type.String())]));
  const errorStatus = (e: AppError) => (e.status === 409 ? 409 : 422);

  /** Create (no version) or update (a draft's version) from the staff form. */
  async function saveDraft(
    request: FastifyRequest,
    reply: FastifyReply,
    code: string,
    version: number | undefined,
  ) {
    const lang = request.lang;
    const form = draftFormFromBody(request.body as FormBody);
    const history = await catalog.versions(code);
    const inForce = (await catalog.versionInForce(code, today()))?.version.version ?? null;
    const base =
      (version !== undefined ? history.find((v) => v.version === version) : undefined) ??
      history.find((v) => v.version === inForce) ??
      history.filter((v) => v.status !== 'draft').pop() ??
      history[history.length - 1];
    if (!base) throw new AppError('PROCEDURE_NOT_FOUND', { details: { code } });
    const { input, errors } = draftInputFrom(lang, base, form);
    if (!input)
      return renderAdminProcedure(request, reply, code, { draftForm: form, errors, errorForm: 'draft' }, 422);
    try {
      const actor = auditActor(request.actor!);
      if (version === undefined) await catalog.createDraft(actor, input, clock.now());
      else await catalog.updateDraft(actor, code, version, input, clock.now());
    } catch (error) {
      if (!isAppError(error) || error.status >= 500) throw error;
      const spec = ERROR_CATALOG[error.code];
      const errors = [{ field: 'name', message: L(lang, spec.vi, spec.en) }];
      return renderAdminProcedure(
        request,
        reply,
        code,
        { draftForm: form, errors, errorForm: 'draft' },
        errorStatus(error),
      );
    }
    return reply.redirect(`/admin/catalog/${code}?done=draft`, 303);
  }

  app.post(
    '/admin/catalog/:code/drafts',
    {
      config: { permission: 'catalog.manage' },
      schema: { hide: true, params: CodeParam, body: FormBodySchema },
    },
    async (request, reply) => saveDraft(request, reply, (request.params as { code: string }).code, undefined),
  );

  app.post(
    '/admin/catalog/:code/versions/:version',
    {
      config: { permission: 'catalog.manage' },
      schema: { hide: true, params: VersionParams, body: FormBodySchema },
    },
    async (request, reply) => {
      const { code, version } = request.params as { code: string; version: number };
      return saveDraft(request, reply, code, version);
    },
  );

  app.post(
    '/admin/catalog/:code/versions/:version/publish',
    {
      config: { permission: 'catalog.manage' },
      schema: { hide: true, params: VersionParams, body: FormBodySchema },
    },
    async (request, reply) => {
      const { code, version } = request.params as { code: string; version: number };
      const lang = request.lang;
      const b = request.body as FormBody;
      const form: PublishForm = {
        validFrom: str(b, 'validFrom'),
        decisionNumber: str(b, 'decisionNumber'),
        decisionDate: str(b, 'decisionDate'),
      };
      const errors: FieldError[] = [];
      const validFrom = form.validFrom === '' ? undefined : readDate(form.validFrom);
      if (validFrom === undefined)
        errors.push(
          fieldError(lang, 'validFrom', 'Nhập ngày bắt đầu hiệu lực.', 'Enter the first day in force.'),
        );
      else if (!validFrom.ok)
        errors.push(fieldError(lang, 'validFrom', validFrom.problem.vi, validFrom.problem.en));
      const decisionDate = form.decisionDate === '' ? undefined : readDate(form.decisionDate);
      if (decisionDate !== undefined && !decisionDate.ok)
        errors.push(fieldError(lang, 'decisionDate', decisionDate.problem.vi, decisionDate.problem.en));
      if (form.decisionNumber !== '' && decisionDate === undefined)
        errors.push(
          fieldError(lang, 'decisionDate', 'Nhập ngày ký quyết định.', 'Enter the date of the decision.'),
        );
      if (form.decisionNumber === '' && decisionDate !== undefined)
        errors.push(fieldError(lang, 'decisionNumber', 'Nhập số quyết định.', 'Enter the decision number.'));
      if (errors.length === 0 && validFrom?.ok) {
        try {
          await catalog.publish(
            auditActor(request.actor!),
            code,
            version,
            {
              validFrom: validFrom.value,
              ...(decisionDate?.ok
                ? { decision: { number: form.decisionNumber, date: decisionDate.value } }
                : {}),
            },
            clock.now(),
          );
          return reply.redirect(`/admin/catalog/${code}?done=published`, 303);
        } catch (error) {
          if (!isAppError(error) || error.status >= 500) throw error;
          const conflict = (error.details as { conflictingVersion?: number } | undefined)?.conflictingVersion;
          const extra =
            conflict !== undefined ? L(lang, ` (phiên bản ${conflict})`, ` (version ${conflict})`) : '';
          const spec = ERROR_CATALOG[error.code];
          errors.push(fieldError(lang, 'validFrom', `${spec.vi}${extra}`, `${spec.en}${extra}`));
          return renderAdminProcedure(
            request,
            reply,
            code,
            { publishForm: form, errors, errorForm: 'publish' },
            errorStatus(error),
          );
        }
      }
      return renderAdminProcedure(
        request,
        reply,
        code,
        { publishForm: form, errors, errorForm: 'publish' },
        422,
      );
    },
  );

  app.post(
    '/admin/catalog/:code/versions/:version/retire',
    {
      config: { permission: 'catalog.manage' },
      schema: { hide: true, params: VersionParams, body: FormBodySchema },
    },
    async (request, reply) => {
      const { code, version } = request.params as { code: string; version: number };
      const lang = request.lang;
      const form: RetireForm = { lastDay: str(request.body as FormBody, 'lastDay') };
      const lastDay = form.lastDay === '' ? undefined : readDate(form.lastDay);
      let error: FieldError | undefined;
      let status = 422;
      if (lastDay === undefined) error = fieldError(lang, 'lastDay', 'Nhập ngày.', 'Enter the date.');
      else if (!lastDay.ok) error = fieldError(lang, 'lastDay', lastDay.problem.vi, lastDay.problem.en);
      else {
        try {
          await catalog.retire(auditActor(request.actor!), code, version, lastDay.value, clock.now());
          return reply.redirect(`/admin/catalog/${code}?done=retired`, 303);
        } catch (e) {
          if (!isAppError(e) || e.status >= 500) throw e;
          error = fieldError(lang, 'lastDay', ERROR_CATALOG[e.code].vi, ERROR_CATALOG[e.code].en);
          status = errorStatus(e);
        }
      }
      return renderAdminProcedure(
        request,
        reply,
        code,
        { retireForm: form, errors: [error], errorForm: 'retire' },
        status,
      );
    },
  );
}
