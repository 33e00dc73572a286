import { z } from 'zod';
import { APPEAL_TYPES, URGENCIES } from '../domain/vocabulary.js';

/**
 * A time limit: `5wd` = 5 working days (a whole number, at least 1), `4wh` = 4 working hours,
 * anything else is calendar time (`30m`, `24h`, `2d`).
 */
export const TimeLimitSchema = z
  .string()
  .regex(
    /^(?:[1-9]\d*wd|\d+(?:\.\d+)?(?:wh|ms|s|m|h|d))$/,
    'a time limit such as 5wd (whole working days), 4wh (working hours), 30m, 24h',
  );

const ClockTimeSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time of day as HH:MM');

export const DeadlineRuleSchema = z.object({
  urgency: z.enum(URGENCIES).optional(),
  appealType: z.enum(APPEAL_TYPES).optional(),
  accept: TimeLimitSchema,
  finish: TimeLimitSchema,
});

export type DeadlineRule = z.infer<typeof DeadlineRuleSchema>;

/** Shandong's published limits; used when the directory gives no rules. */
export const DEFAULT_DEADLINE_RULES: DeadlineRule[] = [
  { urgency: '特急', accept: '10m', finish: '2h' },
  { urgency: '紧急', accept: '30m', finish: '24h' },
  { appealType: '咨询', accept: '1wd', finish: '3wd' },
  { accept: '1wd', finish: '5wd' },
];

export const CalendarOverrideSchema = z.object({
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD'),
  workday: z.boolean(),
  note: z.string().optional(),
});

export const DeadlinePolicySchema = z.object({
  /** `nextWorkingDay`: N working days count from the first working day after receipt (default). */
  countFrom: z.enum(['nextWorkingDay', 'receiptDay']).default('nextWorkingDay'),
  workingHours: z
    .object({ start: ClockTimeSchema, end: ClockTimeSchema })
    .refine((h) => h.start < h.end, { message: 'working hours must start before they end (same day)' })
    .default({ start: '08:30', end: '17:30' }),
  /**
   * First matching rule wins; a rule without conditions matches everything. Every urgency × appeal
   * type must be matched by some rule, so no order is ever left without a deadline.
   */
  rules: z
    .array(DeadlineRuleSchema)
    .min(1)
    .superRefine((rules, ctx) => {
      const missing = URGENCIES.flatMap((urgency) =>
        APPEAL_TYPES.filter(
          (appealType) =>
            !rules.some(
              (r) => (!r.urgency || r.urgency === urgency) && (!r.appealType || r.appealType === appealType),
            ),
        ).map((appealType) => `${urgency}/${appealType}`),
      );
      if (missing.length)
        ctx.addIssue({
          code: 'custom',
          message: `no rule matches ${missing.join(', ')}: end the list with a rule without conditions`,
        });
    })
    .default(DEFAULT_DEADLINE_RULES),
  extension: z
    .object({
      maxWorkingDays: z.number().int().positive().default(10),
      maxCount: z.number().int().min(0).default(1),
    })
    .default({ maxWorkingDays: 10, maxCount: 1 }),
  /** 退回 is allowed only within this limit after dispatch; later it needs staff. */
  returnWithin: TimeLimitSchema.default('2wd'),
  calendarOverrides: z.array(CalendarOverrideSchema).default([]),
});

export type DeadlinePolicy = z.infer<typeof DeadlinePolicySchema>;
export type CalendarOverride = z.infer<typeof CalendarOverrideSchema>;
