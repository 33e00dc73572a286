import type { ConversationState } from '../domain/conversation-state.js';
import { send, type Target } from '../domain/effects.js';
import { answerSurvey, surveyStep } from '../domain/survey.js';
import { parseRating } from '../domain/survey-answers.js';
import type { StoreTx } from '../ports/store-port.js';
import { fill } from '../text/templates.js';
import { type AppDeps, applyDecision, decisionContext } from './app-deps.js';
import type { TurnOutcome } from './resident-turn.js';

/** How long after a survey ends a rating is still taken as a comment on that order. */
const LATE_COMMENT_MS = 7 * 86_400_000;

/**
 * A resident's message while a survey is open (or just ended). Returns undefined when the message
 * is not a survey answer, so the intake dialogue handles it.
 */
export async function surveyTurn(
  tx: StoreTx,
  state: ConversationState,
  text: string,
  target: Target,
  deps: AppDeps,
  now: Date,
): Promise<TurnOutcome | undefined> {
  const ctx = decisionContext(deps, now);
  const say = (reply: string) => [send(target, { text: reply })];
  const { survey, lastSurvey, ...rest } = state;
  if (!survey) {
    const late = lastSurvey && now.getTime() - lastSurvey.closedAt.getTime() < LATE_COMMENT_MS;
    if (!late || state.draft || !parseRating(text)) return undefined;
    await tx.appendEvents(lastSurvey.ticket, [
      {
        type: 'supplemented',
        actor: 'resident',
        at: now,
        note: `回访结束后的评价：${text.trim().slice(0, 500)}`,
      },
    ]);
    return { state, effects: say(fill(deps.templates.lateComment, { number: lastSurvey.ticket })) };
  }
  const step = surveyStep(survey, text, ctx);
  if (step.kind === 'unclear') return undefined;
  if (step.kind === 'ask') return { state: { ...state, survey: step.survey }, effects: say(step.reply) };
  const ended: ConversationState = { ...rest, lastSurvey: { ticket: survey.ticket, closedAt: now } };
  const ticket = await tx.getTicket(survey.ticket, true);
  if (ticket?.status !== 'replied') {
    return { state: ended, effects: say(fill(deps.templates.lateComment, { number: survey.ticket })) };
  }
  const result = answerSurvey(ticket, step.answer, ctx);
  if (!result.ok) return { state: ended, effects: say(result.error.message) };
  await applyDecision(tx, result.value, false, now, deps);
  return { state: ended, effects: result.value.reply ? say(result.value.reply) : [] };
}
