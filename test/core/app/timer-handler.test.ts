import { describe, expect, it } from 'vitest';
import type { AppDeps } from '../../../core/app/app-deps.js';
import { handleTimer } from '../../../core/app/timer-handler.js';
import type { ConversationState } from '../../../core/domain/conversation-state.js';
import type { TimerPayload } from '../../../core/domain/effects.js';
import { resendSurvey, surveyRound } from '../../../core/domain/survey.js';
import type { Ticket, TicketEvent } from '../../../core/domain/ticket.js';
import type { OutboxItem, Store, StoreTx } from '../../../core/ports/store-port.js';
import type { UnderstandingPort } from '../../../core/ports/understanding-port.js';
import { at, context, directory, dispatchedTicket } from '../domain/ticket-fixture.js';

/** One order and its conversation in memory, behind the store calls the timer handler makes. */
function memoryHotline(initial: Ticket) {
  let ticket = initial;
  let state: ConversationState = {};
  const events: TicketEvent[] = [];
  const outbox: OutboxItem[] = [];
  const now = at('2026-03-12T10:00:00');
  const tx = {
    getTicket: async (number: string) => (number === ticket.number ? ticket : undefined),
    lockConversation: async () => state,
    saveConversation: async (_key: string, next: ConversationState) => {
      state = next;
    },
    listEvents: async () => [...events],
    appendEvents: async (_number: string, added: readonly TicketEvent[]) => void events.push(...added),
    updateTicket: async (next: Ticket) => {
      ticket = next;
    },
    enqueue: async (items: readonly OutboxItem[]) => void outbox.push(...items),
  } as Partial<StoreTx> as StoreTx;
  const ignore = () => undefined;
  const { templates, time } = context(now);
  const deps: AppDeps = {
    store: { transaction: (work: (tx: StoreTx) => Promise<unknown>) => work(tx) } as Partial<Store> as Store,
    understanding: {} as UnderstandingPort,
    channels: new Map(),
    directory,
    templates,
    time,
    residentSendTime: (t) => t,
    clock: () => now,
    logger: { debug: ignore, info: ignore, warn: ignore, error: ignore },
    afterCommit: ignore,
  };
  return {
    fire: (payload: TimerPayload) => handleTimer(payload, deps),
    /** The survey questions written for the resident so far. */
    asked: () =>
      outbox.filter((item) => item.kind === 'send' && item.message.conversation === ticket.conversation),
    get state() {
      return state;
    },
    set state(next: ConversationState) {
      state = next;
    },
    get ticket() {
      return ticket;
    },
    set ticket(next: Ticket) {
      ticket = next;
    },
    get events() {
      return events;
    },
  };
}

const replied = (fields: Partial<Ticket> = {}): Ticket => ({
  ...dispatchedTicket(),
  status: 'replied',
  reply: '已更换路灯灯泡，恢复照明。',
  repliedAt: at('2026-03-12T08:00:00'),
  ...fields,
});

/** The payload `planTimers` gives the survey of a round (no `again`). */
const planned = (number: string, round: number): TimerPayload => ({
  kind: 'survey',
  ticket: number,
  expect: { status: 'replied', round },
});

/** The timer a staff 回访 schedules at `now`; its payload names the second its job id names. */
function againTimer(ticket: Ticket, now: Date): TimerPayload {
  const decision = resendSurvey(ticket, 'staff', context(now));
  if (!decision.ok) throw new Error(decision.error.message);
  const schedule = decision.value.effects.find((e) => e.type === 'schedule');
  if (schedule?.type !== 'schedule') throw new Error('回访 scheduled nothing');
  const second = now.getTime() / 1000;
  expect(schedule.jobId).toBe(`survey-${ticket.number}-r${surveyRound(ticket)}-again-${second}`);
  expect(schedule.timer.expect).toEqual({ status: 'replied', round: surveyRound(ticket), again: second });
  return schedule.timer;
}

describe('the survey timer asks once per job', () => {
  it('a second delivery of the planned survey asks nothing and leaves the conversation alone', async () => {
    const h = memoryHotline(replied());
    expect(await h.fire(planned(h.ticket.number, 1))).toBe('done');
    expect(h.asked()).toHaveLength(1);
    expect(h.asked()[0]).toMatchObject({ message: { text: expect.stringMatching(/1 满意/) } });
    // The timeline says which job asked.
    expect(h.events).toEqual([
      {
        type: 'reminded',
        actor: 'system',
        at: at('2026-03-12T10:00:00'),
        note: '已发送回访',
        data: { survey: 1, ask: 'planned' },
      },
    ]);
    // The resident is half-way through the survey when the job comes again.
    const midway = { survey: { ...h.state.survey!, step: 'resolved' as const, rating: '满意' as const } };
    h.state = midway;
    expect(await h.fire(planned(h.ticket.number, 1))).toBe('stale');
    expect(h.asked()).toHaveLength(1);
    expect(h.state).toBe(midway);
  });

  it('staff 回访 asks again, once per 回访, even after the planned survey asked', async () => {
    const h = memoryHotline(replied());
    expect(await h.fire(planned(h.ticket.number, 1))).toBe('done');
    const first = againTimer(h.ticket, at('2026-03-12T15:00:00'));
    expect(await h.fire(first)).toBe('done');
    expect(await h.fire(first)).toBe('stale');
    expect(h.asked()).toHaveLength(2);
    // Another 回访 later is another job: it asks.
    const second = againTimer(h.ticket, at('2026-03-13T09:00:00'));
    expect(await h.fire(second)).toBe('done');
    expect(await h.fire(planned(h.ticket.number, 1))).toBe('stale');
    expect(h.asked()).toHaveLength(3);
  });

  it('the planned survey of the next round (after 重办 and a new answer) asks', async () => {
    const h = memoryHotline(replied());
    expect(await h.fire(planned(h.ticket.number, 1))).toBe('done');
    h.ticket = { ...h.ticket, reopenCount: 1, repliedAt: at('2026-03-16T08:00:00') };
    expect(await h.fire(planned(h.ticket.number, 1))).toBe('stale');
    expect(await h.fire(planned(h.ticket.number, 2))).toBe('done');
    expect(await h.fire(planned(h.ticket.number, 2))).toBe('stale');
    expect(h.asked()).toHaveLength(2);
  });
});

describe('the survey reminder', () => {
  const reminder = (number: string): TimerPayload => ({
    kind: 'survey-reminder',
    ticket: number,
    expect: { status: 'replied', round: 1 },
  });

  it('reminds a resident who has not answered once, however often its job comes', async () => {
    const h = memoryHotline(replied());
    expect(await h.fire(planned(h.ticket.number, 1))).toBe('done');
    expect(await h.fire(reminder(h.ticket.number))).toBe('done');
    expect(await h.fire(reminder(h.ticket.number))).toBe('stale');
    expect(h.asked()).toHaveLength(2);
    expect(h.state.survey).toMatchObject({ ticket: h.ticket.number, step: 'rating', reminded: true });
  });

  it('does not remind when the survey is no longer pending', async () => {
    const h = memoryHotline(replied());
    expect(await h.fire(reminder(h.ticket.number))).toBe('stale');
    expect(h.asked()).toHaveLength(0);
  });
});
