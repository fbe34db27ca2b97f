/**
 * Feedback and complaints (PAKN) over HTTP (JSON API). Public: submit, follow up with the secret
 * token, read published answers, rate an answer (all rate-limited). Staff: list, read (contact
 * audited), act. Every route declares its permission; scope is checked by the service per item.
 * Contract: docs/feedback.md.
 */
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Clock } from '../../kernel/clock.ts';
import { CITIZEN_ACTIONS, FEEDBACK_KINDS, RATINGS, STAFF_ACTIONS } from './domain/lifecycle.ts';
import type { FeedbackService, ListQuery, StaffActionInput } from './feedback.service.ts';
import type { CitizenAction, Rating } from './domain/lifecycle.ts';

export interface FeedbackRoutesOptions {
  readonly feedback: FeedbackService;
  readonly clock: Clock;
  readonly publicRateLimit: { max: number; timeWindow: number };
}

const Str = (max: number, min = 0) => Type.String({ minLength: min, maxLength: max });
const ReferenceParam = Type.Object({ reference: Type.String({ minLength: 1, maxLength: 40 }) });

const SubmitBody = Type.Object(
  {
    kind: Type.String({ enum: [...FEEDBACK_KINDS] }),
    servicePointCode: Type.Optional(Str(64)),
    dossierCode: Type.Optional(Str(64)),
    subject: Str(200, 1),
    content: Str(5000, 1),
    contact: Type.Object(
      { name: Str(200, 1), email: Type.Optional(Str(200)), phone: Type.Optional(Str(20)) },
      { additionalProperties: false },
    ),
    language: Type.Optional(Type.String({ enum: ['vi', 'en'] })),
  },
  { additionalProperties: false },
);

interface SubmitBodyT {
  kind: string;
  servicePointCode?: string;
  dossierCode?: string;
  subject: string;
  content: string;
  contact: { name: string; email?: string; phone?: string };
  language?: string;
}

const ActionBody = Type.Object(
  {
    action: Type.String({ enum: [...STAFF_ACTIONS] }),
    reason: Type.Optional(Str(2000)),
    request: Type.Optional(Str(2000)),
    agencyCode: Type.Optional(Str(64)),
    answer: Type.Optional(Str(10000)),
    version: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  { additionalProperties: false },
);

const FollowUpBody = Type.Object(
  {
    token: Str(200, 1),
    action: Type.String({ enum: [...CITIZEN_ACTIONS] }),
    info: Type.Optional(Str(5000)),
  },
  { additionalProperties: false },
);

const RatingBody = Type.Object(
  {
    rating: Type.String({ enum: [...RATINGS] }),
    raterToken: Type.String({
      minLength: 16,
      maxLength: 200,
      description: 'A random token the client keeps (one rating per token and answer)',
    }),
  },
  { additionalProperties: false },
);

const PublicQuery = Type.Object(
  {
    servicePoint: Str(64, 1),
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10000 })),
    pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })),
  },
  { additionalProperties: false },
);

const ListQuerySchema = Type.Object(
  {
    status: Type.Optional(Str(200)),
    servicePoint: Type.Optional(Str(64)),
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10000 })),
    pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
  },
  { additionalProperties: false },
);

export async function feedbackRoutes(app: FastifyInstance, options: FeedbackRoutesOptions): Promise<void> {
  const { feedback, clock } = options;
  const publicConfig = { permission: 'public' as const, rateLimit: options.publicRateLimit };
  const tags = ['feedback'];

  app.post(
    '/api/v1/feedback',
    {
      config: publicConfig,
      schema: {
        tags,
        summary:
          'Submit feedback or a complaint (public); returns the reference and a secret follow-up token',
        body: SubmitBody,
      },
    },
    async (request, reply) => {
      const b = request.body as SubmitBodyT;
      const result = await feedback.submit(b, clock.now());
      return reply.code(201).send(result);
    },
  );

  app.get(
    '/api/v1/public/feedback',
    {
      config: publicConfig,
      schema: {
        tags,
        summary: 'Published answers of a service point (no personal data), newest first',
        querystring: PublicQuery,
      },
    },
    async (request) => {
      const q = request.query as { servicePoint: string; page?: number; pageSize?: number };
      return feedback.publicList(q.servicePoint, q.page ?? 1, q.pageSize ?? 20);
    },
  );

  app.post(
    '/api/v1/public/feedback/:reference/ratings',
    {
      config: publicConfig,
      schema: {
        tags,
        summary: 'Rate a published answer (one rating per rater token)',
        params: ReferenceParam,
        body: RatingBody,
      },
    },
    async (request) => {
      const { reference } = request.params as { reference: string };
      const b = request.body as { rating: Rating; raterToken: string };
      return feedback.rate(reference, b.raterToken, b.rating, clock.now());
    },
  );

  app.post(
    '/api/v1/feedback/:reference/follow-up',
    {
      config: publicConfig,
      schema: {
        tags,
        summary: 'The submitter, with the follow-up token: send the information asked for, or withdraw',
        params: ReferenceParam,
        body: FollowUpBody,
      },
    },
    async (request) => {
      const { reference } = request.params as { reference: string };
      const b = request.body as { token: string; action: CitizenAction; info?: string };
      return feedback.citizenAct(reference, b.token, b.action, b.info, clock.now());
    },
  );

  app.get(
    '/api/v1/feedback',
    {
      config: { permission: 'feedback.read' },
      schema: { tags, summary: 'Feedback queue within scope, oldest first', querystring: ListQuerySchema },
    },
    async (request) => feedback.list(request.actor!, request.query as ListQuery, clock.now()),
  );

  app.get(
    '/api/v1/feedback/:reference',
    {
      config: { permission: 'feedback.read' },
      schema: {
        tags,
        summary: 'One item with the submitter’s contact (the read is audited)',
        params: ReferenceParam,
      },
    },
    async (request) =>
      feedback.get(request.actor!, (request.params as { reference: string }).reference, clock.now()),
  );

  app.post(
    '/api/v1/feedback/:reference/actions',
    {
      config: { permission: 'feedback.handle' },
      schema: {
        tags,
        summary: 'Reject, ask for more information, assign, answer or publish',
        params: ReferenceParam,
        body: ActionBody,
      },
    },
    async (request) =>
      feedback.act(
        request.actor!,
        (request.params as { reference: string }).reference,
        request.body as StaffActionInput,
        clock.now(),
      ),
  );
}
