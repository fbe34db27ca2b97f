/**
 * Random dossier histories for the report property tests: a history is a start instant and a list
 * of lifecycle steps driven through the real `decide`; steps the lifecycle refuses are skipped.
 */
import fc from 'fast-check';
import {
  decide,
  DEFAULT_LIFECYCLE_SETTINGS,
  type DossierCommand,
} from '../../src/modules/dossiers/domain/lifecycle.ts';
import type { Dossier } from '../../src/modules/dossiers/domain/types.ts';
import { at, CALENDAR_RULE, CLERK, newDossier, OFFICER, OFFICIAL_CALENDAR } from '../dossiers/builders.ts';

export const cal = OFFICIAL_CALENDAR;

export type Step = { kind: string; hours: number; n: number };

export function commandFor(d: Dossier, step: Step): DossierCommand | null {
  switch (step.kind) {
    case 'receive':
      return { action: 'receive' };
    case 'forward':
      return { action: 'forward' };
    case 'request-supplement':
      return { action: 'request-supplement', reason: 'Thiếu', items: ['Giấy tờ'] };
    case 'supplement':
      return { action: 'supplement' };
    case 'apologize':
      return d.dueAt
        ? {
            action: 'apologize',
            reason: 'Cần xác minh',
            newDueAt: new Date(d.dueAt.getTime() + (step.n + 1) * 86_400_000),
          }
        : null;
    case 'complete':
      return {
        action: 'complete',
        result: { kind: step.n % 2 === 0 ? 'electronic' : 'paper', number: `KQ-${step.n}` },
      };
    case 'return':
      return { action: 'return', method: 'counter', receiverName: 'An', identity: 'id_document' };
    case 'reject':
      return { action: 'reject', reason: 'Không đủ điều kiện' };
    case 'stop':
      return { action: 'stop', reason: 'Dừng' };
    case 'withdraw':
      return { action: 'withdraw', reason: 'Rút' };
    default:
      return null;
  }
}

const STEP_KINDS = [
  'receive',
  'forward',
  'forward',
  'request-supplement',
  'supplement',
  'supplement',
  'apologize',
  'complete',
  'complete',
  'return',
  'reject',
  'stop',
  'withdraw',
];

export const dossierArb = fc.record({
  online: fc.boolean(),
  startHours: fc.integer({ min: 0, max: 24 * 75 }),
  steps: fc.array(
    fc.record({
      kind: fc.constantFrom(...STEP_KINDS),
      hours: fc.integer({ min: 0, max: 24 * 9 }),
      n: fc.integer({ min: 0, max: 9 }),
    }),
    { maxLength: 10 },
  ),
});

export interface HistorySpec {
  readonly online: boolean;
  readonly startHours: number;
  readonly steps: readonly Step[];
}

/** Runs one history, calling `apply(next)` with every state from the intake on; returns the last one. */
export async function replay(
  spec: HistorySpec,
  i: number,
  apply: (next: Dossier) => void | Promise<void>,
  customize: (d: Dossier) => Dossier = (d) => d,
): Promise<Dossier> {
  const start = startOf(spec);
  let d: Dossier = customize({
    ...newDossier({ channel: spec.online ? 'online' : 'counter', at: start }),
    id: `d${i}`,
  });
  await apply(d);
  let now = start.getTime();
  for (const step of spec.steps) {
    now += step.hours * 3_600_000 + 60_000;
    const command = commandFor(d, step);
    if (!command) continue;
    const r = decide(d, command, {
      now: new Date(now),
      actor: ['receive', 'forward', 'supplement', 'return', 'withdraw'].includes(step.kind) ? CLERK : OFFICER,
      calendar: cal,
      calendarRule: CALENDAR_RULE,
      settings: DEFAULT_LIFECYCLE_SETTINGS,
    });
    if (r.ok) {
      d = r.value.dossier;
      await apply(d);
    }
  }
  return d;
}

/** The start instant of a history (the intake of `newDossier`). */
export const startOf = (spec: HistorySpec): Date =>
  new Date(at('2026-02-02 08:00').getTime() + spec.startHours * 3_600_000);
