/**
 * Feedback pages (server-rendered, no JavaScript needed): the public form `/gop-y` (one question
 * per page, check your answers, confirmation), the public answers `/gop-y/cong-khai` with rating
 * buttons, and the staff queue `/admin/feedback` with an item page and its actions.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { randomSecret } from '../../adapters/crypto/password.ts';
import type { Clock } from '../../kernel/clock.ts';
import { AppError, isAppError } from '../../kernel/errors.ts';
import { localDateOf } from '../../kernel/local-date.ts';
import { pageContext } from '../access/access.routes.ts';
import type { FieldError } from '../../views/form-components.ts';
import type { OrgService } from '../org/org.service.ts';
import { RATINGS, STAFF_ACTIONS, type Rating, type StaffAction } from './domain/lifecycle.ts';
import { checkSubmission, type FieldProblem } from './domain/submission.ts';
import type { FeedbackService } from './feedback.service.ts';
import {
  checkPage,
  confirmationPage,
  EMPTY_FORM,
  FEEDBACK_CSS_PATH,
  FORM_STEPS,
  followUpPage,
  formStepPage,
  itemPage,
  publicAnswersPage,
  queuePage,
  QUEUE_FILTERS,
  STEP_FIELDS,
  type FormStep,
  type FormValues,
} from './views/feedback.views.ts';

export interface FeedbackPagesOptions {
  readonly feedback: FeedbackService;
  readonly org: OrgService;
  readonly clock: Clock;
  readonly demo: boolean;
  readonly publicRateLimit: { max: number; timeWindow: number };
  readonly cookieSecure: boolean;
}

const CSS = readFileSync(resolve(dirname(fileURLToPath(import.meta.url)), 'views/feedback.css'));
const HTML = 'text/html; charset=utf-8';
const RATER_COOKIE = 'motcua_rater';
const FormBody = Type.Record(Type.String(), Type.Unknown());
const ReferenceParam = Type.Object({ reference: Type.String({ minLength: 1, maxLength: 40 }) });

type Body = Record<string, unknown>;
function field(body: Body, name: string): string {
  const v = body[name];
  if (typeof v === 'string') return v.normalize('NFC').trim();
  if (Array.isArray(v) && typeof v[0] === 'string') return v[0].normalize('NFC').trim();
  return '';
}

/** A problem's field (`contact/email`) as the form's input id (`contactEmail`). */
const inputIdOf = (f: string): keyof FormValues =>
  (
    ({
      'contact/name': 'contactName',
      'contact/email': 'contactEmail',
      'contact/phone': 'contactPhone',
    }) as Record<string, keyof FormValues>
  )[f] ?? (f as keyof FormValues);

function stepOf(id: keyof FormValues): FormStep {
  return FORM_STEPS.find((s) => STEP_FIELDS[s].includes(id)) ?? 'kind';
}

export async function feedbackPages(app: FastifyInstance, options: FeedbackPagesOptions): Promise<void> {
  const { feedback, org, clock } = options;
  const publicConfig = { permission: 'public' as const, rateLimit: options.publicRateLimit };
  const ctxOf = (request: FastifyRequest) => pageContext(request, options.demo);
  const servicePoints = async () =>
    (await org.listServicePoints({ at: localDateOf(clock.now()) })).map((s) => ({
      code: s.code,
      name: s.name,
    }));
  const toErrors = (lang: string, problems: readonly FieldProblem[]): FieldError[] =>
    problems.map((p) => ({
      field: inputIdOf(p.field),
      message: lang === 'vi' ? p.vi : p.en,
    }));

  app.get(
    FEEDBACK_CSS_PATH,
    { config: { permission: 'public' }, schema: { hide: true } },
    async (_r, reply) =>
      reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(CSS),
  );

  // ------------------------------------------------------------ public form

  app.get(
    '/gop-y',
    {
      config: { permission: 'public' },
      schema: {
        hide: true,
        querystring: Type.Object({
          servicePoint: Type.Optional(Type.String({ maxLength: 64 })),
          dossier: Type.Optional(Type.String({ maxLength: 64 })),
          lang: Type.Optional(Type.String()),
        }),
      },
    },
    async (request, reply) => {
      const q = request.query as { servicePoint?: string; dossier?: string };
      const values: FormValues = {
        ...EMPTY_FORM,
        servicePointCode: q.servicePoint ?? '',
        dossierCode: q.dossier ?? '',
      };
      return reply.type(HTML).send(
        formStepPage(ctxOf(request), {
          step: 'kind',
          values,
          errors: [],
          servicePoints: await servicePoints(),
        }),
      );
    },
  );

  app.post(
    '/gop-y',
    { config: publicConfig, schema: { hide: true, body: FormBody } },
    async (request, reply) => {
      const ctx = ctxOf(request);
      const b = request.body as Body;
      const values = Object.fromEntries(
        (Object.keys(EMPTY_FORM) as (keyof FormValues)[]).map((k) => [k, field(b, k)]),
      ) as unknown as FormValues;
      values.dossierCode = values.dossierCode.toUpperCase();
      const sps = await servicePoints();
      const edit = field(b, '_edit');
      const returnToCheck = field(b, '_return') === 'check' || edit !== '';
      const showStep = (step: FormStep, problems: readonly FieldProblem[], status = 200) =>
        reply
          .code(status)
          .type(HTML)
          .send(
            formStepPage(ctx, {
              step,
              values,
              errors: toErrors(ctx.lang, problems),
              servicePoints: sps,
              returnToCheck,
            }),
          );
      /** Every problem of the whole form, in step order. */
      const allProblems = async (): Promise<FieldProblem[]> => {
        const checked = checkSubmission(submissionOf(values, ctx.lang));
        const problems = checked.ok ? [] : checked.problems;
        if (!problems.some((p) => stepOf(inputIdOf(p.field)) === 'where'))
          problems.push(
            ...(await feedback.linkProblems(values.servicePointCode || null, values.dossierCode || null)),
          );
        return problems.sort(
          (x, y) =>
            FORM_STEPS.indexOf(stepOf(inputIdOf(x.field))) - FORM_STEPS.indexOf(stepOf(inputIdOf(y.field))),
        );
      };
      const showCheck = () =>
        reply.type(HTML).send(
          checkPage(ctx, {
            values,
            servicePointName: sps.find((s) => s.code === values.servicePointCode)?.name ?? null,
          }),
        );

      if ((FORM_STEPS as readonly string[]).includes(edit)) return showStep(edit as FormStep, []);

      const step = field(b, '_step');
      if ((FORM_STEPS as readonly string[]).includes(step)) {
        const problems = (await allProblems()).filter(
          (p) => FORM_STEPS.indexOf(stepOf(inputIdOf(p.field))) <= FORM_STEPS.indexOf(step as FormStep),
        );
        const here = problems.filter((p) => stepOf(inputIdOf(p.field)) === step);
        if (here.length > 0) return showStep(step as FormStep, here, 400);
        if (problems.length > 0) return showStep(stepOf(inputIdOf(problems[0]!.field)), problems, 400);
        const next = FORM_STEPS[FORM_STEPS.indexOf(step as FormStep) + 1];
        if (next) {
          // Coming back from "check your answers": straight back to it once everything is complete.
          if (returnToCheck && (await allProblems()).length === 0) return showCheck();
          return showStep(next, []);
        }
        return showCheck();
      }

      if (step === 'check' && field(b, '_send') === '1') {
        const problems = await allProblems();
        if (problems.length > 0) {
          const first = stepOf(inputIdOf(problems[0]!.field));
          return showStep(
            first,
            problems.filter((p) => stepOf(inputIdOf(p.field)) === first),
            400,
          );
        }
        try {
          const result = await feedback.submit(submissionOf(values, ctx.lang), clock.now());
          return reply.code(201).type(HTML).send(confirmationPage(ctx, result));
        } catch (error) {
          if (isAppError(error) && error.invalidParams && error.status < 500) {
            const problems: FieldProblem[] = error.invalidParams.map((p) => ({
              field: p.name.replace(/^body\//, ''),
              code: p.code ?? 'invalid',
              vi: error.message,
              en: error.message,
            }));
            return showStep(stepOf(inputIdOf(problems[0]!.field)), problems, error.status);
          }
          throw error;
        }
      }
      return showStep('kind', []);
    },
  );

  // ------------------------------------------------------------ follow-up by the submitter

  app.get(
    '/gop-y/theo-doi',
    { config: { permission: 'public' }, schema: { hide: true } },
    async (request, reply) =>
      reply
        .type(HTML)
        .send(followUpPage(ctxOf(request), { reference: '', token: '', info: '', view: null, errors: [] })),
  );

  app.post(
    '/gop-y/theo-doi',
    { config: publicConfig, schema: { hide: true, body: FormBody } },
    async (request, reply) => {
      const ctx = ctxOf(request);
      const b = request.body as Body;
      const reference = field(b, 'reference').toUpperCase();
      const token = field(b, 'token');
      const info = field(b, 'info');
      const todo = field(b, '_do');
      const vi = ctx.lang === 'vi';
      const show = (
        view: Awaited<ReturnType<FeedbackService['followUpView']>> | null,
        errors: FieldError[],
        status = 200,
        done?: 'provide_info' | 'withdraw',
      ) =>
        reply.code(status).type(HTML).send(followUpPage(ctx, { reference, token, info, view, errors, done }));
      const errors: FieldError[] = [];
      if (!reference)
        errors.push({ field: 'reference', message: vi ? 'Nhập mã phản ánh' : 'Enter the reference' });
      if (!token)
        errors.push({ field: 'token', message: vi ? 'Nhập mã theo dõi' : 'Enter the follow-up code' });
      if (errors.length > 0) return show(null, errors, 400);
      const invalid = (): FieldError[] => [
        {
          field: 'token',
          message: vi
            ? 'Mã phản ánh hoặc mã theo dõi không đúng'
            : 'The reference or the follow-up code is not right',
        },
      ];
      let view;
      try {
        view = await feedback.followUpView(reference, token);
      } catch (error) {
        if (isAppError(error) && error.code === 'FEEDBACK_TOKEN_INVALID') return show(null, invalid(), 403);
        throw error;
      }
      if (todo !== 'provide_info' && todo !== 'withdraw') return show(view, []);
      if (todo === 'provide_info' && !info)
        return show(
          view,
          [{ field: 'info', message: vi ? 'Nhập thông tin bổ sung' : 'Enter your information' }],
          400,
        );
      try {
        await feedback.citizenAct(reference, token, todo, info, clock.now());
      } catch (error) {
        if (isAppError(error) && error.status === 409)
          return show(
            view,
            [
              {
                field: 'info',
                message: vi
                  ? 'Không thể thực hiện ở trạng thái hiện tại'
                  : 'Not possible in the current state',
              },
            ],
            409,
          );
        throw error;
      }
      return show(await feedback.followUpView(reference, token), [], 200, todo);
    },
  );

  // ------------------------------------------------------------ public answers and ratings

  function raterToken(request: FastifyRequest, reply: FastifyReply): string {
    const existing = request.cookies[RATER_COOKIE];
    if (existing && /^[A-Za-z0-9_-]{20,64}$/.test(existing)) return existing;
    const token = randomSecret(24);
    void reply.setCookie(RATER_COOKIE, token, {
      path: '/gop-y',
      sameSite: 'lax',
      httpOnly: true,
      maxAge: 31_536_000,
      secure: options.cookieSecure,
    });
    return token;
  }

  app.get(
    '/gop-y/cong-khai',
    {
      config: publicConfig,
      schema: {
        hide: true,
        querystring: Type.Object({
          servicePoint: Type.Optional(Type.String({ maxLength: 64 })),
          page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10000 })),
          rated: Type.Optional(Type.String({ maxLength: 40 })),
          lang: Type.Optional(Type.String()),
        }),
      },
    },
    async (request, reply) => {
      const q = request.query as { servicePoint?: string; page?: number; rated?: string };
      const sp = (q.servicePoint ?? '').trim();
      const sps = await servicePoints();
      const known = sps.some((s) => s.code === sp);
      const errors: FieldError[] =
        sp && !known
          ? [
              {
                field: 'servicePoint',
                message:
                  request.lang === 'vi'
                    ? 'Chọn nơi tiếp nhận trong danh sách'
                    : 'Choose a service point from the list',
              },
            ]
          : [];
      const result = known ? await feedback.publicList(sp, q.page ?? 1, 10) : null;
      return reply
        .code(errors.length > 0 ? 400 : 200)
        .type(HTML)
        .send(
          publicAnswersPage(ctxOf(request), {
            servicePoint: sp,
            servicePoints: sps,
            result,
            rated: q.rated && /^PAKN-\d{8}-\d{4,}$/.test(q.rated) ? q.rated : undefined,
            errors,
          }),
        );
    },
  );

  app.post(
    '/gop-y/cong-khai/:reference/danh-gia',
    { config: publicConfig, schema: { hide: true, params: ReferenceParam, body: FormBody } },
    async (request, reply) => {
      const { reference } = request.params as { reference: string };
      const b = request.body as Body;
      const rating = field(b, 'rating');
      if (!(RATINGS as readonly string[]).includes(rating))
        throw new AppError('VALIDATION_FAILED', {
          invalidParams: [{ name: 'body/rating', reason: 'satisfied, neutral or unsatisfied', code: 'enum' }],
        });
      await feedback.rate(reference, raterToken(request, reply), rating as Rating, clock.now());
      const sp = field(b, 'servicePoint');
      return reply.redirect(
        `/gop-y/cong-khai?servicePoint=${encodeURIComponent(sp)}&rated=${encodeURIComponent(reference)}#a-${reference}`,
        303,
      );
    },
  );

  // ------------------------------------------------------------ staff

  app.get(
    '/admin/feedback',
    {
      config: { permission: 'feedback.read' },
      schema: {
        hide: true,
        querystring: Type.Object({
          status: Type.Optional(Type.String({ enum: [...QUEUE_FILTERS] })),
          lang: Type.Optional(Type.String()),
        }),
      },
    },
    async (request, reply) => {
      const filter = (request.query as { status?: string }).status ?? 'open';
      const status =
        filter === 'all'
          ? undefined
          : filter === 'open'
            ? 'received,more_info_requested,assigned,answered'
            : filter;
      const list = await feedback.list(request.actor!, { status, pageSize: 200 }, clock.now());
      return reply
        .type(HTML)
        .send(queuePage(ctxOf(request), { filter, total: list.total, items: list.items }));
    },
  );

  async function showItem(
    request: FastifyRequest,
    reply: FastifyReply,
    reference: string,
    state: { values: Record<string, string>; errors: FieldError[]; done?: string | undefined },
    status = 200,
  ) {
    const now = clock.now();
    const item = await feedback.get(request.actor!, reference, now);
    const actions = await feedback.actionsFor(request.actor!, item, now);
    const agencies = actions.includes('assign')
      ? (await org.listAgencies(localDateOf(now))).map((a) => ({ code: a.code, name: a.name }))
      : [];
    return reply
      .code(status)
      .type(HTML)
      .send(itemPage(ctxOf(request), item, { actions, agencies, ...state }));
  }

  app.get(
    '/admin/feedback/:reference',
    {
      config: { permission: 'feedback.read' },
      schema: {
        hide: true,
        params: ReferenceParam,
        querystring: Type.Object({
          done: Type.Optional(Type.String({ maxLength: 20 })),
          lang: Type.Optional(Type.String()),
        }),
      },
    },
    async (request, reply) =>
      showItem(request, reply, (request.params as { reference: string }).reference, {
        values: {},
        errors: [],
        done: (request.query as { done?: string }).done,
      }),
  );

  app.post(
    '/admin/feedback/:reference',
    {
      config: { permission: 'feedback.handle' },
      schema: { hide: true, params: ReferenceParam, body: FormBody },
    },
    async (request, reply) => {
      const { reference } = request.params as { reference: string };
      const b = request.body as Body;
      const action = field(b, 'action');
      const values = {
        reason: field(b, 'reason'),
        request: field(b, 'request'),
        agencyCode: field(b, 'agencyCode'),
        answer: field(b, 'answer'),
      };
      if (!(STAFF_ACTIONS as readonly string[]).includes(action)) throw new AppError('BAD_REQUEST');
      const version = Number.parseInt(field(b, 'version'), 10);
      try {
        await feedback.act(
          request.actor!,
          reference,
          {
            action: action as StaffAction,
            ...values,
            version: Number.isFinite(version) ? version : undefined,
          },
          clock.now(),
        );
      } catch (error) {
        if (
          isAppError(error) &&
          error.status >= 400 &&
          error.status < 500 &&
          error.status !== 404 &&
          error.status !== 403
        ) {
          const lang = request.lang;
          const fieldId = error.invalidParams?.[0]?.name.replace(/^body\//, '') ?? `act-${action}`;
          const message =
            lang === 'vi' ? fieldMessageVi(error.code, fieldId) : fieldMessageEn(error.code, fieldId);
          return showItem(
            request,
            reply,
            reference,
            { values, errors: [{ field: fieldId, message }] },
            error.status,
          );
        }
        throw error;
      }
      return reply.redirect(`/admin/feedback/${encodeURIComponent(reference)}?done=${action}`, 303);
    },
  );
}

function submissionOf(v: FormValues, lang: string) {
  return {
    kind: v.kind,
    servicePointCode: v.servicePointCode,
    dossierCode: v.dossierCode,
    subject: v.subject,
    content: v.content,
    contact: { name: v.contactName, email: v.contactEmail, phone: v.contactPhone },
    language: lang,
  };
}

function fieldMessageVi(code: string, fieldId: string): string {
  if (code === 'VALIDATION_FAILED')
    return (
      {
        reason: 'Nhập lý do từ chối',
        request: 'Nhập thông tin cần bổ sung',
        agencyCode: 'Chọn cơ quan xử lý',
        answer: 'Nhập nội dung trả lời',
      }[fieldId] ?? 'Dữ liệu không hợp lệ'
    );
  if (code === 'FEEDBACK_AGENCY_NOT_FOUND') return 'Chọn cơ quan xử lý trong danh sách';
  if (code === 'FEEDBACK_VERSION_CONFLICT')
    return 'Phản ánh vừa được người khác cập nhật; xem lại trước khi gửi';
  return 'Không thể thực hiện thao tác này ở trạng thái hiện tại';
}

function fieldMessageEn(code: string, fieldId: string): string {
  if (code === 'VALIDATION_FAILED')
    return (
      {
        reason: 'Enter the reason for rejecting',
        request: 'Enter the information needed',
        agencyCode: 'Choose the agency',
        answer: 'Enter the answer',
      }[fieldId] ?? 'The data is not valid'
    );
  if (code === 'FEEDBACK_AGENCY_NOT_FOUND') return 'Choose an agency from the list';
  if (code === 'FEEDBACK_VERSION_CONFLICT')
    return 'Someone else has just updated this item; check it before sending';
  return 'This action is not possible in the current state';
}
