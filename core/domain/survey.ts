import { formatDeadline } from '../text/format-time.js';
import { fill } from '../text/templates.js';
import type { PendingSurvey } from './conversation-state.js';
import type { DecisionContext, TicketDecision } from './decision.js';
import { type Effect, send, type TimerPayload, toGroup } from './effects.js';
import { fail, ok, type Result } from './errors.js';
import { isSkip, parseRating, parseResolved, type Rating } from './survey-answers.js';
import type { Ticket, TicketEvent } from './ticket.js';
import { residentTarget } from './ticket-actions.js';
import { concealResident, shownTitle } from './ticket-concealment.js';
import { dispatchMessage } from './ticket-render.js';
import { retime } from './ticket-timers.js';

export interface SurveyAnswer {
  readonly result: Rating;
  readonly resolved?: boolean;
  readonly comment?: string;
}

/** The survey message sent to the resident once the order is answered. */
function surveyQuestion(ticket: Ticket, ctx: DecisionContext): string {
  const department = ctx.directory.department(ticket.department)?.name ?? ticket.department;
  const reply = (ticket.reply ?? '').slice(0, 80);
  return fill(ctx.templates.surveyAsk, { number: ticket.number, department, reply });
}

export function surveyRound(ticket: Ticket): number {
  return ticket.reopenCount + 1;
}

/**
 * Which survey job asks: the one planned for the round, or a staff 回访, whose payload carries the
 * second it was issued (`again`, as in its job id). Each job asks once, so 回访 still asks again.
 */
export function surveyAskKey(expect: TimerPayload['expect']): string {
  return expect.again === undefined ? 'planned' : `again-${expect.again}`;
}

/**
 * Whether this survey job already asked the resident: a job delivered again (a worker that died
 * after the commit but before BullMQ recorded the job as done, a stalled job) must not ask twice.
 */
export function alreadyAsked(events: readonly TicketEvent[], round: number, key: string): boolean {
  return events.some((e) => e.type === 'reminded' && e.data?.survey === round && e.data.ask === key);
}

/**
 * A survey job fell due: the resident is asked (after quiet hours) and the timeline records which
 * job asked, for `alreadyAsked`.
 */
export function askSurvey(
  ticket: Ticket,
  expect: TimerPayload['expect'],
  ctx: DecisionContext,
): TicketDecision {
  const key = surveyAskKey(expect);
  return {
    ticket,
    events: [
      {
        type: 'reminded',
        actor: 'system',
        at: ctx.now,
        note: '已发送回访',
        data: { survey: surveyRound(ticket), ask: key },
      },
    ],
    effects: [send(residentTarget(ticket), { text: surveyQuestion(ticket, ctx) }, true)],
  };
}

export type SurveyStep =
  | { readonly kind: 'ask'; readonly survey: PendingSurvey; readonly reply: string }
  | { readonly kind: 'done'; readonly answer: SurveyAnswer }
  | { readonly kind: 'unclear' };

/** One answer in the survey conversation: rating → 问题解决了吗 → optional comment. */
export function surveyStep(survey: PendingSurvey, text: string, ctx: DecisionContext): SurveyStep {
  const t = ctx.templates;
  const clarify = (): SurveyStep =>
    survey.clarified
      ? { kind: 'unclear' }
      : {
          kind: 'ask',
          survey: { ...survey, clarified: true },
          reply: survey.step === 'rating' ? t.surveyUnclear : t.surveyResolvedUnclear,
        };
  switch (survey.step) {
    case 'rating': {
      const rating = parseRating(text);
      if (!rating) return clarify();
      const next = {
        ...survey,
        step: 'resolved' as const,
        rating: rating.result,
        clarified: false,
        ...(rating.comment ? { comment: rating.comment } : {}),
      };
      return { kind: 'ask', survey: next, reply: t.surveyResolved };
    }
    case 'resolved': {
      const resolved = parseResolved(text);
      if (resolved === undefined) return clarify();
      if (survey.comment)
        return {
          kind: 'done',
          answer: { result: survey.rating ?? '满意', resolved, comment: survey.comment },
        };
      return {
        kind: 'ask',
        survey: { ...survey, step: 'comment', resolved, clarified: false },
        reply: t.surveyComment,
      };
    }
    case 'comment': {
      const comment = isSkip(text) ? undefined : text.trim().slice(0, 500);
      return {
        kind: 'done',
        answer: {
          result: survey.rating ?? '满意',
          ...(survey.resolved !== undefined ? { resolved: survey.resolved } : {}),
          ...(comment ? { comment } : {}),
        },
      };
    }
  }
}

/**
 * Records the resident's answer. 满意/基本满意 with the problem solved close the order; 不满意 or
 * 未解决 reopen it (重办) to the same department with the resident's words and a new deadline. A second
 * reopening also goes to the supervisors and the staff group (督办) and becomes 专办.
 */
export function answerSurvey(
  ticket: Ticket,
  answer: SurveyAnswer,
  ctx: DecisionContext,
): Result<TicketDecision> {
  if (ticket.status !== 'replied') return fail('INVALID_STATE', `工单 ${ticket.number} 的回访已结束。`);
  const survey = {
    round: surveyRound(ticket),
    result: answer.result,
    ...(answer.resolved !== undefined ? { resolved: answer.resolved } : {}),
    ...(answer.comment ? { comment: answer.comment } : {}),
  };
  const summary = `${answer.result}${answer.resolved === undefined ? '' : answer.resolved ? '，已解决' : '，未解决'}`;
  const event = {
    type: 'surveyed' as const,
    actor: 'resident',
    at: ctx.now,
    note: answer.comment ? `${summary}：${answer.comment}` : summary,
    data: { ...survey },
  };
  if (answer.result !== '不满意' && answer.resolved !== false) {
    const after: Ticket = { ...ticket, status: 'closed', survey, closedAt: ctx.now, updatedAt: ctx.now };
    return ok({
      ticket: after,
      events: [event, { type: 'closed', actor: 'system', at: ctx.now }],
      effects: retime(ticket, after, ctx),
      reply: ctx.templates.surveyThanks,
    });
  }
  return ok(reopen(ticket, survey, event, answer.comment, ctx));
}

function reopen(
  ticket: Ticket,
  survey: NonNullable<Ticket['survey']>,
  event: TicketDecision['events'][number],
  comment: string | undefined,
  ctx: DecisionContext,
): TicketDecision {
  const { acceptBy, dueAt } = ctx.time.deadlines({
    receivedAt: ctx.now,
    urgency: ticket.urgency,
    appealType: ticket.appealType,
  });
  const reopenCount = ticket.reopenCount + 1;
  const dedicated = reopenCount >= 2;
  const handler = dedicated
    ? (ticket.handler ?? ctx.directory.department(ticket.department)?.officials.find((o) => o.handler)?.id)
    : ticket.handler;
  const after: Ticket = {
    ...ticket,
    status: 'reopened',
    survey,
    reopenCount,
    acceptBy,
    dueAt,
    dispatchedAt: ctx.now,
    updatedAt: ctx.now,
    ...(dedicated ? { mode: '专办' as const, supervised: true } : {}),
    ...(handler ? { handler } : {}),
  };
  const department = ctx.directory.department(ticket.department)?.name ?? ticket.department;
  const note = `群众不满意，请重新办理${dedicated ? '（第二次重办，转专办、督办）' : ''}。群众意见：${comment ?? '（未说明）'}`;
  const effects: Effect[] = [
    send(toGroup(ticket.department), dispatchMessage(after, ctx.directory, '重办工单', note)),
    send(residentTarget(ticket), {
      text: fill(ctx.templates.reopened, { number: ticket.number, department, due: formatDeadline(dueAt) }),
    }),
  ];
  const events: TicketDecision['events'][number][] = [
    event,
    { type: 'reopened', actor: 'resident', at: ctx.now, ...(comment ? { note: comment } : {}) },
  ];
  if (dedicated) {
    const alert = `【重办督办】${ticket.number} ${shownTitle(ticket)}\n群众第二次不满意，已转${department}专办。群众意见：${concealResident(ticket, comment ?? '（未说明）')}`;
    effects.push(send(toGroup(ctx.directory.directory.supervisors.id), { text: alert }));
    effects.push(send(toGroup(ctx.directory.directory.staff.id), { text: alert }));
    events.push({ type: 'supervised', actor: 'system', at: ctx.now, note: '二次不满意' });
  }
  effects.push(...retime(ticket, after, ctx));
  return {
    ticket: after,
    events,
    effects,
    reply: fill(ctx.templates.surveyRedo, { number: ticket.number, department }),
  };
}

/** No answer within the limit: the survey closes as 未回复 and the order is closed. */
export function closeUnanswered(ticket: Ticket, ctx: DecisionContext): TicketDecision {
  const survey = { round: surveyRound(ticket), result: '未回复' as const };
  const after: Ticket = { ...ticket, status: 'closed', survey, closedAt: ctx.now, updatedAt: ctx.now };
  return {
    ticket: after,
    events: [
      { type: 'surveyed', actor: 'system', at: ctx.now, note: '未回复', data: { ...survey } },
      { type: 'closed', actor: 'system', at: ctx.now },
    ],
    effects: retime(ticket, after, ctx),
  };
}

/** 回访 (staff): asks the resident again now, for an order waiting for its survey. */
export function resendSurvey(
  ticket: Ticket,
  actorKind: string,
  ctx: DecisionContext,
): Result<TicketDecision> {
  if (actorKind !== 'staff') return fail('FORBIDDEN', '只有热线办工作人员可以发起回访。');
  if (ticket.status !== 'replied') return fail('INVALID_STATE', `工单 ${ticket.number} 不在待回访状态。`);
  const round = surveyRound(ticket);
  const again = Math.floor(ctx.now.getTime() / 1000);
  const jobId = `survey-${ticket.number}-r${round}-again-${again}`;
  return ok({
    ticket,
    events: [{ type: 'reminded', actor: 'system', at: ctx.now, note: '热线办重新发起回访' }],
    effects: [
      {
        type: 'schedule',
        jobId,
        at: ctx.now,
        timer: { kind: 'survey', ticket: ticket.number, expect: { status: 'replied', round, again } },
      },
    ],
    reply: `已向群众重新发送 ${ticket.number} 的回访。`,
  });
}
