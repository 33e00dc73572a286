import { describe, expect, it } from 'vitest';
import { formatShanghaiIso } from '../../../core/deadline/shanghai-time.js';
import type { Effect } from '../../../core/domain/effects.js';
import type { Ticket } from '../../../core/domain/ticket.js';
import { acceptTicket, replyTicket, returnTicket } from '../../../core/domain/ticket-actions.js';
import { planTimers, retime, ticketTimers } from '../../../core/domain/ticket-timers.js';
import { at, context, dispatchedTicket, official, shipped } from './ticket-fixture.js';

const ticket = dispatchedTicket();
const ctx = context(at('2026-03-10T10:00:00'));
const minute = (d: Date) => Math.floor(d.getTime() / 60_000);
const ACCEPT_BASIS = minute(ticket.acceptBy);
const DUE_BASIS = minute(ticket.dueAt);

const show = (t: Ticket) => planTimers(t, ctx).map((p) => `${p.jobId} ${formatShanghaiIso(p.at)}`);
const cancels = (effects: readonly Effect[]) =>
  effects.flatMap((e) => (e.type === 'cancel' ? [e.jobId] : [])).sort();
const schedules = (effects: readonly Effect[]) =>
  effects.flatMap((e) => (e.type === 'schedule' ? [e.jobId] : [])).sort();
const decided = <T>(result: { ok: true; value: T } | { ok: false }) => {
  if (!result.ok) throw new Error('decision refused');
  return result.value;
};

describe('planTimers', () => {
  it('plans a dispatched order’s reminders with ids naming the limit they were planned against', () => {
    expect(show(ticket)).toEqual([
      `rem-PY202603100001-accept-50-1-${ACCEPT_BASIS} 2026-03-11T09:15:00+08:00`,
      `rem-PY202603100001-accept-100-1-${ACCEPT_BASIS} 2026-03-12T08:30:00+08:00`,
      `rem-PY202603100001-due-yellow-1-${DUE_BASIS} 2026-03-17T08:30:00+08:00`,
      `rem-PY202603100001-due-red-1-${DUE_BASIS} 2026-03-18T08:30:00+08:00`,
      `rem-PY202603100001-overdue-1-${DUE_BASIS} 2026-03-19T08:30:00+08:00`,
    ]);
  });

  it('gives BullMQ-safe ids (no “:”, never all digits) and payloads a worker can check', () => {
    for (const p of planTimers(ticket, ctx)) {
      expect(p.jobId).not.toMatch(/:|^\d+$/);
      expect(p.timer).toMatchObject({ kind: 'reminder', ticket: ticket.number });
      expect(p.jobId).toContain(`-${p.timer.expect.reminder}-${p.timer.expect.n}-${p.timer.expect.basis}`);
    }
  });

  it('drops the 签收 reminders once the order is accepted', () => {
    const accepted: Ticket = { ...ticket, status: 'accepted', acceptedAt: at('2026-03-10T11:00:00') };
    expect(planTimers(accepted, ctx).map((p) => p.timer.expect.reminder)).toEqual([
      'due-yellow',
      'due-red',
      'overdue',
    ]);
  });

  it.each(['received', 'closed', 'withdrawn'] as const)('plans nothing for a %s order', (status) => {
    expect(planTimers({ ...ticket, status }, ctx)).toEqual([]);
  });

  it('plans the survey, its reminder and its closing for an answered order, per round', () => {
    const repliedAt = at('2026-03-12T15:00:00');
    const replied: Ticket = { ...ticket, status: 'replied', repliedAt, reopenCount: 1 };
    const { delay, reminderAfter, closeAfter } = shipped.survey;
    expect(planTimers(replied, ctx).map((p) => [p.jobId, p.at.getTime() - repliedAt.getTime()])).toEqual([
      ['survey-PY202603100001-r2', delay],
      ['survey-remind-PY202603100001-r2', delay + reminderAfter],
      ['survey-close-PY202603100001-r2', delay + closeAfter],
    ]);
  });

  it('turns the plan into schedule effects for a new order', () => {
    const effects = ticketTimers(ticket, ctx);
    expect(effects.every((e) => e.type === 'schedule')).toBe(true);
    expect(schedules(effects)).toEqual(
      planTimers(ticket, ctx)
        .map((p) => p.jobId)
        .sort(),
    );
  });
});

describe('retime', () => {
  const ids = (t: Ticket, kinds: readonly string[]) =>
    planTimers(t, ctx)
      .filter((p) => kinds.includes(String(p.timer.expect.reminder)))
      .map((p) => p.jobId)
      .sort();

  it('does nothing when the plan does not change', () => {
    expect(
      retime(ticket, { ...ticket, supervised: true, updatedAt: at('2026-03-11T09:00:00') }, ctx),
    ).toEqual([]);
  });

  it('签收 cancels exactly the 签收 reminders and keeps the due ones', () => {
    const decision = decided(acceptTicket(ticket, official, context(at('2026-03-10T14:00:00'))));
    expect(cancels(decision.effects)).toEqual(ids(ticket, ['accept-50', 'accept-100']));
    expect(schedules(decision.effects)).toEqual([]);
  });

  it('办结 cancels every reminder and schedules the survey', () => {
    const accepted = decided(acceptTicket(ticket, official, context(at('2026-03-10T14:00:00')))).ticket;
    const decision = decided(replyTicket(accepted, official, '已修复', context(at('2026-03-12T15:00:00'))));
    expect(cancels(decision.effects)).toEqual(ids(accepted, ['due-yellow', 'due-red', 'overdue']));
    expect(schedules(decision.effects)).toEqual([
      'survey-PY202603100001-r1',
      'survey-close-PY202603100001-r1',
      'survey-remind-PY202603100001-r1',
    ]);
  });

  it('退回 cancels every reminder and schedules none', () => {
    const decision = decided(
      returnTicket(ticket, official, '不属于本单位', context(at('2026-03-10T14:00:00'))),
    );
    expect(cancels(decision.effects)).toEqual(
      planTimers(ticket, ctx)
        .map((p) => p.jobId)
        .sort(),
    );
    expect(schedules(decision.effects)).toEqual([]);
  });

  it('a moved deadline cancels the old due reminders and schedules them against the new one', () => {
    const moved: Ticket = { ...ticket, dueAt: at('2026-03-20T00:00:00') };
    const effects = retime(ticket, moved, ctx);
    expect(cancels(effects)).toEqual(ids(ticket, ['due-yellow', 'due-red', 'overdue']));
    const scheduled = effects.flatMap((e) => (e.type === 'schedule' ? [e] : []));
    const newBasis = minute(moved.dueAt);
    expect(scheduled.map((e) => `${e.jobId} ${formatShanghaiIso(e.at)}`)).toEqual([
      `rem-PY202603100001-due-yellow-1-${newBasis} 2026-03-19T08:30:00+08:00`,
      `rem-PY202603100001-due-red-1-${newBasis} 2026-03-20T08:30:00+08:00`,
      `rem-PY202603100001-overdue-1-${newBasis} 2026-03-23T08:30:00+08:00`,
    ]);
  });
});
