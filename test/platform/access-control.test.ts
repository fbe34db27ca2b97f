/**
 * Role × scope × route: every API route is in this table with the expected answer for an anonymous
 * caller and for each demo role. A route missing from the table fails the test, so new routes must
 * declare their expected access here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestApp, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

type Who = 'anon' | 'clerk' | 'officer' | 'courier' | 'manager' | 'admin' | 'auditor';
const ACCOUNTS: Record<Exclude<Who, 'anon'>, string> = {
  clerk: 'demo.clerk',
  officer: 'demo.officer',
  courier: 'demo.courier',
  manager: 'demo.manager',
  admin: 'demo.admin',
  auditor: 'demo.auditor',
};

const OK = 200;
// [method, url, payload?] → expected status per caller.
const TABLE: {
  method: 'GET' | 'POST' | 'PUT';
  url: string;
  pattern: string;
  payload?: unknown;
  expect: Record<Who, number>;
}[] = [
  {
    method: 'GET',
    url: '/api/v1/units?at=2025-06-30',
    pattern: '/api/v1/units',
    expect: { anon: OK, clerk: OK, officer: OK, courier: OK, manager: OK, admin: OK, auditor: OK },
  },
  {
    method: 'GET',
    url: '/api/v1/units/64',
    pattern: '/api/v1/units/:code',
    expect: { anon: OK, clerk: OK, officer: OK, courier: OK, manager: OK, admin: OK, auditor: OK },
  },
  {
    method: 'GET',
    url: '/api/v1/units/64/successors',
    pattern: '/api/v1/units/:code/successors',
    expect: { anon: OK, clerk: OK, officer: OK, courier: OK, manager: OK, admin: OK, auditor: OK },
  },
  {
    method: 'GET',
    url: '/api/v1/service-points',
    pattern: '/api/v1/service-points',
    expect: { anon: OK, clerk: OK, officer: OK, courier: OK, manager: OK, admin: OK, auditor: OK },
  },
  {
    method: 'GET',
    url: '/api/v1/agencies',
    pattern: '/api/v1/agencies',
    expect: { anon: OK, clerk: OK, officer: OK, courier: OK, manager: OK, admin: OK, auditor: OK },
  },
  // demo.clerk works at H21.52: in scope.
  {
    method: 'GET',
    url: '/api/v1/service-points/H21.52/staff',
    pattern: '/api/v1/service-points/:code/staff',
    expect: { anon: 401, clerk: OK, officer: 403, courier: 403, manager: OK, admin: OK, auditor: OK },
  },
  {
    method: 'GET',
    url: '/api/v1/reports/coverage',
    pattern: '/api/v1/reports/coverage',
    expect: { anon: 401, clerk: 403, officer: 403, courier: 403, manager: OK, admin: OK, auditor: OK },
  },
  // Reports (docs/reports.md): managers and auditors; the manual 766 entry is the manager's.
  {
    method: 'GET',
    url: '/api/v1/reports/monthly?period=2026-03',
    pattern: '/api/v1/reports/monthly',
    expect: { anon: 401, clerk: 403, officer: 403, courier: 403, manager: OK, admin: 403, auditor: OK },
  },
  {
    method: 'GET',
    url: '/api/v1/reports/dashboard',
    pattern: '/api/v1/reports/dashboard',
    expect: { anon: 401, clerk: 403, officer: 403, courier: 403, manager: OK, admin: 403, auditor: OK },
  },
  {
    method: 'GET',
    url: '/api/v1/reports/index-766?period=2026-03',
    pattern: '/api/v1/reports/index-766',
    expect: { anon: 401, clerk: 403, officer: 403, courier: 403, manager: OK, admin: 403, auditor: OK },
  },
  {
    method: 'PUT',
    url: '/api/v1/reports/index-766/manual/1.4',
    pattern: '/api/v1/reports/index-766/manual/:id',
    payload: { numerator: 1, denominator: 2, source: 'Cổng DVCQG' },
    expect: { anon: 401, clerk: 403, officer: 403, courier: 403, manager: OK, admin: 403, auditor: 403 },
  },
  {
    method: 'GET',
    url: '/api/v1/users',
    pattern: '/api/v1/users',
    expect: { anon: 401, clerk: 403, officer: 403, courier: 403, manager: 403, admin: OK, auditor: 403 },
  },
  {
    method: 'POST',
    url: '/api/v1/users',
    pattern: '/api/v1/users',
    payload: { username: 'x', password: 'y', fullName: 'z', roles: [{ role: 'nobody' }] },
    expect: { anon: 401, clerk: 403, officer: 403, courier: 403, manager: 403, admin: 400, auditor: 403 },
  },
  {
    method: 'GET',
    url: '/api/v1/audit/verify',
    pattern: '/api/v1/audit/verify',
    expect: { anon: 401, clerk: 403, officer: 403, courier: 403, manager: 403, admin: OK, auditor: OK },
  },
  {
    method: 'GET',
    url: '/api/v1/auth/me',
    pattern: '/api/v1/auth/me',
    expect: { anon: 401, clerk: OK, officer: OK, courier: OK, manager: OK, admin: OK, auditor: OK },
  },
  // Dossiers (docs/dossiers.md): reads are scoped (404 for a code that does not exist once the role may read
  // dossiers); intake is the clerk's, actions the clerk's and the officer's (each action then checks the owning
  // role on the dossier: test/dossiers/permissions.test.ts). Payloads are invalid or codes unknown: nothing is stored.
  {
    method: 'GET',
    url: '/api/v1/dossiers?status=received',
    pattern: '/api/v1/dossiers',
    expect: { anon: 401, clerk: OK, officer: OK, courier: 403, manager: OK, admin: 403, auditor: OK },
  },
  {
    method: 'POST',
    url: '/api/v1/dossiers',
    pattern: '/api/v1/dossiers',
    payload: {},
    expect: { anon: 401, clerk: 400, officer: 403, courier: 403, manager: 403, admin: 403, auditor: 403 },
  },
  {
    method: 'POST',
    url: '/api/v1/intake-refusals',
    pattern: '/api/v1/intake-refusals',
    payload: {},
    expect: { anon: 401, clerk: 400, officer: 403, courier: 403, manager: 403, admin: 403, auditor: 403 },
  },
  {
    method: 'GET',
    url: '/api/v1/dossiers/H21.52-260302-9999',
    pattern: '/api/v1/dossiers/:code',
    expect: { anon: 401, clerk: 404, officer: 404, courier: 403, manager: 404, admin: 403, auditor: 404 },
  },
  {
    method: 'POST',
    url: '/api/v1/dossiers/H21.52-260302-9999/actions',
    pattern: '/api/v1/dossiers/:code/actions',
    payload: {},
    expect: { anon: 401, clerk: 400, officer: 400, courier: 403, manager: 403, admin: 403, auditor: 403 },
  },
  {
    method: 'POST',
    url: '/api/v1/dossiers/H21.52-260302-9999/files?document=1',
    pattern: '/api/v1/dossiers/:code/files',
    expect: { anon: 401, clerk: 404, officer: 404, courier: 403, manager: 403, admin: 403, auditor: 403 },
  },
  {
    method: 'GET',
    url: `/api/v1/dossiers/H21.52-260302-9999/files/${'0'.repeat(64)}`,
    pattern: '/api/v1/dossiers/:code/files/:sha256',
    expect: { anon: 401, clerk: 404, officer: 404, courier: 403, manager: 404, admin: 403, auditor: 404 },
  },
  // Documents: forms of a dossier and of an intake record (scope as GET /api/v1/dossiers/{code}: 404 for a
  // dossier that does not exist once the role may read dossiers), and the register of a service point
  // (demo.clerk works at H21.52; the officer's agency scope does not cover a service point).
  {
    method: 'GET',
    url: '/api/v1/dossiers/H21.52-260302-9999/forms/01.pdf',
    pattern: '/api/v1/dossiers/:code/forms/:formNo.pdf',
    expect: { anon: 401, clerk: 404, officer: 404, courier: 403, manager: 404, admin: 403, auditor: 404 },
  },
  {
    method: 'GET',
    url: '/api/v1/intake-records/00000000-0000-4000-8000-000000000000/form.pdf',
    pattern: '/api/v1/intake-records/:id/form.pdf',
    expect: { anon: 401, clerk: 404, officer: 404, courier: 403, manager: 404, admin: 403, auditor: 404 },
  },
  {
    method: 'GET',
    url: '/api/v1/registers?servicePoint=H21.52&from=2026-03-01&to=2026-03-02&format=xlsx',
    pattern: '/api/v1/registers',
    expect: { anon: 401, clerk: OK, officer: 403, courier: 403, manager: OK, admin: 403, auditor: OK },
  },
  // Citizen portal (docs/portal.md): public lookup and rating for the holder of the code + phone digits or the QR
  // token; an unknown code answers 404 PORTAL_LOOKUP_FAILED to everyone (nothing is stored). A token, not phone
  // digits: failed digit attempts on one code are rate-limited after MOTCUA_RATE_LIMIT_LOOKUP_PER_CODE (10).
  {
    method: 'GET',
    url: `/api/v1/public/dossiers/H21.52-260302-9999?token=${'A'.repeat(24)}`,
    pattern: '/api/v1/public/dossiers/:code',
    expect: { anon: 404, clerk: 404, officer: 404, courier: 404, manager: 404, admin: 404, auditor: 404 },
  },
  {
    method: 'POST',
    url: '/api/v1/public/dossiers/H21.52-260302-9999/rating',
    pattern: '/api/v1/public/dossiers/:code/rating',
    payload: { rating: 'satisfied', token: 'A'.repeat(24) },
    expect: { anon: 404, clerk: 404, officer: 404, courier: 404, manager: 404, admin: 404, auditor: 404 },
  },
  // Notifications: staff read (recipients masked); managers and admins requeue (404: no such message, nothing changes).
  {
    method: 'GET',
    url: '/api/v1/notifications',
    pattern: '/api/v1/notifications',
    expect: { anon: 401, clerk: 403, officer: 403, courier: 403, manager: OK, admin: OK, auditor: OK },
  },
  {
    method: 'POST',
    url: '/api/v1/notifications/999999/retry',
    pattern: '/api/v1/notifications/:id/retry',
    expect: { anon: 401, clerk: 403, officer: 403, courier: 403, manager: 404, admin: 404, auditor: 403 },
  },
  // Calendar: computations and data are public; changing them is for the admin (invalid payloads: nothing is stored).
  {
    method: 'POST',
    url: '/api/v1/calendar/due',
    pattern: '/api/v1/calendar/due',
    payload: { start: '2026-02-13T10:00:00+07:00', duration: { value: 3, unit: 'working_days' } },
    expect: { anon: OK, clerk: OK, officer: OK, courier: OK, manager: OK, admin: OK, auditor: OK },
  },
  {
    method: 'POST',
    url: '/api/v1/calendar/working-time',
    pattern: '/api/v1/calendar/working-time',
    payload: { from: '2026-02-13T10:00:00+07:00', to: '2026-02-25T10:00:00+07:00' },
    expect: { anon: OK, clerk: OK, officer: OK, courier: OK, manager: OK, admin: OK, auditor: OK },
  },
  {
    method: 'GET',
    url: '/api/v1/calendar/years/2026',
    pattern: '/api/v1/calendar/years/:year',
    expect: { anon: OK, clerk: OK, officer: OK, courier: OK, manager: OK, admin: OK, auditor: OK },
  },
  {
    method: 'PUT',
    url: '/api/v1/calendar/years/2026',
    pattern: '/api/v1/calendar/years/:year',
    payload: { status: 'draft', source: [], daysOff: [], workingDays: [] },
    expect: { anon: 401, clerk: 403, officer: 403, courier: 403, manager: 403, admin: 422, auditor: 403 },
  },
  {
    method: 'GET',
    url: '/api/v1/calendar/lunar?date=2026-02-17',
    pattern: '/api/v1/calendar/lunar',
    expect: { anon: OK, clerk: OK, officer: OK, courier: OK, manager: OK, admin: OK, auditor: OK },
  },
  {
    method: 'GET',
    url: '/api/v1/calendar/solar?year=2026&month=1&day=1',
    pattern: '/api/v1/calendar/solar',
    expect: { anon: OK, clerk: OK, officer: OK, courier: OK, manager: OK, admin: OK, auditor: OK },
  },
  {
    method: 'GET',
    url: '/api/v1/calendar/schedules',
    pattern: '/api/v1/calendar/schedules',
    expect: { anon: OK, clerk: OK, officer: OK, courier: OK, manager: OK, admin: OK, auditor: OK },
  },
  {
    method: 'POST',
    url: '/api/v1/calendar/schedules',
    pattern: '/api/v1/calendar/schedules',
    payload: { validFrom: '2026-06-01', periods: [{ start: '11:00', end: '08:00' }] },
    expect: { anon: 401, clerk: 403, officer: 403, courier: 403, manager: 403, admin: 422, auditor: 403 },
  },
  // Procedure catalog: reads are public; changes, import and export need catalog.manage (admin). The admin's
  // answers come from the request itself (validation, a published version is not a draft, a last day
  // outside the window, a JSON body is not a catalog file), so these rows change nothing.
  {
    method: 'GET',
    url: '/api/v1/procedures?q=khai+sinh',
    pattern: '/api/v1/procedures',
    expect: { anon: OK, clerk: OK, officer: OK, courier: OK, manager: OK, admin: OK, auditor: OK },
  },
  {
    method: 'GET',
    url: '/api/v1/procedures/1.001193',
    pattern: '/api/v1/procedures/:code',
    expect: { anon: OK, clerk: OK, officer: OK, courier: OK, manager: OK, admin: OK, auditor: OK },
  },
  {
    method: 'GET',
    url: '/api/v1/procedures/1.001193/versions',
    pattern: '/api/v1/procedures/:code/versions',
    expect: { anon: OK, clerk: OK, officer: OK, courier: OK, manager: OK, admin: OK, auditor: OK },
  },
  {
    method: 'GET',
    url: '/api/v1/procedures/1.001193/versions/1/diff/1',
    pattern: '/api/v1/procedures/:code/versions/:from/diff/:to',
    expect: { anon: OK, clerk: OK, officer: OK, courier: OK, manager: OK, admin: OK, auditor: OK },
  },
  {
    method: 'GET',
    url: '/api/v1/catalog/coverage',
    pattern: '/api/v1/catalog/coverage',
    expect: { anon: OK, clerk: OK, officer: OK, courier: OK, manager: OK, admin: OK, auditor: OK },
  },
  {
    method: 'POST',
    url: '/api/v1/procedures',
    pattern: '/api/v1/procedures',
    payload: { code: '1.001193' },
    expect: { anon: 401, clerk: 403, officer: 403, courier: 403, manager: 403, admin: 400, auditor: 403 },
  },
  {
    method: 'PUT',
    url: '/api/v1/procedures/1.001193/versions/1',
    pattern: '/api/v1/procedures/:code/versions/:version',
    payload: { code: '1.001193' },
    expect: { anon: 401, clerk: 403, officer: 403, courier: 403, manager: 403, admin: 400, auditor: 403 },
  },
  {
    method: 'POST',
    url: '/api/v1/procedures/1.001193/versions/1/publish',
    pattern: '/api/v1/procedures/:code/versions/:version/publish',
    payload: {},
    expect: { anon: 401, clerk: 403, officer: 403, courier: 403, manager: 403, admin: 409, auditor: 403 },
  },
  {
    method: 'POST',
    url: '/api/v1/procedures/1.001193/versions/1/retire',
    pattern: '/api/v1/procedures/:code/versions/:version/retire',
    payload: { lastDay: '2019-12-31' },
    expect: { anon: 401, clerk: 403, officer: 403, courier: 403, manager: 403, admin: 422, auditor: 403 },
  },
  {
    method: 'POST',
    url: '/api/v1/catalog/import?format=csv',
    pattern: '/api/v1/catalog/import',
    payload: { not: 'a file' },
    expect: { anon: 401, clerk: 403, officer: 403, courier: 403, manager: 403, admin: 415, auditor: 403 },
  },
  {
    method: 'GET',
    url: '/api/v1/catalog/export?format=csv',
    pattern: '/api/v1/catalog/export',
    expect: { anon: 401, clerk: 403, officer: 403, courier: 403, manager: 403, admin: OK, auditor: 403 },
  },
  // Postal (docs/postal.md): a citizen's request is public (a signed-in caller must be a clerk); items are read by
  // clerks, couriers, managers and auditors (404: EE123456785VN does not exist); events and manifests are the
  // clerk's and the courier's; custody for managers and auditors; cash for clerks, managers, auditors. Payloads
  // are invalid or numbers unknown: nothing is stored.
  {
    method: 'POST',
    url: '/api/v1/postal/requests',
    pattern: '/api/v1/postal/requests',
    payload: {},
    expect: { anon: 400, clerk: 400, officer: 403, courier: 403, manager: 403, admin: 403, auditor: 403 },
  },
  {
    method: 'GET',
    url: '/api/v1/postal/items?status=open',
    pattern: '/api/v1/postal/items',
    expect: { anon: 401, clerk: OK, officer: 403, courier: OK, manager: OK, admin: 403, auditor: OK },
  },
  {
    method: 'GET',
    url: '/api/v1/postal/items/EE123456785VN',
    pattern: '/api/v1/postal/items/:trackingNumber',
    expect: { anon: 401, clerk: 404, officer: 403, courier: 404, manager: 404, admin: 403, auditor: 404 },
  },
  {
    method: 'POST',
    url: '/api/v1/postal/items/EE123456785VN/events',
    pattern: '/api/v1/postal/items/:trackingNumber/events',
    payload: { type: 'out-for-delivery' },
    expect: { anon: 401, clerk: 404, officer: 403, courier: 404, manager: 403, admin: 403, auditor: 403 },
  },
  {
    method: 'GET',
    url: '/api/v1/postal/items/EE123456785VN/photo',
    pattern: '/api/v1/postal/items/:trackingNumber/photo',
    expect: { anon: 401, clerk: 404, officer: 403, courier: 404, manager: 404, admin: 403, auditor: 404 },
  },
  {
    method: 'POST',
    url: '/api/v1/postal/manifests',
    pattern: '/api/v1/postal/manifests',
    payload: { direction: 'to_counter', items: ['EE123456785VN'] },
    expect: { anon: 401, clerk: 404, officer: 403, courier: 404, manager: 403, admin: 403, auditor: 403 },
  },
  {
    method: 'GET',
    url: '/api/v1/postal/manifests/00000000-0000-4000-8000-000000000000',
    pattern: '/api/v1/postal/manifests/:id',
    expect: { anon: 401, clerk: 404, officer: 403, courier: 404, manager: 404, admin: 403, auditor: 404 },
  },
  {
    method: 'POST',
    url: '/api/v1/postal/manifests/00000000-0000-4000-8000-000000000000/confirm',
    pattern: '/api/v1/postal/manifests/:id/confirm',
    payload: { count: 1 },
    expect: { anon: 401, clerk: 404, officer: 403, courier: 404, manager: 403, admin: 403, auditor: 403 },
  },
  {
    method: 'GET',
    url: '/api/v1/postal/manifests/00000000-0000-4000-8000-000000000000/pdf',
    pattern: '/api/v1/postal/manifests/:id/pdf',
    expect: { anon: 401, clerk: 404, officer: 403, courier: 404, manager: 404, admin: 403, auditor: 404 },
  },
  {
    method: 'GET',
    url: '/api/v1/postal/run-sheet?courier=demo.courier&day=2026-03-02',
    pattern: '/api/v1/postal/run-sheet',
    expect: { anon: 401, clerk: OK, officer: 403, courier: OK, manager: OK, admin: 403, auditor: OK },
  },
  {
    method: 'GET',
    url: '/api/v1/postal/custody',
    pattern: '/api/v1/postal/custody',
    expect: { anon: 401, clerk: 403, officer: 403, courier: 403, manager: OK, admin: 403, auditor: OK },
  },
  {
    method: 'GET',
    url: '/api/v1/postal/cash?from=2026-03-02&to=2026-03-02',
    pattern: '/api/v1/postal/cash',
    expect: { anon: 401, clerk: OK, officer: 403, courier: 403, manager: OK, admin: 403, auditor: OK },
  },
  {
    method: 'POST',
    url: '/api/v1/postal/cash/handovers',
    pattern: '/api/v1/postal/cash/handovers',
    payload: {},
    expect: { anon: 401, clerk: 400, officer: 403, courier: 403, manager: 403, admin: 403, auditor: 403 },
  },
  {
    method: 'GET',
    url: '/api/v1/postal/figures?from=2026-03-01&to=2026-03-31',
    pattern: '/api/v1/postal/figures',
    expect: { anon: 401, clerk: 403, officer: 403, courier: 403, manager: OK, admin: OK, auditor: OK },
  },
  {
    method: 'GET',
    url: '/api/v1/postal/tariff',
    pattern: '/api/v1/postal/tariff',
    expect: { anon: OK, clerk: OK, officer: OK, courier: OK, manager: OK, admin: OK, auditor: OK },
  },
  {
    method: 'POST',
    url: '/api/v1/postal/tariff',
    pattern: '/api/v1/postal/tariff',
    payload: {},
    expect: { anon: 401, clerk: 403, officer: 403, courier: 403, manager: 403, admin: 400, auditor: 403 },
  },
  {
    method: 'GET',
    url: '/api/v1/public/tracking/EE123456785VN',
    pattern: '/api/v1/public/tracking/:query',
    expect: { anon: 404, clerk: 404, officer: 404, courier: 404, manager: 404, admin: 404, auditor: 404 },
  },
  // Feedback, PAKN (docs/feedback.md): submitting, following up with the token, published answers and ratings are
  // public; the queue is read by clerks, officers, managers and auditors within scope; actions by clerks (triage),
  // officers (answer) and managers. Payloads are invalid or references unknown: nothing is stored.
  {
    method: 'POST',
    url: '/api/v1/feedback',
    pattern: '/api/v1/feedback',
    payload: {},
    expect: { anon: 400, clerk: 400, officer: 400, courier: 400, manager: 400, admin: 400, auditor: 400 },
  },
  {
    method: 'GET',
    url: '/api/v1/public/feedback?servicePoint=H21.52',
    pattern: '/api/v1/public/feedback',
    expect: { anon: OK, clerk: OK, officer: OK, courier: OK, manager: OK, admin: OK, auditor: OK },
  },
  {
    method: 'POST',
    url: '/api/v1/public/feedback/PAKN-20260302-9999/ratings',
    pattern: '/api/v1/public/feedback/:reference/ratings',
    payload: { rating: 'satisfied', raterToken: 'access-control-rater-token' },
    expect: { anon: 404, clerk: 404, officer: 404, courier: 404, manager: 404, admin: 404, auditor: 404 },
  },
  {
    method: 'POST',
    url: '/api/v1/feedback/PAKN-20260302-9999/follow-up',
    pattern: '/api/v1/feedback/:reference/follow-up',
    payload: { token: 'not-the-token', action: 'withdraw' },
    expect: { anon: 403, clerk: 403, officer: 403, courier: 403, manager: 403, admin: 403, auditor: 403 },
  },
  {
    method: 'GET',
    url: '/api/v1/feedback',
    pattern: '/api/v1/feedback',
    expect: { anon: 401, clerk: OK, officer: OK, courier: 403, manager: OK, admin: 403, auditor: OK },
  },
  {
    method: 'GET',
    url: '/api/v1/feedback/PAKN-20260302-9999',
    pattern: '/api/v1/feedback/:reference',
    expect: { anon: 401, clerk: 404, officer: 404, courier: 403, manager: 404, admin: 403, auditor: 404 },
  },
  {
    method: 'POST',
    url: '/api/v1/feedback/PAKN-20260302-9999/actions',
    pattern: '/api/v1/feedback/:reference/actions',
    payload: {},
    expect: { anon: 401, clerk: 400, officer: 400, courier: 403, manager: 400, admin: 403, auditor: 403 },
  },
  // Post-office operations (docs/post-operations.md); ids are the demo rows.
  {
    method: 'GET',
    url: '/api/v1/operations/staff',
    pattern: '/api/v1/operations/staff',
    expect: { anon: 401, clerk: 403, officer: 403, courier: 403, manager: OK, admin: OK, auditor: OK },
  },
  {
    method: 'POST',
    url: '/api/v1/operations/staff',
    pattern: '/api/v1/operations/staff',
    payload: {},
    expect: { anon: 401, clerk: 403, officer: 403, courier: 403, manager: 400, admin: 400, auditor: 403 },
  },
  {
    method: 'GET',
    url: '/api/v1/operations/staff/00000000-0000-4000-8000-000000000801',
    pattern: '/api/v1/operations/staff/:id',
    expect: { anon: 401, clerk: 403, officer: 403, courier: 403, manager: OK, admin: OK, auditor: OK },
  },
  {
    method: 'POST',
    url: '/api/v1/operations/staff/00000000-0000-4000-8000-000000000801/assignments',
    pattern: '/api/v1/operations/staff/:id/assignments',
    payload: {},
    expect: { anon: 401, clerk: 403, officer: 403, courier: 403, manager: 400, admin: 400, auditor: 403 },
  },
  {
    method: 'GET',
    url: '/api/v1/operations/assignments?at=2026-03-01',
    pattern: '/api/v1/operations/assignments',
    expect: { anon: 401, clerk: 403, officer: 403, courier: 403, manager: OK, admin: OK, auditor: OK },
  },
  {
    method: 'GET',
    url: '/api/v1/operations/training',
    pattern: '/api/v1/operations/training',
    expect: { anon: 401, clerk: 403, officer: 403, courier: 403, manager: OK, admin: OK, auditor: OK },
  },
  {
    method: 'POST',
    url: '/api/v1/operations/training',
    pattern: '/api/v1/operations/training',
    payload: {},
    expect: { anon: 401, clerk: 403, officer: 403, courier: 403, manager: 400, admin: 400, auditor: 403 },
  },
  {
    method: 'GET',
    url: '/api/v1/operations/training-needs',
    pattern: '/api/v1/operations/training-needs',
    expect: { anon: 401, clerk: 403, officer: 403, courier: 403, manager: OK, admin: OK, auditor: OK },
  },
  {
    method: 'GET',
    url: '/api/v1/operations/inspections',
    pattern: '/api/v1/operations/inspections',
    expect: { anon: 401, clerk: 403, officer: 403, courier: 403, manager: OK, admin: OK, auditor: OK },
  },
  {
    method: 'POST',
    url: '/api/v1/operations/inspections',
    pattern: '/api/v1/operations/inspections',
    payload: {},
    expect: { anon: 401, clerk: 403, officer: 403, courier: 403, manager: 400, admin: 400, auditor: 403 },
  },
  {
    method: 'GET',
    url: '/api/v1/operations/inspections/00000000-0000-4000-8000-000000000831',
    pattern: '/api/v1/operations/inspections/:id',
    expect: { anon: 401, clerk: 403, officer: 403, courier: 403, manager: OK, admin: OK, auditor: OK },
  },
  {
    method: 'POST',
    url: '/api/v1/operations/inspections/00000000-0000-4000-8000-000000000831/actions',
    pattern: '/api/v1/operations/inspections/:id/actions',
    payload: {},
    expect: { anon: 401, clerk: 403, officer: 403, courier: 403, manager: 400, admin: 400, auditor: 403 },
  },
  {
    method: 'POST',
    url: '/api/v1/operations/actions/00000000-0000-4000-8000-000000000842/close',
    pattern: '/api/v1/operations/actions/:id/close',
    payload: {},
    expect: { anon: 401, clerk: 403, officer: 403, courier: 403, manager: 400, admin: 400, auditor: 403 },
  },
  {
    method: 'POST',
    url: '/api/v1/operations/counter-sessions',
    pattern: '/api/v1/operations/counter-sessions',
    payload: {},
    expect: { anon: 401, clerk: 400, officer: 403, courier: 403, manager: 403, admin: 403, auditor: 403 },
  },
  {
    method: 'GET',
    url: '/api/v1/operations/clerk-figures?from=2026-03-01&to=2026-03-31',
    pattern: '/api/v1/operations/clerk-figures',
    expect: { anon: 401, clerk: 403, officer: 403, courier: 403, manager: OK, admin: OK, auditor: OK },
  },
  {
    method: 'GET',
    url: '/api/v1/public/transparency?from=2026-03-01&to=2026-03-31',
    pattern: '/api/v1/public/transparency',
    expect: { anon: OK, clerk: OK, officer: OK, courier: OK, manager: OK, admin: OK, auditor: OK },
  },
  {
    method: 'POST',
    url: '/api/v1/public/identity/otp',
    pattern: '/api/v1/public/identity/otp',
    payload: {},
    expect: { anon: 400, clerk: 400, officer: 400, courier: 400, manager: 400, admin: 400, auditor: 400 },
  },
  {
    method: 'POST',
    url: '/api/v1/public/identity/otp/verify',
    pattern: '/api/v1/public/identity/otp/verify',
    payload: {},
    expect: { anon: 400, clerk: 400, officer: 400, courier: 400, manager: 400, admin: 400, auditor: 400 },
  },
  {
    // A citizen session is needed (X-Citizen-Token or the citizen cookie); staff tokens do not count.
    method: 'POST',
    url: '/api/v1/public/submissions',
    pattern: '/api/v1/public/submissions',
    payload: {},
    expect: { anon: 401, clerk: 401, officer: 401, courier: 401, manager: 401, admin: 401, auditor: 401 },
  },
];
const NOT_IN_TABLE = new Set(['/api/v1/auth/login', '/api/v1/auth/logout', '/api/v1/openapi.json']); // tested in http-edge.test.ts

describe('access control table', () => {
  it('covers every API route', () => {
    const registered = t.app.services.routes
      .filter((r) => r.url.startsWith('/api/v1/'))
      .map((r) => `${r.method} ${r.url}`);
    const covered = new Set(TABLE.map((r) => `${r.method} ${r.pattern}`));
    for (const route of registered) {
      const [, url] = route.split(' ');
      if (url?.startsWith('/api/v1/docs') || NOT_IN_TABLE.has(url ?? '')) continue;
      expect(covered.has(route), `${route} is not in the access-control table`).toBe(true);
    }
    expect(registered.length).toBeGreaterThan(8);
  });

  for (const row of TABLE) {
    for (const who of Object.keys(row.expect) as Who[]) {
      it(`${row.method} ${row.url} as ${who} → ${row.expect[who]}`, async () => {
        const headers = who === 'anon' ? {} : bearer(await t.tokenFor(ACCOUNTS[who]));
        const res = await t.app.inject({
          method: row.method,
          url: row.url,
          headers,
          ...(row.payload ? { payload: row.payload as object } : {}),
        });
        expect(res.statusCode, res.body).toBe(row.expect[who]);
        if (res.statusCode >= 400) expect(res.json()).toHaveProperty('code');
      });
    }
  }
});

describe('scopes', () => {
  it('a commune clerk cannot read another commune’s service point, but can read their own', async () => {
    const token = await t.tokenFor('demo.clerk.iakrai'); // H21.52.23776 (xã Ia Krái)
    expect(
      (await t.app.inject({ url: '/api/v1/service-points/H21.52.23776/staff', headers: bearer(token) }))
        .statusCode,
    ).toBe(200);
    const other = await t.app.inject({
      url: '/api/v1/service-points/H21.52.21583/staff',
      headers: bearer(token),
    });
    expect(other.statusCode).toBe(403);
    expect(other.json()).toMatchObject({ code: 'FORBIDDEN' });
    expect(
      (await t.app.inject({ url: '/api/v1/service-points/H21.52/staff', headers: bearer(token) })).statusCode,
    ).toBe(403);
  });

  it('a manager scoped to a district sees its communes’ counters and nothing outside it', async () => {
    const admin = await t.tokenFor('admin');
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: bearer(admin),
      payload: {
        username: 'manager.iagrai',
        password: 'long-enough-password',
        fullName: 'Quản lý Ia Grai',
        roles: [{ role: 'manager', scope: { unit: '628' } }],
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const token = await t.tokenFor('manager.iagrai', 'long-enough-password');
    expect(
      (await t.app.inject({ url: '/api/v1/service-points/H21.628/staff', headers: bearer(token) }))
        .statusCode,
    ).toBe(200);
    expect(
      (await t.app.inject({ url: '/api/v1/service-points/H21.23779/staff', headers: bearer(token) }))
        .statusCode,
    ).toBe(200); // Ia Tô is in Ia Grai
    expect(
      (await t.app.inject({ url: '/api/v1/service-points/H21.622/staff', headers: bearer(token) }))
        .statusCode,
    ).toBe(403); // Pleiku is not
  });

  it('rejects a role without its required scope, or with a scope that does not exist', async () => {
    const admin = await t.tokenFor('admin');
    const noScope = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: bearer(admin),
      payload: {
        username: 'clerk.x',
        password: 'long-enough-password',
        fullName: 'X',
        roles: [{ role: 'clerk' }],
      },
    });
    expect(noScope.statusCode).toBe(400);
    expect(noScope.json()).toMatchObject({
      code: 'VALIDATION_FAILED',
      invalidParams: [{ name: 'roles/0/scope', code: 'USER_ROLE_SCOPE_INVALID' }],
    });
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: bearer(admin),
      payload: {
        username: 'clerk.y',
        password: 'long-enough-password',
        fullName: 'Y',
        roles: [{ role: 'clerk', scope: { servicePoint: 'H99.999' } }],
      },
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().invalidParams[0].reason).toContain('H99.999');
  });

  it('rejects a duplicate username with 409', async () => {
    const admin = await t.tokenFor('admin');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: bearer(admin),
      payload: {
        username: 'demo.clerk',
        password: 'long-enough-password',
        fullName: 'Dup',
        roles: [{ role: 'auditor' }],
      },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'USER_EXISTS' });
  });
});
