import { z } from 'zod';
import { parseDuration } from '../text/duration.js';

/** A duration string (`30s`, `2h`, `5d`) parsed to milliseconds. */
export const DurationSchema = z.string().transform((text, ctx) => {
  const ms = parseDuration(text);
  if (ms === undefined) {
    ctx.addIssue({ code: 'custom', message: `not a duration: "${text}" (use e.g. 30s, 15m, 2h, 5d)` });
    return z.NEVER;
  }
  return ms;
});
