/**
 * A clock for the hotline's `clock` option whose "now" a test sets. Time keeps running from the
 * moment set, so delays the hotline computes from it (now → a job's `at`) stay real-time delays.
 */
export interface ControllableClock {
  /** Pass as the hotline's `clock`. */
  readonly now: () => Date;
  /** From now on, "now" reads `at` and runs on from there. */
  set(at: Date): void;
  /** Back to the real time. */
  reset(): void;
}

export function createControllableClock(): ControllableClock {
  let offset = 0;
  return {
    now: () => new Date(Date.now() + offset),
    set(at) {
      offset = at.getTime() - Date.now();
    },
    reset() {
      offset = 0;
    },
  };
}
