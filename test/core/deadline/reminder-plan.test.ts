import { describe, expect, it } from 'vitest';
import { createChineseDaysCalendar } from '../../../adapters/calendar/chinese-days-calendar.js';
import { DeadlinePolicySchema } from '../../../core/deadline/deadline-policy.js';
import {
  nextOverdueReminder,
  type PlannedReminder,
  planReminders,
  type ReminderTicket,
} from '../../../core/deadline/reminder-plan.js';
import { formatShanghaiIso } from '../../../core/deadline/shanghai-time.js';

const calendar = createChineseDaysCalendar();
const policy = DeadlinePolicySchema.parse({});
const show = (plan: PlannedReminder[]) => plan.map((r) => `${r.kind}#${r.n} ${formatShanghaiIso(r.at)}`);
const ticket = (
  t: { [K in keyof ReminderTicket]: K extends 'urgency' ? ReminderTicket[K] : string },
): ReminderTicket => ({
  receivedAt: new Date(t.receivedAt),
  acceptBy: new Date(t.acceptBy),
  dueAt: new Date(t.dueAt),
  acceptedAt: t.acceptedAt === undefined ? undefined : new Date(t.acceptedAt),
  urgency: t.urgency,
});

// 国庆 2026: Oct 1–7 off, Oct 10 (Sat) a make-up working day; working hours 08:30–17:30.
describe('reminder plan', () => {
  const eveOfNationalDay = ticket({
    receivedAt: '2026-09-30T16:00:00+08:00',
    acceptBy: '2026-10-09T00:00:00+08:00', // 24:00 Oct 8
    dueAt: '2026-10-14T00:00:00+08:00', // 24:00 Oct 13
    urgency: '一般',
  });

  it('chases a routine order in working hours, in time order', () => {
    expect(show(planReminders(eveOfNationalDay, policy, calendar))).toEqual([
      // 10.5 working hours until 签收 runs out (1.5 on Sep 30, 9 on Oct 8): half is 12:15 on Oct 8.
      'accept-50#1 2026-10-08T12:15:00+08:00',
      // 24:00 Oct 8 waits for the next morning.
      'accept-100#1 2026-10-09T08:30:00+08:00',
      // One working day before 24:00 Oct 13 is 24:00 Oct 12, i.e. the morning of the last day.
      'due-yellow#1 2026-10-13T08:30:00+08:00',
      'due-red#1 2026-10-14T08:30:00+08:00',
      'overdue#1 2026-10-15T08:30:00+08:00',
    ]);
  });

  it('drops the 签收 reminders once the order is accepted', () => {
    const accepted = { ...eveOfNationalDay, acceptedAt: new Date('2026-10-08T09:00:00+08:00') };
    expect(planReminders(accepted, policy, calendar).map((r) => r.kind)).toEqual([
      'due-yellow',
      'due-red',
      'overdue',
    ]);
  });

  it('keeps chasing once a working day while overdue, skipping holidays', () => {
    const at = (after: string, n: number) =>
      formatShanghaiIso(nextOverdueReminder(new Date(after), n, '一般', policy, calendar).at);
    expect(at('2026-10-15T08:30:00+08:00', 2)).toBe('2026-10-16T08:30:00+08:00');
    expect(at('2026-10-16T08:30:00+08:00', 3)).toBe('2026-10-19T08:30:00+08:00');
    expect(at('2026-10-09T08:30:00+08:00', 1)).toBe('2026-10-10T08:30:00+08:00');
    expect(at('2026-09-30T08:30:00+08:00', 1)).toBe('2026-10-08T08:30:00+08:00');
    expect(
      nextOverdueReminder(new Date('2026-10-16T08:30:00+08:00'), 3, '一般', policy, calendar),
    ).toMatchObject({
      kind: 'overdue',
      n: 3,
    });
  });

  it('chases a 紧急 order around the clock and puts yellow at half time', () => {
    const urgent = ticket({
      receivedAt: '2026-09-30T20:00:00+08:00',
      acceptBy: '2026-09-30T20:30:00+08:00',
      dueAt: '2026-10-01T20:00:00+08:00',
      urgency: '紧急',
    });
    expect(show(planReminders(urgent, policy, calendar))).toEqual([
      'accept-50#1 2026-09-30T20:15:00+08:00',
      'accept-100#1 2026-09-30T20:30:00+08:00',
      // One working day before due (Sep 30 20:00) is not after receipt: half of the 24 h instead.
      'due-yellow#1 2026-10-01T08:00:00+08:00',
      'due-red#1 2026-10-01T20:00:00+08:00',
      // The next working day after Oct 1 is Oct 8.
      'overdue#1 2026-10-08T20:00:00+08:00',
    ]);
  });

  it('chases a 特急 order received in the holiday at once', () => {
    const critical = ticket({
      receivedAt: '2026-10-03T10:00:00+08:00',
      acceptBy: '2026-10-03T10:10:00+08:00',
      dueAt: '2026-10-03T12:00:00+08:00',
      urgency: '特急',
    });
    expect(show(planReminders(critical, policy, calendar))).toEqual([
      'accept-50#1 2026-10-03T10:05:00+08:00',
      'accept-100#1 2026-10-03T10:10:00+08:00',
      'due-yellow#1 2026-10-03T11:00:00+08:00',
      'due-red#1 2026-10-03T12:00:00+08:00',
      'overdue#1 2026-10-08T12:00:00+08:00',
    ]);
  });

  it('puts yellow at half of the working time when the finish limit is under one working day', () => {
    // countFrom receiptDay, 签收 2wh, 办结 1wd: received Monday Sep 28 10:00, due 24:00 the same day.
    const sameDay = ticket({
      receivedAt: '2026-09-28T10:00:00+08:00',
      acceptBy: '2026-09-28T12:00:00+08:00',
      dueAt: '2026-09-29T00:00:00+08:00',
      urgency: '一般',
    });
    expect(show(planReminders(sameDay, policy, calendar))).toEqual([
      'accept-50#1 2026-09-28T11:00:00+08:00',
      'accept-100#1 2026-09-28T12:00:00+08:00',
      // 7.5 working hours from 10:00 to 17:30: half is 13:45.
      'due-yellow#1 2026-09-28T13:45:00+08:00',
      'due-red#1 2026-09-29T08:30:00+08:00',
      'overdue#1 2026-09-30T08:30:00+08:00',
    ]);
  });

  it('plans a routine order received over 春节 for the days after it', () => {
    // Received Feb 18 (holiday): 签收 by 24:00 Feb 24, 办结 by 24:00 Feb 28 (make-up Saturday).
    const springFestival = ticket({
      receivedAt: '2026-02-18T09:00:00+08:00',
      acceptBy: '2026-02-25T00:00:00+08:00',
      dueAt: '2026-03-01T00:00:00+08:00',
      urgency: '一般',
    });
    expect(show(planReminders(springFestival, policy, calendar))).toEqual([
      'accept-50#1 2026-02-24T13:00:00+08:00',
      'accept-100#1 2026-02-25T08:30:00+08:00',
      // One working day before 24:00 Feb 28 is 24:00 Feb 27: the morning of the make-up Saturday.
      'due-yellow#1 2026-02-28T08:30:00+08:00',
      'due-red#1 2026-03-02T08:30:00+08:00',
      'overdue#1 2026-03-03T08:30:00+08:00',
    ]);
  });
});
