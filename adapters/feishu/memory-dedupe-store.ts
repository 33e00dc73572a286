import type { DedupeStore } from './webhook-guard.js';

/**
 * Event-id memory for one process, for tests of the guard and the events. Feishu resends an
 * unanswered event after 15 s, 5 min, 1 h and 6 h, so ids are kept a day by default; the oldest are
 * dropped first when the bound is reached. The hotline itself uses the shared `pg-dedupe-store`.
 */
export function createMemoryDedupeStore(
  options: { readonly ttlMs?: number; readonly maxEntries?: number; readonly now?: () => number } = {},
): DedupeStore {
  const ttlMs = options.ttlMs ?? 24 * 60 * 60 * 1000;
  const maxEntries = options.maxEntries ?? 100_000;
  const now = options.now ?? Date.now;
  const seenAt = new Map<string, number>();

  return {
    async seen(eventId) {
      const at = now();
      const previous = seenAt.get(eventId);
      if (previous !== undefined && at - previous < ttlMs) return true;
      seenAt.delete(eventId);
      seenAt.set(eventId, at);
      // Insertion order is age order: trim from the front.
      for (const [id, when] of seenAt) {
        if (seenAt.size <= maxEntries && at - when < ttlMs) break;
        seenAt.delete(id);
      }
      return false;
    },
  };
}
