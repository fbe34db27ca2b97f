/**
 * The admin form of a year (no JavaScript): flat, indexed field names that a plain form post
 * carries (`off-3-date`, `off-3-name`, `off-3-kind`, `off-3-remove`, `work-0-date`, `src-1-url`,
 * `status`, `note`, `expectedRevision`). Parsing keeps what was typed, so the page can show it
 * again next to the errors. Pure.
 */
import type { YearInput, YearProblem } from './year-input.ts';

/** A day-off row as typed. */
export interface DayOffRow {
  readonly date: string;
  readonly name: string;
  readonly kind: string;
  readonly remove: boolean;
}

/** A make-up working day row as typed. */
export interface WorkingDayRow {
  readonly date: string;
  readonly name: string;
  readonly remove: boolean;
}

/** A source row as typed. */
export interface SourceRow {
  readonly title: string;
  readonly url: string;
  readonly remove: boolean;
}

/** The form's state: what the page shows in its fields. */
export interface YearForm {
  readonly status: string;
  readonly note: string;
  /** The revision the form was opened on ('' = none given). */
  readonly expectedRevision: string;
  readonly daysOff: readonly DayOffRow[];
  readonly workingDays: readonly WorkingDayRow[];
  readonly sources: readonly SourceRow[];
}

/** Rows beyond this index are ignored (a form never has that many). */
export const MAX_FORM_ROWS = 200;

const ROW_RE = /^(off|work|src)-(\d{1,3})-(date|name|kind|remove|title|url)$/;

function text(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return text(value[value.length - 1]);
  return '';
}

/** A form showing existing data (no rows removed). */
export function formOf(data: {
  readonly status: string;
  readonly note: string | null;
  readonly revision: number;
  readonly daysOff: readonly { date: string; name: string; kind: string }[];
  readonly workingDays: readonly { date: string; name: string }[];
  readonly source: readonly { title: string; url: string }[];
}): YearForm {
  return {
    status: data.status,
    note: data.note ?? '',
    expectedRevision: String(data.revision),
    daysOff: data.daysOff.map((d) => ({ date: d.date, name: d.name, kind: d.kind, remove: false })),
    workingDays: data.workingDays.map((d) => ({ date: d.date, name: d.name, remove: false })),
    sources: data.source.map((s) => ({ title: s.title, url: s.url, remove: false })),
  };
}

/** The parsed post: the form to show again, the input to validate, and where each problem belongs. */
export interface ParsedYearForm {
  readonly form: YearForm;
  readonly input: YearInput;
  /** The expected revision, when the form carried one. */
  readonly expectedRevision: number | undefined;
  /** The id of the form field a validation problem belongs to. */
  fieldOf(problem: YearProblem): string;
}

/** Reads a posted form (`application/x-www-form-urlencoded`, already parsed into an object). */
export function parseYearForm(body: Readonly<Record<string, unknown>>): ParsedYearForm {
  const rows = { off: new Map<number, Record<string, string>>(), work: new Map(), src: new Map() } as Record<
    'off' | 'work' | 'src',
    Map<number, Record<string, string>>
  >;
  for (const [key, value] of Object.entries(body)) {
    const m = ROW_RE.exec(key);
    if (!m) continue;
    const group = m[1] as 'off' | 'work' | 'src';
    const index = Number(m[2]);
    if (index >= MAX_FORM_ROWS) continue;
    const row = rows[group].get(index) ?? {};
    row[m[3] as string] = text(value);
    rows[group].set(index, row);
  }
  const ordered = (group: 'off' | 'work' | 'src') =>
    [...rows[group].entries()].sort((a, b) => a[0] - b[0]).map(([, r]) => r);
  const removed = (r: Record<string, string>) => r.remove !== undefined && r.remove !== '';

  const daysOff: DayOffRow[] = ordered('off')
    .filter((r) => (r.date ?? '').trim() !== '' || (r.name ?? '').trim() !== '')
    .map((r) => ({ date: r.date ?? '', name: r.name ?? '', kind: r.kind ?? '', remove: removed(r) }));
  const workingDays: WorkingDayRow[] = ordered('work')
    .filter((r) => (r.date ?? '').trim() !== '' || (r.name ?? '').trim() !== '')
    .map((r) => ({ date: r.date ?? '', name: r.name ?? '', remove: removed(r) }));
  const sources: SourceRow[] = ordered('src')
    .filter((r) => (r.title ?? '').trim() !== '' || (r.url ?? '').trim() !== '')
    .map((r) => ({ title: r.title ?? '', url: r.url ?? '', remove: removed(r) }));

  const kept = <T extends { remove: boolean }>(list: readonly T[]) => {
    const positions: number[] = [];
    const items: T[] = [];
    list.forEach((item, i) => {
      if (!item.remove) {
        positions.push(i);
        items.push(item);
      }
    });
    return { positions, items };
  };
  const off = kept(daysOff);
  const work = kept(workingDays);
  const src = kept(sources);

  const expectedText = text(body.expectedRevision).trim();
  const expectedRevision = /^\d{1,6}$/.test(expectedText) ? Number(expectedText) : undefined;
  const form: YearForm = {
    status: text(body.status),
    note: text(body.note),
    expectedRevision: expectedText,
    daysOff,
    workingDays,
    sources,
  };
  const input: YearInput = {
    status: form.status,
    note: form.note.trim() === '' ? null : form.note,
    daysOff: off.items.map(({ date, name, kind }) => ({ date, name, kind })),
    workingDays: work.items.map(({ date, name }) => ({ date, name })),
    source: src.items.map(({ title, url }) => ({ title, url })),
  };
  return {
    form,
    input,
    expectedRevision,
    fieldOf(problem) {
      const [group, index, field] = problem.name.split('/');
      const at = (positions: readonly number[]) => positions[Number(index)] ?? 0;
      if (group === 'daysOff') return `off-${at(off.positions)}-${field ?? 'date'}`;
      if (group === 'workingDays') return `work-${at(work.positions)}-${field ?? 'date'}`;
      if (group === 'source')
        return index === undefined ? 'src-0-title' : `src-${at(src.positions)}-${field ?? 'title'}`;
      if (group === 'note') return 'note';
      return 'status-official';
    },
  };
}
