/**
 * Sign-in and staff accounts: JSON API under /api/v1 and the server-rendered pages.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { CSRF_COOKIE, SESSION_COOKIE } from '../../adapters/http/edge.ts';
import { AppError, isAppError, type InvalidParam } from '../../kernel/errors.ts';
import type { Clock } from '../../kernel/clock.ts';
import type { AccessService, LoginResult } from './access.service.ts';
import { ROLES } from './domain.ts';
import { loginPage, usersPage } from './views/access.views.ts';
import type { PageContext } from '../../views/layout.ts';

export interface AccessRoutesOptions {
  readonly access: AccessService;
  readonly clock: Clock;
  readonly demo: boolean;
  readonly cookieSecure: boolean;
  readonly loginRateLimitPerMinute: number;
}

const GrantSchema = Type.Object(
  {
    role: Type.String({ enum: [...ROLES] }),
    scope: Type.Optional(
      Type.Object(
        {
          servicePoint: Type.Optional(Type.String({ maxLength: 64 })),
          unit: Type.Optional(Type.String({ maxLength: 16 })),
          agency: Type.Optional(Type.String({ maxLength: 64 })),
          field: Type.Optional(Type.String({ maxLength: 200 })),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

const UserSchema = Type.Object({
  id: Type.String(),
  username: Type.String(),
  fullName: Type.String(),
  roles: Type.Array(Type.Object({ role: Type.String(), scope: Type.Record(Type.String(), Type.String()) })),
});

export function pageContext(request: FastifyRequest, demo: boolean): PageContext {
  return { lang: request.lang, actor: request.actor, csrfToken: request.csrfToken, demo, path: request.url };
}

export async function accessRoutes(app: FastifyInstance, options: AccessRoutesOptions): Promise<void> {
  const { access, clock } = options;
  const loginLimit = { max: options.loginRateLimitPerMinute, timeWindow: 60_000 };

  const now = () => clock.now();
  function setSession(reply: FastifyReply, result: LoginResult) {
    void reply.setCookie(SESSION_COOKIE, result.token, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: options.cookieSecure,
      // Relative lifetime: the server enforces expiresAt; a browser clock that is off does not end the session early.
      maxAge: Math.max(60, Math.round((result.expiresAt.getTime() - now().getTime()) / 1000)),
    });
    void reply.clearCookie(CSRF_COOKIE, { path: '/' });
  }

  const presentUser = (actor: LoginResult['actor']) => ({
    id: actor.userId,
    username: actor.username,
    fullName: actor.fullName,
    roles: actor.grants.map((g) => ({ role: g.role, scope: { ...g.scope } as Record<string, string> })),
  });

  app.post(
    '/api/v1/auth/login',
    {
      config: { permission: 'public', csrfExempt: true, rateLimit: loginLimit },
      schema: {
        tags: ['auth'],
        summary: 'Sign in; returns a bearer token and sets a session cookie',
        body: Type.Object(
          {
            username: Type.String({ minLength: 1, maxLength: 64 }),
            password: Type.String({ minLength: 1, maxLength: 256 }),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ token: Type.String(), expiresAt: Type.String(), user: UserSchema }) },
      },
    },
    async (request, reply) => {
      const body = request.body as { username: string; password: string };
      const result = await access.login(body.username, body.password, clock.now());
      setSession(reply, result);
      return {
        token: result.token,
        expiresAt: result.expiresAt.toISOString(),
        user: presentUser(result.actor),
      };
    },
  );

  app.post(
    '/api/v1/auth/logout',
    {
      config: { permission: 'session.self' },
      schema: { tags: ['auth'], summary: 'End this session', response: { 204: Type.Null() } },
    },
    async (request, reply) => {
      await access.logout(request.sessionToken ?? '', request.actor!, clock.now());
      void reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send();
    },
  );

  app.get(
    '/api/v1/auth/me',
    {
      config: { permission: 'session.self' },
      schema: { tags: ['auth'], summary: 'The signed-in user', response: { 200: UserSchema } },
    },
    async (request) => presentUser(request.actor!),
  );

  app.post(
    '/api/v1/users',
    {
      config: { permission: 'users.manage' },
      schema: {
        tags: ['users'],
        summary: 'Create a staff account (admin)',
        body: Type.Object(
          {
            username: Type.String({ minLength: 1, maxLength: 64 }),
            password: Type.String({ minLength: 1, maxLength: 256 }),
            fullName: Type.String({ minLength: 1, maxLength: 200 }),
            roles: Type.Array(GrantSchema, { minItems: 1, maxItems: 20 }),
          },
          { additionalProperties: false },
        ),
        response: { 201: UserSchema },
      },
    },
    async (request, reply) => {
      const body = request.body as {
        username: string;
        password: string;
        fullName: string;
        roles: { role: string; scope?: Record<string, string> }[];
      };
      const user = await access.createUser(request.actor, body, clock.now());
      return reply.code(201).send({
        ...user,
        roles: user.roles.map((g) => ({ role: g.role, scope: { ...g.scope } as Record<string, string> })),
      });
    },
  );

  app.get(
    '/api/v1/users',
    {
      config: { permission: 'users.manage' },
      schema: {
        tags: ['users'],
        summary: 'List staff accounts (admin)',
        response: { 200: Type.Object({ items: Type.Array(UserSchema) }) },
      },
    },
    async () => {
      const users = await access.listUsers();
      return {
        items: users.map((u) => ({
          ...u,
          roles: u.roles.map((g) => ({ role: g.role, scope: { ...g.scope } as Record<string, string> })),
        })),
      };
    },
  );

  // ---------------------------------------------------------------- pages

  app.get('/login', { config: { permission: 'public' }, schema: { hide: true } }, async (request, reply) => {
    if (request.actor) return reply.redirect('/');
    return reply.type('text/html; charset=utf-8').send(loginPage(pageContext(request, options.demo), {}));
  });

  app.post(
    '/login',
    {
      config: { permission: 'public', rateLimit: loginLimit },
      schema: {
        hide: true,
        body: Type.Object({
          username: Type.Optional(Type.String({ maxLength: 64 })),
          password: Type.Optional(Type.String({ maxLength: 256 })),
          _csrf: Type.Optional(Type.String()),
        }),
      },
    },
    async (request, reply) => {
      const body = request.body as { username?: string; password?: string };
      const username = body.username ?? '';
      const errors: { field: string; message: string }[] = [];
      const vi = request.lang === 'vi';
      if (!username.trim())
        errors.push({ field: 'username', message: vi ? 'Nhập tên đăng nhập' : 'Enter your username' });
      if (!body.password)
        errors.push({ field: 'password', message: vi ? 'Nhập mật khẩu' : 'Enter your password' });
      if (errors.length === 0) {
        try {
          const result = await access.login(username, body.password ?? '', clock.now());
          setSession(reply, result);
          return reply.redirect('/', 303);
        } catch (error) {
          if (!isAppError(error) || error.code !== 'AUTH_INVALID_CREDENTIALS') throw error;
          // One answer for a wrong password, an unknown name and a locked account (no username oracle).
          errors.push({
            field: 'username',
            message: vi
              ? 'Tên đăng nhập hoặc mật khẩu không đúng, hoặc tài khoản đang tạm khóa do đăng nhập sai nhiều lần (thử lại sau).'
              : 'The username or password is wrong, or the account is locked for a while after too many failed sign-ins (try again later).',
          });
          reply.code(error.status);
        }
      } else reply.code(422);
      return reply
        .type('text/html; charset=utf-8')
        .send(loginPage(pageContext(request, options.demo), { username, errors }));
    },
  );

  app.post(
    '/logout',
    { config: { permission: 'session.self' }, schema: { hide: true } },
    async (request, reply) => {
      await access.logout(request.sessionToken ?? '', request.actor!, clock.now());
      void reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.redirect('/login', 303);
    },
  );

  app.get(
    '/admin/users',
    { config: { permission: 'users.manage' }, schema: { hide: true } },
    async (request, reply) => {
      const users = await access.listUsers();
      return reply
        .type('text/html; charset=utf-8')
        .send(usersPage(pageContext(request, options.demo), users, {}));
    },
  );

  app.post(
    '/admin/users',
    {
      config: { permission: 'users.manage' },
      schema: {
        hide: true,
        body: Type.Object({
          username: Type.Optional(Type.String({ maxLength: 64 })),
          password: Type.Optional(Type.String({ maxLength: 256 })),
          fullName: Type.Optional(Type.String({ maxLength: 200 })),
          role: Type.Optional(Type.String({ maxLength: 20 })),
          servicePoint: Type.Optional(Type.String({ maxLength: 64 })),
          unit: Type.Optional(Type.String({ maxLength: 16 })),
          agency: Type.Optional(Type.String({ maxLength: 64 })),
          field: Type.Optional(Type.String({ maxLength: 200 })),
          _csrf: Type.Optional(Type.String()),
        }),
      },
    },
    async (request, reply) => {
      const b = request.body as Record<string, string | undefined>;
      const form = {
        username: b.username ?? '',
        fullName: b.fullName ?? '',
        role: b.role ?? '',
        servicePoint: b.servicePoint ?? '',
        unit: b.unit ?? '',
        agency: b.agency ?? '',
        field: b.field ?? '',
      };
      try {
        const scope = {
          servicePoint: form.servicePoint || undefined,
          unit: form.unit || undefined,
          agency: form.agency || undefined,
          field: form.field || undefined,
        };
        const created = await access.createUser(
          request.actor,
          {
            username: form.username,
            password: b.password ?? '',
            fullName: form.fullName,
            roles: [{ role: form.role, scope }],
          },
          clock.now(),
        );
        const users = await access.listUsers();
        return reply
          .code(201)
          .type('text/html; charset=utf-8')
          .send(usersPage(pageContext(request, options.demo), users, { created: created.username }));
      } catch (error) {
        if (!isAppError(error) || error.status >= 500) throw error;
        const params: readonly InvalidParam[] = error.invalidParams ?? [
          { name: 'username', reason: error.message },
        ];
        const errors = params.map((p) => ({
          field: fieldOf(p.name),
          message: `${labelOf(p.name, request.lang)}: ${p.reason}`,
        }));
        const users = await access.listUsers();
        return reply
          .code(error.status === 409 ? 409 : 422)
          .type('text/html; charset=utf-8')
          .send(usersPage(pageContext(request, options.demo), users, { form, errors }));
      }
    },
  );
}

function fieldOf(name: string): string {
  if (name.startsWith('roles/')) return name.endsWith('/role') ? 'role' : 'servicePoint';
  return name;
}

function labelOf(name: string, lang: 'vi' | 'en'): string {
  const field = fieldOf(name);
  const labels: Record<string, [string, string]> = {
    username: ['Tên đăng nhập', 'Username'],
    password: ['Mật khẩu', 'Password'],
    fullName: ['Họ và tên', 'Full name'],
    role: ['Vai trò', 'Role'],
    servicePoint: ['Phạm vi', 'Scope'],
    roles: ['Vai trò', 'Role'],
  };
  const l = labels[field];
  return l ? (lang === 'vi' ? l[0] : l[1]) : field;
}

export { AppError };
