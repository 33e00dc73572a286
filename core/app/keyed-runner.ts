/**
 * Runs work per key, one at a time, after a quiet window: a burst of messages in one conversation
 * is handled together and conversations never overtake themselves.
 */
export interface KeyedRunner {
  schedule(key: string, delayMs: number): void;
  /** Resolves when nothing is scheduled or running. */
  idle(): Promise<void>;
  stop(): void;
}

interface Slot {
  timer?: ReturnType<typeof setTimeout>;
  running?: Promise<void>;
  again: boolean;
}

export function createKeyedRunner(
  run: (key: string) => Promise<void>,
  onError: (key: string, error: unknown) => void,
): KeyedRunner {
  const slots = new Map<string, Slot>();
  let stopped = false;
  let waiters: (() => void)[] = [];

  const settle = () => {
    if (slots.size > 0) return;
    const done = waiters;
    waiters = [];
    for (const resolve of done) resolve();
  };

  const start = (key: string, slot: Slot) => {
    slot.timer = undefined;
    if (slot.running) {
      slot.again = true;
      return;
    }
    slot.running = run(key)
      .catch((error: unknown) => onError(key, error))
      .finally(() => {
        slot.running = undefined;
        if (slot.again && !stopped) {
          slot.again = false;
          start(key, slot);
        } else if (!slot.timer) {
          slots.delete(key);
          settle();
        }
      });
  };

  return {
    schedule(key, delayMs) {
      if (stopped) return;
      const slot = slots.get(key) ?? { again: false };
      slots.set(key, slot);
      if (slot.timer) clearTimeout(slot.timer);
      slot.timer = setTimeout(() => start(key, slot), Math.max(0, delayMs));
    },
    idle() {
      if (slots.size === 0) return Promise.resolve();
      return new Promise((resolve) => waiters.push(resolve));
    },
    stop() {
      stopped = true;
      for (const slot of slots.values()) if (slot.timer) clearTimeout(slot.timer);
      for (const [key, slot] of slots) if (!slot.running) slots.delete(key);
      settle();
    },
  };
}
