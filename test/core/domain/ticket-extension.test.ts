import { describe, expect, it } from 'vitest';
import { formatShanghaiIso } from '../../../core/deadline/shanghai-time.js';
import type { Actor } from '../../../core/domain/actor.js';
import type { DecisionContext, TicketDecision } from '../../../core/domain/decision.js';
import type { Effect } from '../../../core/domain/effects.js';
import type { Result } from '../../../core/domain/errors.js';
import type { Ticket } from '../../../core/domain/ticket.js';
import { decideExtension, requestExtension } from '../../../core/domain/ticket-extension.js';
import { superviseTicket } from '../../../core/domain/ticket-supervise.js';
import { planTimers } from '../../../core/domain/ticket-timers.js';
import { at, context, dispatchedTicket, official, staff, supervisor } from './ticket-fixture.js';

// Due 24:00 Tuesday 2026-03-17; three more working days end at 24:00 Friday 03-20.
const ticket = dispatchedTicket();
const ctx = context(at('2026-03-12T10:00:00'));
const otherOfficial: Actor = { kind: 'official', person: 'zfj-zhang', name: '张伟', department: 'zfj' };

function value(result: Result<TicketDecision>): TicketDecision {
  if (!result.ok) throw new Error(`refused: ${result.error.message}`);
  return result.value;
}
const refusal = (result: Result<TicketDecision>) => (result.ok ? 'ok' : result.error.code);
const groupSends = (effects: readonly Effect[]) =>
  effects.flatMap((e) =>
    e.type === 'send' && e.target.kind === 'group' ? [[e.target.group, e.message] as const] : [],
  );
const timerEffects = (effects: readonly Effect[]) =>
  effects.flatMap((e) =>
    e.type === 'cancel' ? [`cancel ${e.jobId}`] : e.type === 'schedule' ? [`schedule ${e.jobId}`] : [],
  );

const requested = value(requestExtension(ticket, official, 3, '需协调供电公司', ctx)).ticket;

describe('延期 (request)', () => {
  it('asks the staff group with approve / refuse buttons and changes no deadline yet', () => {
    const decision = value(requestExtension(ticket, official, 3, '需协调供电公司', ctx));
    const sent = groupSends(decision.effects);
    expect(sent.map(([group]) => group)).toEqual(['staff']);
    expect(sent[0]?.[1]).toMatchObject({
      text: expect.stringMatching(
        /^【延期申请】[\s\S]*延期 3 个工作日，理由：需协调供电公司\n现时限 3月17日24:00前，同意后为 3月20日24:00前/,
      ),
      actions: [
        { label: '同意延期', command: `同意延期 ${ticket.number}` },
        { label: '驳回延期', command: `驳回延期 ${ticket.number} 理由`, needsText: true },
      ],
    });
    expect(decision.ticket).toMatchObject({
      dueAt: ticket.dueAt,
      extension: { days: 3, reason: '需协调供电公司', status: 'requested', requestedBy: 'zjj-wang' },
    });
    expect(timerEffects(decision.effects)).toEqual([]);
    expect(decision.events).toMatchObject([
      { type: 'extension-requested', actor: 'zjj-wang', data: { days: 3 } },
    ]);
  });

  const noExtensions: DecisionContext = { ...ctx, time: { ...ctx.time, maxExtensions: 0 } };
  it.each<[string, Ticket, Actor, number, DecisionContext, string]>([
    ['another department', ticket, otherOfficial, 3, ctx, 'FORBIDDEN'],
    ['staff (only the department asks)', ticket, staff, 3, ctx, 'FORBIDDEN'],
    ['an answered order', { ...ticket, status: 'replied' }, official, 3, ctx, 'INVALID_STATE'],
    ['a returned order', { ...ticket, status: 'received' }, official, 3, ctx, 'INVALID_STATE'],
    ['a second request', requested, official, 2, ctx, 'LIMIT_REACHED'],
    [
      'after one was approved',
      { ...requested, extension: { ...requested.extension!, status: 'approved' } },
      official,
      2,
      ctx,
      'LIMIT_REACHED',
    ],
    ['more than 10 working days', ticket, official, 11, ctx, 'LIMIT_REACHED'],
    ['zero days', ticket, official, 0, ctx, 'INVALID_ARGUMENT'],
    ['a county without extensions', ticket, official, 3, noExtensions, 'LIMIT_REACHED'],
  ])('refuses %s', (_, t, actor, days, c, code) => {
    expect(refusal(requestExtension(t, actor, days, '理由', c))).toBe(code);
  });

  it('may ask again after a refusal', () => {
    const refused = { ...requested, extension: { ...requested.extension!, status: 'refused' as const } };
    expect(refusal(requestExtension(refused, official, 2, '再次申请', ctx))).toBe('ok');
  });
});

describe('同意延期 / 驳回延期 (staff)', () => {
  it('approval moves the deadline, tells the department and moves the due reminders with it', () => {
    const decision = value(decideExtension(requested, staff, true, '', context(at('2026-03-13T09:00:00'))));
    expect(formatShanghaiIso(decision.ticket.dueAt)).toBe('2026-03-21T00:00:00+08:00');
    expect(decision.ticket.extension?.status).toBe('approved');
    expect(groupSends(decision.effects)[0]).toEqual([
      'zjj',
      { text: expect.stringMatching(/^【延期已批准】[\s\S]*新的办结时限：3月20日24:00前/) },
    ]);
    // The 签收 reminders are planned against the unchanged 签收 limit and stay as they are.
    const dueIds = (t: Ticket) =>
      planTimers(t, ctx)
        .filter((p) => !String(p.timer.expect.reminder).startsWith('accept'))
        .map((p) => p.jobId);
    expect(timerEffects(decision.effects)).toEqual([
      ...dueIds(requested).map((id) => `cancel ${id}`),
      ...dueIds(decision.ticket).map((id) => `schedule ${id}`),
    ]);
    expect(dueIds(decision.ticket)).toHaveLength(3);
    expect(dueIds(decision.ticket)).not.toContain(dueIds(requested)[0]);
    expect(decision.events).toMatchObject([{ type: 'extension-approved', actor: 'staff-zhou' }]);
  });

  it('refusal keeps the deadline and the reminders and tells the department why', () => {
    const decision = value(decideExtension(requested, staff, false, '理由不充分', ctx));
    expect(decision.ticket.dueAt).toEqual(ticket.dueAt);
    expect(decision.ticket.extension?.status).toBe('refused');
    expect(groupSends(decision.effects)).toEqual([
      [
        'zjj',
        {
          text: expect.stringMatching(/^【延期驳回】[\s\S]*理由：理由不充分\n请按原时限 3月17日24:00前 办结/),
        },
      ],
    ]);
    expect(timerEffects(decision.effects)).toEqual([]);
  });

  it.each<[string, Ticket, Actor, boolean, string]>([
    ['an official', requested, official, true, 'FORBIDDEN'],
    ['a supervisor', requested, supervisor, true, 'FORBIDDEN'],
    ['no pending request', ticket, staff, true, 'INVALID_STATE'],
    [
      'an already approved request',
      { ...requested, extension: { ...requested.extension!, status: 'approved' } },
      staff,
      true,
      'INVALID_STATE',
    ],
    ['approval of an answered order', { ...requested, status: 'replied' }, staff, true, 'INVALID_STATE'],
  ])('refuses %s', (_, t, actor, approve, code) => {
    expect(refusal(decideExtension(t, actor, approve, '', ctx))).toBe(code);
  });
});

describe('督办', () => {
  it.each([
    ['staff', staff, '周晓丽'],
    ['a supervisor', supervisor, '王德胜'],
  ] as const)(
    'by %s: marks the order and pushes it to the department and the supervisors',
    (_, actor, name) => {
      const decision = value(superviseTicket(ticket, actor, '请本周内办结', ctx));
      expect(decision.ticket).toMatchObject({ supervised: true, updatedAt: ctx.now });
      const text = `【督办】${ticket.number} 东关社区路灯不亮\n承办单位：县住房和城乡建设局\n办结时限：3月17日24:00前\n督办人：${name}\n督办意见：请本周内办结`;
      expect(groupSends(decision.effects)).toEqual([
        ['zjj', { text, mentions: ['zjj-li'] }],
        ['supervisors', { text }],
      ]);
      expect(decision.events).toMatchObject([{ type: 'supervised', note: '请本周内办结' }]);
      expect(decision.reply).toBe(`已督办 ${ticket.number}。`);
    },
  );

  it.each<[string, Ticket, Actor, string]>([
    ['an official', ticket, official, 'FORBIDDEN'],
    ['a closed order', { ...ticket, status: 'closed' }, staff, 'INVALID_STATE'],
    ['a withdrawn order', { ...ticket, status: 'withdrawn' }, supervisor, 'INVALID_STATE'],
  ])('refuses %s', (_, t, actor, code) => {
    expect(refusal(superviseTicket(t, actor, '', ctx))).toBe(code);
  });
});
