/** The clock port. The domain core never reads the time itself: callers pass `clock.now()` in. */
export interface Clock {
  now(): Date;
}

/** A clock for tests: fixed until moved. */
export class FakeClock implements Clock {
  #now: number;
  constructor(start: Date | string) {
    this.#now = new Date(start).getTime();
  }
  now(): Date {
    return new Date(this.#now);
  }
  set(to: Date | string): void {
    this.#now = new Date(to).getTime();
  }
  advance(ms: number): void {
    this.#now += ms;
  }
}
