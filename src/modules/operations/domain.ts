/**
 * Post-office operations, the pure rules: who may be recorded as counter staff, the corrective-action
 * state machine (open → closed) with its overdue flag, validation of training and inspection records,
 * report periods, medians and rates. No I/O, no clock: dates are passed in.
 */
import { AppError, err, ok, type InvalidParam, type Result } from '../../kernel/errors.ts';
import { isLocalDate, VN_OFFSET_MS } from '../../kernel/local-date.ts';

export const EMPLOYERS = ['post', 'agency'] as const;
export type Employer = (typeof EMPLOYERS)[number];

// ---------------------------------------------------------------- corrective actions

export const ACTION_STATUSES = ['open', 'closed'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];
export type ActionCommand = 'close';

/** The explicit transition table: an open action can be closed; a closed action stays closed. */
export const ACTION_TRANSITIONS: Readonly<
  Record<ActionStatus, Partial<Record<ActionCommand, ActionStatus>>>
> = {
  open: { close: 'closed' },
  closed: {},
};

export function transitionAction(status: ActionStatus, command: ActionCommand): Result<ActionStatus> {
  const next = ACTION_TRANSITIONS[status][command];
  if (next === undefined)
    return err(new AppError('OPERATIONS_ACTION_TRANSITION_INVALID', { details: { status, command } }));
  return ok(next);
}

/** Overdue: still open after its deadline day, judged on the local date `at` passed in. */
export function isOverdue(action: { status: string; dueOn: string }, at: string): boolean {
  return action.status === 'open' && action.dueOn < at;
}

// ---------------------------------------------------------------- validation

type Form = Record<string, unknown>;
const text = (v: unknown): string => (typeof v === 'string' ? v.normalize('NFC').trim() : '');

function requireText(f: Form, name: string, max: number, problems: InvalidParam[]): string {
  const value = text(f[name]);
  if (value === '') problems.push({ name, reason: 'required' });
  else if (value.length > max) problems.push({ name, reason: `at most ${max} characters` });
  return value;
}

function requireDate(f: Form, name: string, problems: InvalidParam[]): string {
  const value = text(f[name]);
  if (!isLocalDate(value)) problems.push({ name, reason: 'not a real date YYYY-MM-DD' });
  return value;
}

function optionalText(f: Form, name: string, max: number, problems: InvalidParam[]): string | null {
  const value = text(f[name]);
  if (value.length > max) problems.push({ name, reason: `at most ${max} characters` });
  return value === '' ? null : value;
}

function done<T>(value: T, problems: InvalidParam[]): Result<T> {
  return problems.length > 0
    ? err(new AppError('VALIDATION_FAILED', { invalidParams: problems }))
    : ok(value);
}

export interface StaffInput {
  readonly fullName: string;
  readonly username: string | null;
  readonly employer: Employer;
  readonly agencyCode: string | null;
}

/** Post staff have no agency; agency staff (BHXH, Công an …) name theirs. */
export function validateStaff(f: Form): Result<StaffInput> {
  const problems: InvalidParam[] = [];
  const fullName = requireText(f, 'fullName', 120, problems);
  const username = optionalText(f, 'username', 64, problems);
  const employer = text(f.employer);
  if (!(EMPLOYERS as readonly string[]).includes(employer))
    problems.push({ name: 'employer', reason: 'post or agency' });
  const agencyCode = optionalText(f, 'agencyCode', 64, problems);
  if (employer === 'agency' && agencyCode === null)
    problems.push({ name: 'agencyCode', reason: 'required for agency staff' });
  if (employer === 'post' && agencyCode !== null)
    problems.push({ name: 'agencyCode', reason: 'post staff have no agency' });
  return done({ fullName, username, employer: employer as Employer, agencyCode }, problems);
}

export interface AssignmentInput {
  readonly servicePointCode: string;
  readonly counterNo: number | null;
  readonly validFrom: string;
  readonly validTo: string | null;
}

export function validateAssignment(f: Form): Result<AssignmentInput> {
  const problems: InvalidParam[] = [];
  const servicePointCode = requireText(f, 'servicePointCode', 64, problems);
  const rawCounter = f.counterNo === undefined || f.counterNo === null ? '' : String(f.counterNo).trim();
  let counterNo: number | null = null;
  if (rawCounter !== '') {
    counterNo = Number(rawCounter);
    if (!Number.isInteger(counterNo) || counterNo < 1 || counterNo > 999)
      problems.push({ name: 'counterNo', reason: 'a whole number from 1 to 999' });
  }
  const validFrom = requireDate(f, 'validFrom', problems);
  const to = text(f.validTo);
  const validTo = to === '' ? null : to;
  if (validTo !== null) {
    if (!isLocalDate(validTo)) problems.push({ name: 'validTo', reason: 'not a real date YYYY-MM-DD' });
    else if (isLocalDate(validFrom) && validTo < validFrom)
      problems.push({ name: 'validTo', reason: 'before validFrom' });
  }
  return done({ servicePointCode, counterNo, validFrom, validTo }, problems);
}

export interface TrainingInput {
  readonly staffId: string;
  readonly course: string;
  readonly organiser: string;
  readonly hours: number;
  readonly completedOn: string;
  readonly certificateNo: string | null;
  readonly fields: readonly string[];
}

/** Fields come as an array (API) or a comma/newline-separated text (form). */
export function fieldsOf(value: unknown): string[] {
  const list = Array.isArray(value) ? value.map(text) : text(value).split(/[,\n;]/);
  return [...new Set(list.map((s) => s.trim()).filter((s) => s !== ''))];
}

export function validateTraining(f: Form): Result<TrainingInput> {
  const problems: InvalidParam[] = [];
  const staffId = requireText(f, 'staffId', 64, problems);
  const course = requireText(f, 'course', 300, problems);
  const organiser = requireText(f, 'organiser', 200, problems);
  const hours = Number(typeof f.hours === 'string' ? f.hours.trim() : f.hours);
  if (!Number.isInteger(hours) || hours < 1 || hours > 2000)
    problems.push({ name: 'hours', reason: 'a whole number of hours from 1 to 2000' });
  const completedOn = requireDate(f, 'completedOn', problems);
  const certificateNo = optionalText(f, 'certificateNo', 64, problems);
  const fields = fieldsOf(f.fields);
  if (fields.length === 0) problems.push({ name: 'fields', reason: 'at least one procedure field' });
  if (fields.some((x) => x.length > 120))
    problems.push({ name: 'fields', reason: 'at most 120 characters each' });
  return done({ staffId, course, organiser, hours, completedOn, certificateNo, fields }, problems);
}

export interface InspectionInput {
  readonly inspectedOn: string;
  readonly inspector: string;
  readonly servicePointCode: string;
  readonly findings: string;
}

export function validateInspection(f: Form): Result<InspectionInput> {
  const problems: InvalidParam[] = [];
  const inspectedOn = requireDate(f, 'inspectedOn', problems);
  const inspector = requireText(f, 'inspector', 200, problems);
  const servicePointCode = requireText(f, 'servicePointCode', 64, problems);
  const findings = requireText(f, 'findings', 5000, problems);
  return done({ inspectedOn, inspector, servicePointCode, findings }, problems);
}

export interface ActionInput {
  readonly description: string;
  readonly responsible: string;
  readonly dueOn: string;
}

export function validateAction(f: Form, inspectedOn: string): Result<ActionInput> {
  const problems: InvalidParam[] = [];
  const description = requireText(f, 'description', 2000, problems);
  const responsible = requireText(f, 'responsible', 200, problems);
  const dueOn = requireDate(f, 'dueOn', problems);
  if (isLocalDate(dueOn) && dueOn < inspectedOn)
    problems.push({ name: 'dueOn', reason: 'before the inspection date' });
  return done({ description, responsible, dueOn }, problems);
}

export function validateClosure(f: Form, openedOn: string): Result<{ closedOn: string; note: string }> {
  const problems: InvalidParam[] = [];
  const closedOn = requireDate(f, 'closedOn', problems);
  if (isLocalDate(closedOn) && closedOn < openedOn)
    problems.push({ name: 'closedOn', reason: 'before the inspection date' });
  const note = requireText(f, 'note', 2000, problems);
  return done({ closedOn, note }, problems);
}

// ---------------------------------------------------------------- periods and figures

export interface Period {
  readonly from: string;
  readonly to: string;
}

/** The calendar month of a local date (the default report period). */
export function monthOf(day: string): Period {
  const [y, m] = [Number(day.slice(0, 4)), Number(day.slice(5, 7))];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from: `${day.slice(0, 7)}-01`, to: `${day.slice(0, 7)}-${String(last).padStart(2, '0')}` };
}

/** A period from query values; missing ends default to the month of `today`. At most 366 days. */
export function periodOf(from: string | undefined, to: string | undefined, today: string): Result<Period> {
  const month = monthOf(today);
  const p = { from: from || month.from, to: to || month.to };
  const problems: InvalidParam[] = [];
  if (!isLocalDate(p.from)) problems.push({ name: 'from', reason: 'not a real date YYYY-MM-DD' });
  if (!isLocalDate(p.to)) problems.push({ name: 'to', reason: 'not a real date YYYY-MM-DD' });
  if (problems.length === 0) {
    if (p.from < '2000-01-01' || p.to > '2099-12-31')
      problems.push({ name: p.from < '2000-01-01' ? 'from' : 'to', reason: 'a date from 2000 to 2099' });
    else if (p.to < p.from) problems.push({ name: 'to', reason: 'before from' });
    else if (Date.parse(p.to) - Date.parse(p.from) > 366 * 86_400_000)
      problems.push({ name: 'to', reason: 'a period of at most 366 days' });
  }
  return done(p, problems);
}

/** The instants [start, end) of a local-date period (UTC+7 days). */
export function instantsOf(p: Period): { start: Date; end: Date } {
  return {
    start: new Date(Date.parse(`${p.from}T00:00:00Z`) - VN_OFFSET_MS),
    end: new Date(Date.parse(`${p.to}T00:00:00Z`) + 86_400_000 - VN_OFFSET_MS),
  };
}

/** The median of a list (mean of the two middle values for an even count); null for an empty list. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

/** A percentage with one decimal, or null when there is nothing to divide by. */
export function percent(part: number, whole: number): number | null {
  if (whole <= 0) return null;
  return Math.round((part / whole) * 1000) / 10;
}

/** Clerks who received dossiers in a field they have no training record for (one row per clerk and field). */
export function trainingGaps(
  received: readonly { username: string; field: string; dossiers: number }[],
  trained: ReadonlyMap<string, ReadonlySet<string>>,
): { username: string; field: string; dossiers: number }[] {
  return received
    .filter((r) => !(trained.get(r.username)?.has(r.field) ?? false))
    .sort((a, b) => a.username.localeCompare(b.username) || b.dossiers - a.dossiers);
}
