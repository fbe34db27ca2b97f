/**
 * Personal data never reaches the logs. MotCua runs as a real process with its production logger
 * (pino, JSON lines on stdout) at the most verbose level, and the test captures everything it writes
 * while requests carry a citizen ID number, a phone number and an e-mail address in bodies, query
 * strings, paths and headers — accepted requests, refused ones and malformed ones, sign-ins, intakes
 * (which also queue notifications to that phone and address). None of those strings may appear.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../helpers/test-app.ts';
import { createServerDatabase, TEST_ENGINE } from '../helpers/test-db.ts';
import { intakeBody, PERSON, procedureVersion } from '../dossiers/builders.ts';
import {
  call,
  CHILD_ADMIN_PASSWORD,
  login,
  publishProcedure,
  startChildServer,
  type ChildServer,
} from './support/child-server.ts';

const ID_NUMBER = '079188012345';
const PHONE = '0987 654 321';
const PHONE_DIGITS = '0987654321';
const EMAIL = 'tran.thi.bich.ngoc@example.vn';
const NAME = 'Trần Thị Bích Ngọc';
const LAST_REQUEST_ID = 'last-request-of-the-log-test';
const SECRETS = [
  ID_NUMBER,
  PHONE,
  PHONE_DIGITS,
  EMAIL,
  NAME,
  '+84987654321',
  encodeURIComponent(EMAIL),
  encodeURIComponent(NAME),
];

describe(`personal data is absent from the logs (${TEST_ENGINE})`, () => {
  let server: ChildServer | undefined;
  let dir = '';
  let drop: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'motcua-logs-'));
    let databaseUrl: string | undefined;
    if (TEST_ENGINE === 'pg') {
      const created = await createServerDatabase();
      databaseUrl = created.url;
      drop = created.drop;
    }
    server = await startChildServer({
      ...(databaseUrl ? { databaseUrl } : { dataDir: join(dir, 'db') }),
      env: { LOG_LEVEL: 'trace' },
    });
  }, 180_000);
  afterAll(async () => {
    await server?.kill9();
    await drop?.();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('logs requests, but no ID number, phone, e-mail or name from bodies, queries, paths or headers', async () => {
    const s = server as ChildServer;
    const base = s.baseUrl;
    const admin = await login(base, 'admin', CHILD_ADMIN_PASSWORD);
    await publishProcedure(base, admin, procedureVersion());
    const clerk = await login(base, 'demo.clerk', DEMO_PASSWORD);
    const applicant = { ...PERSON, fullName: NAME, idNumber: ID_NUMBER, phone: PHONE, email: EMAIL };

    // Accepted: an intake (queues an SMS/e-mail to the applicant) and reads of it.
    const intake = await call(base, 'POST', '/api/v1/dossiers', {
      token: clerk,
      body: intakeBody({ applicant }),
      headers: { 'idempotency-key': 'logs-1' },
    });
    expect(intake.status, intake.body).toBe(201);
    const code = intake.json<{ code: string }>().code;
    await call(base, 'GET', `/api/v1/dossiers/${encodeURIComponent(code)}`, { token: clerk });
    await call(base, 'GET', `/dossiers/${encodeURIComponent(code)}`, {
      token: clerk,
      headers: { accept: 'text/html' },
    });
    // Refused and malformed requests carrying the same data.
    const attempts: [string, string, unknown?, Record<string, string>?][] = [
      ['POST', '/api/v1/dossiers', intakeBody({ applicant: { ...applicant, idNumber: `${ID_NUMBER}9` } })],
      ['POST', '/api/v1/dossiers', intakeBody({ applicant: { ...applicant, email: `${EMAIL}\u0000` } })],
      ['POST', '/api/v1/dossiers', intakeBody({ applicant, servicePointCode: `H21.52\u0000${PHONE}` })],
      [
        'POST',
        '/api/v1/intake-refusals',
        { ...intakeBody({ applicant }), reason: `Thiếu giấy tờ ${ID_NUMBER}` },
      ],
      [
        'GET',
        `/api/v1/dossiers?procedure=${ID_NUMBER}&servicePoint=${encodeURIComponent(PHONE)}&q=${encodeURIComponent(EMAIL)}`,
      ],
      ['GET', `/api/v1/dossiers/${ID_NUMBER}`],
      ['GET', `/api/v1/public/tracking/${ID_NUMBER}`],
      ['GET', `/tracking?q=${encodeURIComponent(PHONE)}`],
      ['GET', `/thu-tuc?q=${encodeURIComponent(NAME)}`],
      ['GET', `/api/v1/units/${encodeURIComponent(EMAIL)}`],
      [
        'POST',
        '/api/v1/users',
        { username: EMAIL, password: ID_NUMBER, fullName: NAME, roles: [{ role: 'auditor' }] },
      ],
      [
        'POST',
        '/api/v1/users',
        {
          username: `x${PHONE_DIGITS}`,
          password: 'short',
          fullName: NAME,
          roles: [{ role: 'clerk', scope: { servicePoint: ID_NUMBER } }],
        },
      ],
    ];
    for (const [method, path, body, headers] of attempts) {
      const res = await call(base, method, path, {
        token: path.includes('users') ? admin : clerk,
        body,
        headers,
      });
      expect(res.status, `${method} ${path}: ${res.body.slice(0, 200)}`).toBeLessThan(500);
    }
    // Sign-in attempts with personal data as the username and password.
    await call(base, 'POST', '/api/v1/auth/login', { body: { username: EMAIL, password: ID_NUMBER } });
    await call(base, 'POST', '/api/v1/auth/login', { body: { username: PHONE, password: PHONE } });
    // Malformed JSON with the data inside.
    await fetch(`${base}/api/v1/dossiers`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${clerk}`,
        'content-type': 'application/json',
        'x-request-id': LAST_REQUEST_ID,
      },
      body: `{"applicant":{"idNumber":"${ID_NUMBER}","phone":"${PHONE}"`,
    });
    // Give the outbox dispatcher (notifications) a moment to pick up the intake's message.
    await new Promise((r) => setTimeout(r, 3_000));
    // Logs are buffered (src/adapters/log-destination.ts), but a quiet second writes them out: the
    // last request is in the log before the process stops.
    expect(s.output(), 'the last request is logged within a second').toContain(LAST_REQUEST_ID);
    await s.stop();
    server = undefined;

    const output = s.output();
    const lines = output.split('\n').filter((l) => l.startsWith('{'));
    expect(lines.length, 'the logger wrote JSON lines').toBeGreaterThan(20);
    expect(output).toMatch(/"msg":"request completed"/);
    for (const secret of SECRETS) {
      const hits = output.split('\n').filter((l) => l.includes(secret));
      expect(hits, `"${secret}" appears in the log`).toEqual([]);
    }
  }, 180_000);
});
