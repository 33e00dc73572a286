import { createChineseDaysCalendar } from '../adapters/calendar/chinese-days-calendar.js';
import { deferOutOfQuietHours } from '../core/deadline/quiet-hours.js';
import { createTimePolicy, type TimePolicy } from '../core/deadline/time-policy.js';
import type { Directory } from '../core/directory/directory-schema.js';

export interface Policy {
  readonly time: TimePolicy;
  readonly residentSendTime: (at: Date) => Date;
}

/** The county's time rules: the working-day calendar with its overrides, deadlines, quiet hours. */
export function createPolicy(directory: Directory): Policy {
  const calendar = createChineseDaysCalendar(directory.deadlines.calendarOverrides);
  return {
    time: createTimePolicy(directory.deadlines, calendar),
    residentSendTime: (at) => deferOutOfQuietHours(at, directory.quietHours),
  };
}
