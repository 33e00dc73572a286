import { describe, expect, it } from 'vitest';
import { DirectorySchema } from '../../../../core/directory/directory-schema.js';
import { LexiconSchema } from '../../../../core/understanding/lexicon.js';

describe('LexiconSchema', () => {
  it('gives the full default lexicon for an empty object, every list filled', () => {
    const lexicon = LexiconSchema.parse({});
    const lists = [
      ...Object.values(lexicon.guards),
      ...Object.values(lexicon.appealTypes),
      ...Object.values(lexicon.flags),
      ...Object.values(lexicon.places),
      lexicon.urgency.critical,
      lexicon.urgency.urgent,
      lexicon.emergencies,
    ];
    for (const list of lists) expect(list.length).toBeGreaterThan(0);
    expect(lexicon.emergencies.map((rule) => rule.call).sort()).toEqual(['110', '119', '119', '119', '120']);
  });

  it('overrides one list and keeps the defaults of the others', () => {
    const lexicon = LexiconSchema.parse({ flags: { media: ['上新闻'] } });
    expect(lexicon.flags.media).toEqual(['上新闻']);
    expect(lexicon.flags.conduct).toEqual(LexiconSchema.parse({}).flags.conduct);
  });

  it('defaults the guard of a rule a directory writes', () => {
    const lexicon = LexiconSchema.parse({
      urgency: { urgent: [{ label: '山体滑坡', cues: ['滑坡'] }] },
      emergencies: [{ label: '溺水', call: '110', cues: ['落水|溺水'] }],
    });
    expect(lexicon.urgency.urgent).toEqual([{ label: '山体滑坡', cues: ['滑坡'], guard: 'none' }]);
    expect(lexicon.emergencies[0]?.guard).toBe('full');
    expect(lexicon.urgency.critical.length).toBeGreaterThan(0);
  });

  it.each([
    { flags: { media: ['记者||媒体'] } },
    { flags: { media: [''] } },
    { emergencies: [{ label: '火', call: '999', cues: ['着火'] }] },
    { urgency: { critical: [{ label: '火', cues: [] }] } },
  ])('rejects %j', (input) => {
    expect(LexiconSchema.safeParse(input).success).toBe(false);
  });

  it('is what a directory without a lexicon gets', () => {
    const shape = DirectorySchema.shape.lexicon;
    expect(shape.parse(undefined)).toEqual(LexiconSchema.parse({}));
  });
});
