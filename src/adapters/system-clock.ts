import type { Clock } from '../kernel/clock.ts';

/** The real clock: the only place outside tests that reads the time. */
export const systemClock: Clock = { now: () => new Date() };
