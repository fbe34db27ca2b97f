/**
 * Public pages of the portal that need no identification: the contact points of the one-stop
 * counters (/diem-phuc-vu, one level at a time, 40 per page to stay under 60 KB). The anonymous
 * home page itself is rendered by the platform's `/` route with `publicHomePage`.
 */
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Clock } from '../../kernel/clock.ts';
import { localDateOf } from '../../kernel/local-date.ts';
import { pageContext } from '../access/access.routes.ts';
import type { OrgService } from '../org/org.service.ts';
import { contactPointsPage } from './views/home.views.ts';

export interface PortalHomeOptions {
  readonly org: OrgService;
  readonly clock: Clock;
  readonly demo: boolean;
}

/** Rows per page: keeps the page under 60 KB. */
const PAGE_SIZE = 40;

export async function portalHomeRoutes(app: FastifyInstance, options: PortalHomeOptions): Promise<void> {
  app.get(
    '/diem-phuc-vu',
    {
      config: { permission: 'public' },
      schema: {
        hide: true,
        querystring: Type.Object({
          cap: Type.Optional(Type.String({ enum: ['province', 'district', 'commune'] })),
          trang: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
        }),
      },
    },
    async (request, reply) => {
      const q = request.query as { cap?: string; trang?: number };
      const level = q.cap ?? 'province';
      const points = await options.org.listServicePoints({ at: localDateOf(options.clock.now()), level });
      const sorted = [...points].sort((a, b) => a.name.localeCompare(b.name, 'vi'));
      const pages = Math.max(1, Math.ceil(sorted.length / PAGE_SIZE));
      const pageNo = Math.min(q.trang ?? 1, pages);
      return reply.type('text/html; charset=utf-8').send(
        contactPointsPage(
          pageContext(request, options.demo),
          { level, page: pageNo, pages },
          sorted.slice((pageNo - 1) * PAGE_SIZE, pageNo * PAGE_SIZE).map((p) => ({
            code: p.code,
            name: p.name,
            address: p.address,
            level: p.level,
            operator: p.operator,
            saturdayMorning: p.saturdayMorningReceiving,
          })),
        ),
      );
    },
  );
}
