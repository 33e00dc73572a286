import { z } from 'zod';
import { DeadlinePolicySchema } from '../deadline/deadline-policy.js';
import { LexiconSchema } from '../understanding/lexicon.js';
import { DurationSchema } from './duration-schema.js';

const IdSchema = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'an id of lower-case letters, digits and dashes');

/** Where a group lives on each channel. `web` defaults to the group's own id. */
export const ChatBindingSchema = z.object({
  web: z.string().min(1).optional(),
  /** WeChat room: by id (`…@chatroom`) or, if no id is known, by exact topic. */
  wechat: z.object({ roomId: z.string().optional(), topic: z.string().optional() }).optional(),
  /** Feishu group `chat_id` (`oc_…`). */
  feishu: z.string().optional(),
});

export const PersonSchema = z.object({
  id: IdSchema,
  name: z.string().min(1),
  /** Named handler: @-mentioned on dispatch and reminders; receives 专办 orders. */
  handler: z.boolean().default(false),
  wechat: z
    .object({
      id: z.string().optional(),
      /** Fallback match by alias or display name; only when the directory says so explicitly. */
      name: z.string().optional(),
    })
    .optional(),
  feishu: z.object({ openId: z.string().optional(), userId: z.string().optional() }).optional(),
});

export const DepartmentSchema = z.object({
  id: IdSchema,
  name: z.string().min(1),
  kind: z.enum(['bureau', 'utility', 'town', 'discipline', 'other']).default('bureau'),
  /** For town governments: the town they serve. */
  town: z.string().optional(),
  chat: ChatBindingSchema.default({}),
  officials: z.array(PersonSchema).default([]),
});

export const GroupSchema = z.object({
  id: IdSchema,
  name: z.string().min(1),
  chat: ChatBindingSchema.default({}),
  members: z.array(PersonSchema).default([]),
});

export type CategoryNode = { name: string; keywords: string[]; children: CategoryNode[] };
export const CategorySchema: z.ZodType<CategoryNode, unknown> = z.lazy(() =>
  z.object({
    name: z.string().min(1),
    keywords: z.array(z.string().min(1)).default([]),
    children: z.array(CategorySchema).default([]),
  }),
);

/** One line of the 派单目录: category [+ keyword] [+ town] → lead department. First match wins. */
export const RouteSchema = z.object({
  /** `一级` or `一级/二级`; `*` matches any category. */
  category: z.string().min(1),
  town: z.string().optional(),
  keywords: z.array(z.string().min(1)).optional(),
  department: IdSchema,
  coDepartments: z.array(IdSchema).default([]),
});

export const TownSchema = z.object({
  name: z.string().min(1),
  code: z.string().optional(),
  aliases: z.array(z.string()).default([]),
  villages: z.array(z.string()).default([]),
});

export const FaqSchema = z.object({
  id: IdSchema,
  /** All of the words of one group must appear for the entry to match. */
  match: z.array(z.array(z.string().min(1)).min(1)).min(1),
  answer: z.string().min(1).max(400),
  category: z.string().optional(),
});

export const DirectorySchema = z.object({
  county: z.object({
    name: z.string().min(1),
    code: z.string().optional(),
    /** Order numbers are `<prefix><yyyymmdd><nnnn>`. */
    orderPrefix: z.string().regex(/^[A-Z]{1,4}$/, '1–4 capital letters'),
    timezone: z.string().default('Asia/Shanghai'),
    hotlineName: z.string().default('12345热线'),
  }),
  towns: z.array(TownSchema).min(1),
  departments: z.array(DepartmentSchema).min(1),
  staff: GroupSchema,
  supervisors: GroupSchema,
  categories: z.array(CategorySchema).min(1),
  routing: z.array(RouteSchema).min(1),
  /** Where an order goes when no route matches (usually the staff group decides): a department id. */
  fallbackDepartment: IdSchema,
  deadlines: DeadlinePolicySchema,
  survey: z
    .object({
      delay: DurationSchema.default(7_200_000),
      reminderAfter: DurationSchema.default(86_400_000),
      closeAfter: DurationSchema.default(259_200_000),
    })
    .default({ delay: 7_200_000, reminderAfter: 86_400_000, closeAfter: 259_200_000 }),
  quietHours: z
    .object({
      enabled: z.boolean().default(true),
      start: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/),
      end: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/),
    })
    .default({ enabled: true, start: '21:00', end: '08:00' }),
  intake: z
    .object({
      /** Quiet window before the bot answers a burst of messages. */
      quietWindow: DurationSchema.default(2_000),
      idleAfter: DurationSchema.default(1_800_000),
      dropAfter: DurationSchema.default(86_400_000),
      ordersPerDay: z.number().int().positive().default(5),
      messagesPerMinute: z.number().int().positive().default(20),
    })
    .default({
      quietWindow: 2_000,
      idleAfter: 1_800_000,
      dropAfter: 86_400_000,
      ordersPerDay: 5,
      messagesPerMinute: 20,
    }),
  faq: z.array(FaqSchema).default([]),
  lexicon: LexiconSchema.default(LexiconSchema.parse({})),
  /** Overrides of reply templates by key. */
  templates: z.record(z.string(), z.string()).default({}),
});

export type Directory = z.infer<typeof DirectorySchema>;
export type Department = z.infer<typeof DepartmentSchema>;
export type Group = z.infer<typeof GroupSchema>;
export type Person = z.infer<typeof PersonSchema>;
export type Route = z.infer<typeof RouteSchema>;
export type Town = z.infer<typeof TownSchema>;
export type ChatBinding = z.infer<typeof ChatBindingSchema>;
