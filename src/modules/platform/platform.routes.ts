/**
 * Health, metrics, static assets, the audit-chain check and the home page per role.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Database } from '../../adapters/db/database.ts';
import { isDatabaseUnavailable } from '../../adapters/http/edge.ts';
import type { Metrics } from '../../adapters/http/metrics.ts';
import { verifyAuditChain } from '../audit/audit.repository.ts';
import { pageContext } from '../access/access.routes.ts';
import { homePage } from './views/home.views.ts';

const ASSETS = resolve(dirname(fileURLToPath(import.meta.url)), '../../views/assets');

export interface PlatformRoutesOptions {
  readonly database: Database;
  readonly metrics: Metrics;
  readonly demo: boolean;
}

export async function platformRoutes(app: FastifyInstance, options: PlatformRoutesOptions): Promise<void> {
  const css = readFileSync(resolve(ASSETS, 'app.css'));

  app.get(
    '/health',
    {
      config: { permission: 'public' },
      schema: {
        tags: ['platform'],
        summary: 'Liveness and database reachability',
        response: {
          200: Type.Object({ status: Type.String(), database: Type.String(), engine: Type.String() }),
          503: Type.Object({ status: Type.String(), database: Type.String(), engine: Type.String() }),
        },
      },
    },
    async (_request, reply) => {
      try {
        await options.database.ping();
        return { status: 'ok', database: 'ok', engine: options.database.engine };
      } catch (error) {
        if (!isDatabaseUnavailable(error))
          reply.log.error({ err: error, event: 'health_check_failed' }, 'health check failed');
        return reply
          .code(503)
          .send({ status: 'unavailable', database: 'unreachable', engine: options.database.engine });
      }
    },
  );

  app.get('/metrics', { config: { permission: 'public' }, schema: { hide: true } }, async (_request, reply) =>
    reply.type('text/plain; version=0.0.4; charset=utf-8').send(options.metrics.render()),
  );

  app.get(
    '/assets/app.css',
    { config: { permission: 'public' }, schema: { hide: true } },
    async (_request, reply) =>
      reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(css),
  );

  app.get(
    '/api/v1/audit/verify',
    {
      config: { permission: 'audit.read' },
      schema: {
        tags: ['audit'],
        summary: 'Verify the hash chain of the audit trail',
        response: {
          200: Type.Object({
            ok: Type.Boolean(),
            events: Type.Integer(),
            problems: Type.Array(Type.Object({ seq: Type.Integer(), problem: Type.String() })),
          }),
        },
      },
    },
    async () => {
      const result = await verifyAuditChain(options.database.db);
      return {
        ok: result.ok,
        events: result.events,
        problems: result.problems.slice(0, 100).map((p) => ({ ...p })),
      };
    },
  );

  app.get('/', { config: { permission: 'public' }, schema: { hide: true } }, async (request, reply) =>
    reply.type('text/html; charset=utf-8').send(homePage(pageContext(request, options.demo))),
  );
}
