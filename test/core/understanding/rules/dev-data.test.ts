import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LexiconSchema } from '../../../../core/understanding/lexicon.js';
import { detectAppealType } from '../../../../core/understanding/rules/appeal-type.js';
import { findPhones } from '../../../../core/understanding/rules/phones.js';
import { findPlace } from '../../../../core/understanding/rules/place.js';
import { PINGYI_TOWNS, sharedData } from './pingyi-towns.js';

const devFile = sharedData('complaints/dev.jsonl');
const present = existsSync(devFile);
if (!present) console.warn(`skipping the real-message checks: ${devFile} is not on this machine`);

describe.skipIf(!present)('rules over real resident messages (dev.jsonl, first 300)', () => {
  const messages = present
    ? readFileSync(devFile, 'utf8')
        .split('\n')
        .filter((line) => line.trim())
        .slice(0, 300)
        .map((line) => {
          const row = JSON.parse(line) as { title?: string | null; body: string };
          return [row.title, row.body].filter(Boolean).join('\n');
        })
    : [];
  const lexicon = LexiconSchema.parse({});

  it('reads all 300 messages without an exception', () => {
    expect(messages).toHaveLength(300);
    for (const text of messages) {
      expect(() => {
        findPhones(text);
        findPlace(text, PINGYI_TOWNS, lexicon);
        detectAppealType(text, lexicon);
      }).not.toThrow();
    }
  });

  it('never takes a masked placeholder for a phone', () => {
    const masked = messages.filter((text) => /0000-00000000|\*{5}/.test(text));
    expect(masked.length).toBeGreaterThan(0);
    for (const text of masked) {
      for (const phone of findPhones(text)) {
        expect(phone.value).not.toMatch(/^0+$|0{7}/);
        expect(text.slice(phone.start, phone.end)).not.toMatch(/\*|0000-0000/);
      }
    }
  });
});
