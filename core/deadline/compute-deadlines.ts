import type { AppealType, Urgency } from '../domain/vocabulary.js';
import type { DeadlinePolicy, DeadlineRule } from './deadline-policy.js';
import { addTimeLimit } from './time-limit.js';
import type { WorkingCalendar } from './working-calendar.js';

export interface DeadlineInput {
  readonly receivedAt: Date;
  readonly urgency: Urgency;
  readonly appealType: AppealType;
}

export interface ComputedDeadlines {
  /** 签收 limit. */
  readonly acceptBy: Date;
  /** 办结 limit. */
  readonly dueAt: Date;
}

/** The first rule whose conditions all hold; a rule without conditions matches everything. */
export function findDeadlineRule(
  rules: readonly DeadlineRule[],
  urgency: Urgency,
  appealType: AppealType,
): DeadlineRule | undefined {
  return rules.find(
    (r) =>
      (r.urgency === undefined || r.urgency === urgency) &&
      (r.appealType === undefined || r.appealType === appealType),
  );
}

export function computeDeadlines(
  input: DeadlineInput,
  policy: DeadlinePolicy,
  calendar: WorkingCalendar,
): ComputedDeadlines {
  const rule = findDeadlineRule(policy.rules, input.urgency, input.appealType);
  // The policy schema rejects rule lists that leave a combination uncovered.
  if (!rule) throw new RangeError(`no deadline rule for ${input.urgency}/${input.appealType}`);
  return {
    acceptBy: addTimeLimit(input.receivedAt, rule.accept, policy, calendar),
    dueAt: addTimeLimit(input.receivedAt, rule.finish, policy, calendar),
  };
}
