/**
 * Staff pages of the dossier module, server-rendered (no JavaScript needed), Vietnamese first:
 *
 * - `/counter` — the counter screen: procedure search → checklist → applicant → return method →
 *   fees → receive, or refuse; outcomes `/counter/received/{code}` (code, appointment, Mẫu 01) and
 *   `/counter/intake-records/{id}` (guidance Mẫu 02 or refusal Mẫu 03);
 * - `/dossiers` — the scoped list with due countdowns and filters; `/inbox` — the officer's inbox;
 * - `/dossiers/{code}` — the dossier page with the timeline and the action forms, which post to
 *   `/dossiers/{code}/actions` with the version the page showed.
 *
 * The pages call the same DossierService as the JSON API: scope checks, audit of personal-data
 * reads, idempotency (the counter form carries a key) and optimistic concurrency are the service's.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { Database } from '../../adapters/db/database.ts';
import type { Lang } from '../../adapters/http/i18n.ts';
import type { WorkingCalendar } from '../../kernel/calendar/index.ts';
import type { Clock } from '../../kernel/clock.ts';
import { AppError, ERROR_CATALOG, isAppError, type InvalidParam } from '../../kernel/errors.ts';
import { isLocalDate, localDateOf } from '../../kernel/local-date.ts';
import { pageContext } from '../access/access.routes.ts';
import { mayAccess, type Actor } from '../access/domain.ts';
import { CatalogService } from '../catalog/catalog.service.ts';
import { DOCUMENT_FORMS, type DocumentForm } from '../catalog/domain/procedure.ts';
import type { CatalogSearchQuery, CatalogSearchResult } from '../catalog/domain/search.ts';
import { formDefinition, formFor } from '../documents/forms/index.ts';
import type { OrgService } from '../org/org.service.ts';
import { DefaultCalendarSource, type CalendarSource } from './calendar-source.ts';
import type { ActionBody } from './domain/commands.ts';
import { FORM_NUMBERS, formData, formKindOf, formSetOf } from './domain/forms.ts';
import { offeredAt, type ChargedFee, type TickedDocument } from './domain/intake.ts';
import { ACTIONS, authorize, locationOf, type DossierAction } from './domain/lifecycle.ts';
import {
  CHANNELS,
  DOSSIER_STATUSES,
  PAYMENT_METHODS,
  RETURN_METHODS,
  type Applicant,
  type Channel,
  type Dossier,
  type DossierStatus,
  type PaymentMethod,
  type ReturnMethod,
  type ServicePointRef,
} from './domain/types.ts';
import * as repo from './dossiers.repository.ts';
import type { DossierService, DossierSettings, DossierSummary, IntakeInput } from './dossiers.service.ts';
import type { FieldError } from '../../views/form-components.ts';
import {
  counterPage,
  defaultIntakeForm,
  intakeRecordPage,
  receivedPage,
  type CounterProcedure,
  type CounterState,
  type FormLink,
  type ProcedureHit,
} from './views/counter.views.ts';
import { dossierPage, type DossierPageState } from './views/dossier.views.ts';
import { countdown, tr } from './views/labels.ts';
import { inboxPage, listPage, type ListFilter, type ListRow } from './views/list.views.ts';

/** What the counter needs from the catalog: search of the procedures in force on a date. */
export interface ProcedureSearch {
  search(query: CatalogSearchQuery, at: string): Promise<CatalogSearchResult>;
}

/** Options of the staff pages plugin. */
export interface DossierPagesOptions {
  readonly dossiers: DossierService;
  readonly org: OrgService;
  readonly database: Database;
  readonly clock: Clock;
  readonly demo: boolean;
  /** The catalog's search; without one the pages read the catalog tables themselves. */
  readonly catalog?: ProcedureSearch | undefined;
  /** Working calendars for the countdowns (the dossier service's source); default: the shipped years. */
  readonly calendars?: CalendarSource | undefined;
  /** Records the clerk's time at the counter (operations module, docs/post-operations.md); optional. */
  readonly counterTime?: CounterTimeRecorder | undefined;
}

/** Port: the counter form stamps `startedAt` when first shown; each outcome records start → end. */
export interface CounterTimeRecorder {
  recordCounterTime(
    actor: Actor,
    session: { servicePointCode: string; startedAt: string; endedAt: Date; dossierCode: string | null },
  ): Promise<boolean>;
}

const CSS = readFileSync(resolve(dirname(fileURLToPath(import.meta.url)), 'views/dossiers.css'));

/** Form posts: flat name → value pairs (the pages never repeat a name). */
const FormBody = Type.Record(Type.String(), Type.String({ maxLength: 5000 }), { maxProperties: 600 });
const CodeParam = Type.Object({ code: Type.String({ minLength: 1, maxLength: 100 }) });
const SHORT = Type.Optional(Type.String({ maxLength: 100 }));

/** The order in which action forms are offered. */
const ACTION_ORDER: readonly DossierAction[] = [
  'receive',
  'forward',
  'supplement',
  'handover',
  'request-supplement',
  'apologize',
  'complete',
  'record-payment',
  'return',
  'reject',
  'stop',
  'withdraw',
];

const FIELD_MESSAGES: Readonly<Record<string, { vi: string; en: string }>> = {
  fullName: { vi: 'Nhập họ và tên người nộp hồ sơ (hoặc tên tổ chức)', en: 'Enter the applicant’s name' },
  idNumber: {
    vi: 'Số định danh cá nhân phải gồm 12 chữ số hợp lệ (3 chữ số đầu là mã tỉnh nơi đăng ký khai sinh)',
    en: 'The personal ID number must be 12 valid digits',
  },
  taxCode: {
    vi: 'Mã số thuế gồm 10 chữ số, hoặc 10 chữ số, dấu gạch ngang và 3 chữ số',
    en: 'The tax code is 10 digits, or 10 digits, a hyphen and 3 digits',
  },
  phone: {
    vi: 'Nhập số điện thoại Việt Nam, ví dụ 0912 345 678',
    en: 'Enter a Vietnamese phone number, e.g. 0912 345 678',
  },
  email: {
    vi: 'Địa chỉ thư điện tử không đúng, ví dụ ten@example.vn',
    en: 'Enter an e-mail address like name@example.vn',
  },
  address: { vi: 'Nhập địa chỉ của người nộp hồ sơ', en: 'Enter the applicant’s address' },
  deliveryAddress: {
    vi: 'Nhập địa chỉ nhận kết quả qua bưu chính',
    en: 'Enter the delivery address for the postal return',
  },
  reason: { vi: 'Nhập lý do', en: 'Enter the reason' },
  documents: { vi: 'Kiểm tra lại thành phần hồ sơ', en: 'Check the documents' },
  fees: { vi: 'Kiểm tra lại phí, lệ phí', en: 'Check the fees' },
  returnMethod: {
    vi: 'Chọn hình thức nhận kết quả mà thủ tục cho phép',
    en: 'Choose a return method the procedure offers',
  },
  items: {
    vi: 'Nhập ít nhất một giấy tờ cần bổ sung (mỗi giấy tờ một dòng)',
    en: 'Enter at least one document to add (one per line)',
  },
  newDueDate: { vi: 'Nhập ngày và giờ hẹn trả mới', en: 'Enter the new date and time' },
  number: { vi: 'Nhập số, ký hiệu của kết quả', en: 'Enter the result’s number' },
  receiverName: { vi: 'Nhập họ tên người nhận', en: 'Enter who receives it' },
  identity: { vi: 'Chọn cách kiểm tra người nhận kết quả', en: 'Choose how the collector was identified' },
  authorisationRef: { vi: 'Nhập số văn bản ủy quyền', en: 'Enter the authorisation reference' },
  postalItemNumber: { vi: 'Nhập số hiệu bưu gửi', en: 'Enter the postal item number' },
  giverName: { vi: 'Nhập tên người giao', en: 'Enter who hands over' },
  giverUnit: { vi: 'Nhập đơn vị của người giao', en: 'Enter the unit handing over' },
  receiverUnit: { vi: 'Nhập đơn vị của người nhận', en: 'Enter the receiving unit' },
  feeSeq: { vi: 'Chọn khoản phí', en: 'Choose the fee' },
  receiptNumber: { vi: 'Nhập số biên lai', en: 'Enter the receipt number' },
  method: { vi: 'Chọn hình thức', en: 'Choose how' },
};

const message = (lang: Lang, key: string, fallback: string): string =>
  FIELD_MESSAGES[key]?.[lang] ?? fallback;
const catalogMessage = (lang: Lang, error: AppError): string => ERROR_CATALOG[error.code][lang];

/** The title of a form in sentence case ("Giấy tiếp nhận hồ sơ và hẹn trả kết quả"). */
function sentence(title: string): string {
  const lower = title.toLocaleLowerCase('vi');
  return lower.charAt(0).toLocaleUpperCase('vi') + lower.slice(1);
}

/** The printable forms that apply to the dossier now (the register is per service point, not listed). */
export function formsThatApply(d: Dossier, now: Date): FormLink[] {
  const set = formSetOf(d);
  const links: FormLink[] = [];
  for (const no of FORM_NUMBERS) {
    const kind = formKindOf(set, no);
    if (!kind || kind === 'register') continue;
    if (formData(d, no, { now }).ok) links.push({ no, title: sentence(formDefinition(set, no).title) });
  }
  return links;
}

/** The actions the actor may take on the dossier now, in page order. */
export function allowedActions(
  actor: Actor,
  d: Dossier,
  settings: DossierSettings,
  now: Date,
): DossierAction[] {
  return ACTION_ORDER.filter((action) => {
    if (!authorize(actor, d, action).ok) return false;
    if (action === 'record-payment') return d.fees.some((f) => f.payment === null);
    if (action === 'apologize')
      return (
        d.dueAt !== null && now.getTime() <= d.dueAt.getTime() && d.extensionCount < settings.maxExtensions
      );
    return true;
  });
}

const trimmed = (v: string | undefined): string => (v ?? '').trim();
const optional = (v: string | undefined): string | undefined => (trimmed(v) === '' ? undefined : trimmed(v));
const oneOf = <T extends string>(values: readonly T[], v: string | undefined): T | undefined =>
  (values as readonly string[]).includes(v ?? '') ? (v as T) : undefined;

/** The applicant as typed (the service validates it: ID number, tax code, phone, e-mail). */
function applicantOf(f: Readonly<Record<string, string>>): Applicant {
  const common = {
    fullName: trimmed(f.fullName),
    phone: trimmed(f.phone),
    email: optional(f.email),
    address: trimmed(f.address),
  };
  return f.kind === 'organisation'
    ? {
        kind: 'organisation',
        ...common,
        taxCode: trimmed(f.taxCode),
        representative: optional(f.representative),
      }
    : { kind: 'person', ...common, idNumber: trimmed(f.idNumber).replace(/\s/g, '') };
}

/** The intake input of the counter form, or the problems found before asking the service. */
function parseIntake(
  lang: Lang,
  p: CounterProcedure,
  spCode: string,
  f: Readonly<Record<string, string>>,
): { input: IntakeInput | undefined; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const documents: TickedDocument[] = [];
  p.documents.forEach((d, i) => {
    const n = i + 1;
    if (f[`doc${n}`] !== '1') return;
    const count = Number(trimmed(f[`doc${n}_count`]));
    if (!Number.isInteger(count) || count < 1 || count > 100) {
      errors.push({
        field: `doc${n}_count`,
        message: tr(
          lang,
          `Số bản của giấy tờ ${n} phải từ 1 đến 100`,
          `Copies of document ${n} must be 1 to 100`,
        ),
      });
      return;
    }
    documents.push({
      index: n,
      form: oneOf<DocumentForm>(DOCUMENT_FORMS, f[`doc${n}_form`]) ?? d.form,
      count,
      attached: f[`doc${n}_attached`] === '1',
      reused: f[`doc${n}_reused`] === '1',
    });
  });
  const method = oneOf<PaymentMethod>(PAYMENT_METHODS, f.payMethod) ?? 'cash';
  const fees: ChargedFee[] = [];
  p.fees.forEach((_fee, i) => {
    const n = i + 1;
    const receipt = optional(f[`fee${n}_receipt`]);
    if (f[`fee${n}`] !== '1' && receipt === undefined) return;
    fees.push(receipt ? { index: n, payment: { method, receiptNumber: receipt } } : { index: n });
  });
  const returnMethod = oneOf<ReturnMethod>(p.returnMethods, f.returnMethod);
  if (!returnMethod)
    errors.push({ field: 'returnMethod', message: message(lang, 'returnMethod', 'return method') });
  const applicant = applicantOf(f);
  if (errors.length > 0) return { input: undefined, errors };
  return {
    input: {
      procedureCode: p.code,
      servicePointCode: spCode,
      channel: 'counter',
      applicant,
      documents,
      returnMethod: returnMethod ?? 'counter',
      deliveryAddress: optional(f.deliveryAddress),
      fees,
    },
    errors,
  };
}

/** The field an intake problem belongs to (the ids of the counter form). */
function intakeField(name: string): string {
  const parts = name.split('/');
  if (parts[1] === 'applicant') return parts[2] ?? 'fullName';
  if (parts[1] === 'documents') return 'documents';
  if (parts[1] === 'fees') return 'fees';
  return parts[1] ?? 'fullName';
}

function intakeErrors(lang: Lang, error: AppError): FieldError[] {
  const params: readonly InvalidParam[] = error.invalidParams ?? [];
  if (params.length > 0) {
    const seen = new Set<string>();
    const out: FieldError[] = [];
    for (const p of params) {
      const field = intakeField(p.name);
      if (seen.has(field)) continue;
      seen.add(field);
      out.push({ field, message: message(lang, field, p.reason) });
    }
    return out;
  }
  if (error.code === 'DOSSIER_CHANNEL_NOT_OFFERED')
    return [{ field: 'returnMethod', message: catalogMessage(lang, error) }];
  return [{ field: 'procedure-title', message: catalogMessage(lang, error) }];
}

/** The action body of a dossier-page form, or the problems found before asking the service. */
function parseAction(
  lang: Lang,
  action: DossierAction,
  v: Readonly<Record<string, string>>,
): { body: ActionBody | undefined; errors: FieldError[] } {
  const version = Number(v.version);
  const base = { action, version: Number.isInteger(version) ? version : 0 };
  const errors: FieldError[] = [];
  const need = (key: string) => {
    if (trimmed(v[key]) === '') errors.push({ field: `${action}-${key}`, message: message(lang, key, key) });
  };
  let body: ActionBody;
  switch (action) {
    case 'receive':
      body = base;
      break;
    case 'supplement':
      body = { ...base, note: optional(v.note) };
      break;
    case 'forward':
      body = { ...base, receiverName: optional(v.receiverName), note: optional(v.note) };
      break;
    case 'handover':
      for (const k of ['giverName', 'giverUnit', 'receiverName', 'receiverUnit']) need(k);
      body = {
        ...base,
        giver: { name: trimmed(v.giverName), unit: trimmed(v.giverUnit) },
        receiver: { name: trimmed(v.receiverName), unit: trimmed(v.receiverUnit) },
        stepName: optional(v.stepName),
        note: optional(v.note),
      };
      break;
    case 'request-supplement': {
      const items = (v.items ?? '')
        .split(/\r?\n/)
        .map((s) => s.trim())
        .filter((s) => s !== '');
      body = { ...base, reason: trimmed(v.reason), items };
      break;
    }
    case 'reject':
    case 'withdraw':
      body = { ...base, reason: trimmed(v.reason) };
      break;
    case 'stop':
      body = { ...base, reason: trimmed(v.reason), legalBasis: optional(v.legalBasis) };
      break;
    case 'apologize': {
      const date = trimmed(v.newDueDate);
      const time = trimmed(v.newDueTime) || '17:00';
      let newDueAt: string | undefined;
      if (!isLocalDate(date) || !/^([01]\d|2[0-3]):[0-5]\d$/.test(time))
        errors.push({ field: 'apologize-newDueDate', message: message(lang, 'newDueDate', 'new date') });
      else newDueAt = `${date}T${time}:00+07:00`;
      body = { ...base, reason: trimmed(v.reason), newDueAt };
      break;
    }
    case 'complete':
      body = {
        ...base,
        result: {
          kind: v.resultKind === 'electronic' ? 'electronic' : 'paper',
          number: trimmed(v.resultNumber),
        },
      };
      break;
    case 'return':
      body = {
        ...base,
        method: oneOf<ReturnMethod>(RETURN_METHODS, v.method) ?? '',
        receiverName: optional(v.receiverName),
        identity:
          v.identity === 'authorisation'
            ? 'authorisation'
            : v.identity === 'id_document'
              ? 'id_document'
              : undefined,
        authorisationRef: optional(v.authorisationRef),
        postalItemNumber: optional(v.postalItemNumber),
      };
      break;
    case 'record-payment': {
      const feeSeq = Number(v.feeSeq);
      if (!Number.isInteger(feeSeq) || feeSeq < 1) need('feeSeq');
      body = {
        ...base,
        feeSeq: Number.isInteger(feeSeq) ? feeSeq : undefined,
        method: oneOf<PaymentMethod>(PAYMENT_METHODS, v.method) ?? 'cash',
        receiptNumber: trimmed(v.receiptNumber),
      };
      break;
    }
  }
  return { body: errors.length > 0 ? undefined : body, errors };
}

/** The field an action problem belongs to (ids `{action}-{field}` of the dossier page). */
function actionField(action: DossierAction, name: string): string {
  const parts = name.split('/').slice(1);
  const [first, second] = parts;
  const key =
    first === 'newDueAt'
      ? 'newDueDate'
      : first === 'result'
        ? 'number'
        : first === 'giver'
          ? 'giverName'
          : first === 'receiver' && action === 'handover'
            ? second === 'unit'
              ? 'receiverUnit'
              : 'receiverName'
            : (first ?? 'reason');
  return key;
}

function actionErrors(lang: Lang, action: DossierAction, error: AppError): FieldError[] {
  if (error.code === 'DOSSIER_VERSION_CONFLICT')
    return [{ field: 'actions', message: catalogMessage(lang, error) }];
  const params: readonly InvalidParam[] = error.invalidParams ?? [];
  if (params.length > 0)
    return params.map((p) => {
      const key = actionField(action, p.name);
      return { field: `${action}-${key}`, message: message(lang, key, p.reason) };
    });
  if (error.code === 'DOSSIER_APOLOGY_NOT_LATER')
    return [{ field: 'apologize-newDueDate', message: catalogMessage(lang, error) }];
  return [{ field: `a-${action}`, message: catalogMessage(lang, error) }];
}

function sendHtml(reply: FastifyReply, body: string, status = 200): FastifyReply {
  return reply.code(status).type('text/html; charset=utf-8').send(body);
}

/** The staff pages (counter, lists, dossier page, inbox). */
export async function dossierPages(app: FastifyInstance, options: DossierPagesOptions): Promise<void> {
  const { dossiers, org, database, clock, demo } = options;
  const catalog: ProcedureSearch = options.catalog ?? new CatalogService(database);
  const calendars: CalendarSource = options.calendars ?? new DefaultCalendarSource();
  const ctxOf = (request: FastifyRequest) => pageContext(request, demo);

  /** The working calendar of a service point (cached per request by the callers that need many). */
  async function calendarOf(servicePointCode: string): Promise<WorkingCalendar> {
    return (await calendars.calendarFor(servicePointCode)).calendar;
  }

  /** Countdown rows of a list, with each service point's calendar read once. */
  async function listRows(lang: Lang, items: readonly DossierSummary[], now: Date): Promise<ListRow[]> {
    const cache = new Map<string, WorkingCalendar>();
    const rows: ListRow[] = [];
    for (const s of items) {
      let calendar = cache.get(s.servicePointCode);
      if (!calendar) {
        calendar = await calendarOf(s.servicePointCode);
        cache.set(s.servicePointCode, calendar);
      }
      rows.push(listRow(lang, s, now, calendar));
    }
    return rows;
  }

  async function servicePointRef(code: string): Promise<ServicePointRef> {
    const sp = await org.servicePoint(code);
    return { code: sp.code, name: sp.name, level: sp.level, unitCode: sp.unitCode, address: sp.address };
  }

  /** The clerk's service points (from their grants), the chosen one first. */
  async function clerkPoints(actor: Actor, wanted: string | undefined) {
    const codes = [
      ...new Set(
        actor.grants
          .filter((g) => g.role === 'clerk' && g.scope.servicePoint)
          .map((g) => g.scope.servicePoint as string),
      ),
    ];
    if (codes.length === 0)
      throw new AppError('FORBIDDEN', { detail: 'No service point in your role scope.' });
    const points = await Promise.all(codes.map((c) => servicePointRef(c)));
    const chosen = points.find((p) => p.code === wanted) ?? (points[0] as ServicePointRef);
    return { points, chosen };
  }

  async function counterProcedure(
    code: string,
    sp: ServicePointRef,
    today: string,
  ): Promise<CounterProcedure | undefined> {
    const sourced = await dossiers.procedures.versionInForce(code, today);
    if (!sourced || !offeredAt(sourced.version, sp)) return undefined;
    const v = sourced.version;
    const returnMethods: ReturnMethod[] = ['counter'];
    if (v.postal.receiveResult) returnMethods.push('postal');
    if (v.result.kind !== 'paper') returnMethods.push('online');
    return {
      code: v.code,
      version: v.version,
      name: v.name,
      field: v.field,
      agencyName: v.agency.name,
      timeLimit: v.processingTime,
      documents: v.documents,
      fees: v.fees,
      returnMethods,
    };
  }

  /** Catalog hits that intake accepts here: in force in the dossier source and offered at the point. */
  async function searchProcedures(q: string, sp: ServicePointRef, today: string): Promise<ProcedureHit[]> {
    const result = await catalog.search({ text: q, pageSize: 60 }, today);
    const hits: ProcedureHit[] = [];
    // Words matched only in part ("lý" of "lý lịch" in another name) are noise when better matches exist.
    const strong = result.items.filter((i) => i.tier !== 'partial' && i.tier !== 'none');
    const codes = (strong.length > 0 ? strong : result.items).map((i) => i.procedure.code);
    if (/^\d\.\d{6}(\.[A-Za-z0-9]+)?$/.test(q.trim()) && !codes.includes(q.trim())) codes.unshift(q.trim());
    for (const code of codes) {
      if (hits.length >= 20) break;
      const p = await counterProcedure(code, sp, today);
      if (p) hits.push({ code: p.code, name: p.name, field: p.field, agencyName: p.agencyName });
    }
    return hits;
  }

  async function renderCounter(
    request: FastifyRequest,
    actor: Actor,
    input: { servicePoint?: string | undefined; q?: string | undefined; procedure?: string | undefined },
    state: { form?: Record<string, string>; errors?: FieldError[] } = {},
  ): Promise<{ body: string; found: boolean }> {
    const lang = request.lang;
    const now = clock.now();
    const today = localDateOf(now);
    const { points, chosen } = await clerkPoints(actor, input.servicePoint);
    const q = trimmed(input.q);
    let procedure: CounterProcedure | undefined;
    const errors = [...(state.errors ?? [])];
    if (input.procedure) {
      procedure = await counterProcedure(input.procedure, chosen, today);
      if (!procedure)
        errors.push({
          field: 'q',
          message: tr(
            lang,
            `Thủ tục ${input.procedure} không có hiệu lực hôm nay hoặc không được tiếp nhận tại bộ phận một cửa này.`,
            `Procedure ${input.procedure} is not in force today or not received at this service point.`,
          ),
        });
    }
    const s: CounterState = {
      servicePoints: points.map((p) => ({ code: p.code, name: p.name })),
      servicePoint: { code: chosen.code, name: chosen.name },
      q,
      hits: !procedure && q ? await searchProcedures(q, chosen, today) : undefined,
      procedure,
      form:
        state.form ?? (procedure ? { ...defaultIntakeForm(procedure), startedAt: now.toISOString() } : {}),
      errors,
      key: randomUUID(),
    };
    return {
      body: counterPage(ctxOf(request), s),
      found: input.procedure === undefined || procedure !== undefined,
    };
  }

  app.get(
    '/assets/dossiers.css',
    { config: { permission: 'public' }, schema: { hide: true } },
    async (_request, reply) =>
      reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(CSS),
  );

  app.get(
    '/counter',
    {
      config: { permission: 'dossiers.intake' },
      schema: {
        hide: true,
        querystring: Type.Object({
          q: Type.Optional(Type.String({ maxLength: 200 })),
          procedure: Type.Optional(Type.String({ maxLength: 40 })),
          servicePoint: Type.Optional(Type.String({ maxLength: 64 })),
          lang: Type.Optional(Type.String({ maxLength: 2 })),
        }),
      },
    },
    async (request, reply) => {
      const query = request.query as { q?: string; procedure?: string; servicePoint?: string };
      const { body, found } = await renderCounter(request, request.actor!, query);
      return sendHtml(reply, body, found ? 200 : 404);
    },
  );

  app.post(
    '/counter',
    { config: { permission: 'dossiers.intake' }, schema: { hide: true, body: FormBody } },
    async (request, reply) => {
      const actor = request.actor!;
      const lang = request.lang;
      const f = request.body as Record<string, string>;
      const now = clock.now();
      const { chosen } = await clerkPoints(actor, f.servicePoint);
      const procedure = await counterProcedure(trimmed(f.procedure), chosen, localDateOf(now));
      const again = async (errors: FieldError[], status: number) => {
        const { body } = await renderCounter(
          request,
          actor,
          { servicePoint: chosen.code, procedure: f.procedure },
          { form: f, errors },
        );
        return sendHtml(reply, body, status);
      };
      if (!procedure) return again([], 422);
      const key = optional(f.key);
      // Counter time (operations module): from the form's first rendering to this outcome; never blocks.
      const counterTime = async (dossierCode: string | null) => {
        if (!options.counterTime || !f.startedAt) return;
        await options.counterTime
          .recordCounterTime(actor, {
            servicePointCode: chosen.code,
            startedAt: f.startedAt,
            endedAt: now,
            dossierCode,
          })
          .catch((error: unknown) => request.log.warn({ err: error }, 'counter time not recorded'));
      };
      try {
        if (f.outcome === 'refuse') {
          if (trimmed(f.reason) === '')
            return again(
              [
                {
                  field: 'reason',
                  message: tr(lang, 'Nhập lý do từ chối tiếp nhận', 'Enter the reason for refusal'),
                },
              ],
              422,
            );
          const refused = await dossiers.refuse(
            actor,
            {
              procedureCode: procedure.code,
              servicePointCode: chosen.code,
              channel: 'counter',
              applicant: applicantOf(f),
              reason: trimmed(f.reason),
            },
            now,
            key && `refuse:${key}`,
          );
          await counterTime(null);
          return reply.redirect(`/counter/intake-records/${String(refused.body.id)}`, 303);
        }
        const parsed = parseIntake(lang, procedure, chosen.code, f);
        if (!parsed.input) return again(parsed.errors, 422);
        const result = await dossiers.intake(actor, parsed.input, now, key);
        await counterTime(result.status === 422 ? null : String(result.body.code));
        if (result.status === 422)
          return reply.redirect(`/counter/intake-records/${String(result.body.guidanceId)}`, 303);
        return reply.redirect(`/counter/received/${encodeURIComponent(String(result.body.code))}`, 303);
      } catch (error) {
        if (!isAppError(error) || error.status >= 500 || error.code === 'FORBIDDEN') throw error;
        return again(intakeErrors(lang, error), error.status === 400 ? 422 : error.status);
      }
    },
  );

  app.get(
    '/counter/received/:code',
    { config: { permission: 'dossiers.intake' }, schema: { hide: true, params: CodeParam } },
    async (request, reply) => {
      const { code } = request.params as { code: string };
      const d = await repo.loadDossier(database.db, code);
      if (!d) throw new AppError('DOSSIER_NOT_FOUND', { details: { code } });
      if (!mayAccess(request.actor!, 'dossiers.read', locationOf(d)))
        throw new AppError('DOSSIER_NOT_FOUND', { details: { code } });
      return sendHtml(reply, receivedPage(ctxOf(request), d, formsThatApply(d, clock.now())));
    },
  );

  app.get(
    '/counter/intake-records/:id',
    {
      config: { permission: 'dossiers.read' },
      schema: {
        hide: true,
        params: Type.Object({
          id: Type.String({ pattern: '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' }),
        }),
      },
    },
    async (request, reply) => {
      const { id } = request.params as { id: string };
      const record = await dossiers.intakeForm(request.actor!, id, clock.now());
      const formNo = formFor(record.receivedOn, record.viewModel.kind).no;
      return sendHtml(reply, intakeRecordPage(ctxOf(request), id, record.viewModel, formNo));
    },
  );

  function listRow(lang: Lang, s: DossierSummary, now: Date, calendar: WorkingCalendar): ListRow {
    const open = s.timeliness.state === 'open' && !s.timeliness.clockPaused && s.dueAt !== null;
    return {
      code: s.code,
      status: s.status,
      procedureName: s.procedure.name,
      applicantName: s.applicantName,
      channel: s.channel,
      receivedAt: s.receivedAt,
      dueAt: s.dueAt,
      timeliness: s.timeliness,
      countdown: open && s.dueAt ? countdown(lang, calendar, now, s.dueAt) : undefined,
    };
  }

  app.get(
    '/dossiers',
    {
      config: { permission: 'dossiers.read' },
      schema: {
        hide: true,
        querystring: Type.Object({
          status: SHORT,
          bucket: SHORT,
          procedure: Type.Optional(Type.String({ maxLength: 40 })),
          channel: SHORT,
          page: Type.Optional(Type.String({ maxLength: 6 })),
          lang: Type.Optional(Type.String({ maxLength: 2 })),
        }),
      },
    },
    async (request, reply) => {
      const q = request.query as Record<string, string | undefined>;
      const now = clock.now();
      const filter: ListFilter = {
        status: oneOf<DossierStatus>(DOSSIER_STATUSES, q.status) ?? '',
        bucket: oneOf(['overdue', 'nearly_due', 'not_yet_due'] as const, q.bucket) ?? '',
        procedure: trimmed(q.procedure),
        channel: oneOf<Channel>(CHANNELS, q.channel) ?? '',
      };
      const pageNo = Math.min(100_000, Math.max(1, Number.parseInt(q.page ?? '1', 10) || 1));
      const pageSize = 20;
      const result = await dossiers.list(
        request.actor!,
        {
          status: filter.status || undefined,
          bucket: filter.bucket || undefined,
          procedure: filter.procedure || undefined,
          channel: filter.channel || undefined,
          page: pageNo,
          pageSize,
        },
        now,
      );
      return sendHtml(
        reply,
        listPage(ctxOf(request), {
          filter,
          page: pageNo,
          pageSize,
          total: result.total,
          rows: await listRows(request.lang, result.items, now),
        }),
      );
    },
  );

  app.get(
    '/inbox',
    { config: { permission: 'dossiers.process' }, schema: { hide: true } },
    async (request, reply) => {
      const actor = request.actor!;
      const now = clock.now();
      const codes = new Set(
        actor.grants
          .filter((g) => g.role === 'officer' && g.scope.agency)
          .map((g) => g.scope.agency as string),
      );
      const known = await org.listAgencies(localDateOf(now));
      const agencies = [...codes].map((c) => known.find((a) => a.code === c)?.name ?? c);
      const byDue = (a: DossierSummary, b: DossierSummary) =>
        (a.dueAt ?? '9999').localeCompare(b.dueAt ?? '9999');
      const waiting = await dossiers.list(actor, { status: 'in_progress', page: 1, pageSize: 100 }, now);
      const paused = await dossiers.list(
        actor,
        { status: 'supplement_requested', page: 1, pageSize: 100 },
        now,
      );
      return sendHtml(
        reply,
        inboxPage(ctxOf(request), {
          agencies,
          waiting: await listRows(request.lang, [...waiting.items].sort(byDue), now),
          waitingTotal: waiting.total,
          paused: await listRows(request.lang, paused.items, now),
          pausedTotal: paused.total,
        }),
      );
    },
  );

  async function renderDossier(
    request: FastifyRequest,
    code: string,
    extra: Pick<DossierPageState, 'done' | 'failed' | 'errors' | 'conflict'>,
  ): Promise<string> {
    const actor = request.actor!;
    const now = clock.now();
    // The service checks the scope and audits the read of personal data; the page then renders the full history.
    const view = await dossiers.get(actor, code, now);
    const full = await repo.loadDossierFull(database.db, code);
    if (!full) throw new AppError('DOSSIER_NOT_FOUND', { details: { code } });
    const d = full.dossier;
    const settings = await dossiers.settings(now);
    const t = view.timeliness;
    const running = t.state === 'open' && !t.clockPaused && d.dueAt !== null;
    const state: DossierPageState = {
      dossier: d,
      events: full.events,
      timeliness: t,
      countdown:
        running && d.dueAt
          ? countdown(request.lang, await calendarOf(d.servicePoint.code), now, d.dueAt)
          : undefined,
      forms: formsThatApply(d, now),
      actions: allowedActions(actor, d, settings, now),
      viewer: { name: actor.fullName },
      ...extra,
    };
    return dossierPage(ctxOf(request), state);
  }

  app.get(
    '/dossiers/:code',
    {
      config: { permission: 'dossiers.read' },
      schema: {
        hide: true,
        params: CodeParam,
        querystring: Type.Object({ done: SHORT, lang: Type.Optional(Type.String({ maxLength: 2 })) }),
      },
    },
    async (request, reply) => {
      const { code } = request.params as { code: string };
      const done = oneOf<DossierAction>(ACTIONS, (request.query as { done?: string }).done);
      return sendHtml(reply, await renderDossier(request, code, { done, errors: [] }));
    },
  );

  app.post(
    '/dossiers/:code/actions',
    { config: { permission: 'dossiers.act' }, schema: { hide: true, params: CodeParam, body: FormBody } },
    async (request, reply) => {
      const { code } = request.params as { code: string };
      const values = request.body as Record<string, string>;
      const lang = request.lang;
      const action = oneOf<DossierAction>(ACTIONS, values.action);
      if (!action)
        throw new AppError('VALIDATION_FAILED', {
          invalidParams: [{ name: 'body/action', reason: 'unknown action' }],
        });
      const failed = { action, values };
      const parsed = parseAction(lang, action, values);
      if (!parsed.body)
        return sendHtml(reply, await renderDossier(request, code, { failed, errors: parsed.errors }), 422);
      try {
        await dossiers.act(request.actor!, code, parsed.body, clock.now());
      } catch (error) {
        if (
          !isAppError(error) ||
          error.status >= 500 ||
          error.code === 'FORBIDDEN' ||
          error.code === 'DOSSIER_NOT_FOUND'
        )
          throw error;
        const conflict = error.code === 'DOSSIER_VERSION_CONFLICT';
        const errors = actionErrors(lang, action, error);
        return sendHtml(
          reply,
          await renderDossier(request, code, { failed: conflict ? undefined : failed, errors, conflict }),
          error.status === 400 ? 422 : error.status,
        );
      }
      return reply.redirect(`/dossiers/${encodeURIComponent(code)}?done=${action}`, 303);
    },
  );
}
