import { describe, expect, it } from 'vitest';
import { createMemoryDedupeStore } from '../../../adapters/feishu/memory-dedupe-store.js';

describe('memory dedupe store', () => {
  it('says "new" once per id, then "seen" until the id ages out', async () => {
    let now = 0;
    const store = createMemoryDedupeStore({ ttlMs: 1000, now: () => now });
    expect(await store.seen('e1')).toBe(false);
    expect(await store.seen('e1')).toBe(true);
    now = 999;
    expect(await store.seen('e1')).toBe(true);
    now = 1000;
    expect(await store.seen('e1')).toBe(false);
  });

  it('forgets the oldest ids first when full', async () => {
    const store = createMemoryDedupeStore({ maxEntries: 2, now: () => 0 });
    for (const id of ['a', 'b', 'c']) expect(await store.seen(id)).toBe(false);
    expect(await store.seen('c')).toBe(true);
    expect(await store.seen('b')).toBe(true);
    expect(await store.seen('a')).toBe(false);
  });
});
