import type { ReminderKind } from '../deadline/reminder-plan.js';
import { REMINDER_KINDS } from '../deadline/reminder-plan.js';
import type { ConversationState } from '../domain/conversation-state.js';
import type { TimerPayload } from '../domain/effects.js';
import { send } from '../domain/effects.js';
import { alreadyReminded, fireReminder, reminderIsCurrent } from '../domain/reminders.js';
import { alreadyAsked, askSurvey, closeUnanswered, surveyAskKey, surveyRound } from '../domain/survey.js';
import type { Ticket } from '../domain/ticket.js';
import { residentTarget } from '../domain/ticket-actions.js';
import type { StoreTx } from '../ports/store-port.js';
import { fill } from '../text/templates.js';
import { type AppDeps, applyDecision, decisionContext, writeEffects } from './app-deps.js';
import { sendDigest } from './digest.js';

type Outcome = 'done' | 'stale';

const isReminderKind = (k: unknown): k is ReminderKind => REMINDER_KINDS.includes(k as ReminderKind);

/** A survey timer applies while the order still waits for this round's answer. */
const surveyCurrent = (ticket: Ticket, payload: TimerPayload) =>
  ticket.status === 'replied' && surveyRound(ticket) === payload.expect.round;

async function onTicketTimer(
  tx: StoreTx,
  state: ConversationState,
  ticket: Ticket,
  payload: TimerPayload,
  deps: AppDeps,
  now: Date,
): Promise<{ outcome: Outcome; state?: ConversationState }> {
  const ctx = decisionContext(deps, now);
  const toResident = (text: string) =>
    writeEffects(tx, [send(residentTarget(ticket), { text }, true)], now, deps);
  switch (payload.kind) {
    case 'survey': {
      if (!surveyCurrent(ticket, payload)) return { outcome: 'stale' };
      // Once per job: a second delivery neither asks again nor restarts the survey conversation.
      const asked = await tx.listEvents(ticket.number);
      if (alreadyAsked(asked, surveyRound(ticket), surveyAskKey(payload.expect))) return { outcome: 'stale' };
      await applyDecision(tx, askSurvey(ticket, payload.expect, ctx), false, now, deps);
      const survey = {
        ticket: ticket.number,
        round: surveyRound(ticket),
        askedAt: now,
        step: 'rating' as const,
        clarified: false,
      };
      return { outcome: 'done', state: { ...state, survey } };
    }
    case 'survey-reminder': {
      const pending = state.survey;
      if (!surveyCurrent(ticket, payload) || pending?.ticket !== ticket.number || pending.reminded)
        return { outcome: 'stale' };
      await toResident(fill(deps.templates.surveyReminder, { number: ticket.number }));
      return { outcome: 'done', state: { ...state, survey: { ...pending, reminded: true } } };
    }
    case 'survey-close': {
      if (!surveyCurrent(ticket, payload)) return { outcome: 'stale' };
      await applyDecision(tx, closeUnanswered(ticket, ctx), false, now, deps);
      const { survey, ...rest } = state;
      const ended = { ...rest, lastSurvey: { ticket: ticket.number, closedAt: now } };
      return { outcome: 'done', state: survey?.ticket === ticket.number ? ended : state };
    }
    case 'reminder': {
      const { reminder, n, basis } = payload.expect;
      if (!isReminderKind(reminder) || !reminderIsCurrent(ticket, reminder, Number(basis)))
        return { outcome: 'stale' };
      if (alreadyReminded(await tx.listEvents(ticket.number), reminder, Number(n), Number(basis)))
        return { outcome: 'stale' };
      await applyDecision(tx, fireReminder(ticket, reminder, Number(n), ctx), false, now, deps);
      return { outcome: 'done' };
    }
    default:
      return { outcome: 'stale' };
  }
}

/**
 * A timer fired. The ticket is read again and the timer does nothing if the ticket has moved on
 * (a stale timer), so a duplicate or late job is harmless.
 * Lock order is conversation, then ticket — the same as a resident turn.
 */
export async function handleTimer(payload: TimerPayload, deps: AppDeps): Promise<Outcome> {
  const now = deps.clock();
  if (payload.kind === 'digest') {
    await sendDigest(deps, now);
    return 'done';
  }
  const peek = await deps.store.transaction((tx) => tx.getTicket(payload.ticket));
  if (!peek) return 'stale';
  const outcome = await deps.store.transaction(async (tx) => {
    const state = await tx.lockConversation(peek.conversation);
    const ticket = await tx.getTicket(payload.ticket, true);
    if (!ticket) return 'stale' as const;
    const result = await onTicketTimer(tx, state, ticket, payload, deps, now);
    if (result.state) await tx.saveConversation(ticket.conversation, result.state);
    return result.outcome;
  });
  if (outcome === 'done') deps.afterCommit();
  return outcome;
}
