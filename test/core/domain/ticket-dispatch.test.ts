import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../core/domain/actor.js';
import { createTicket } from '../../../core/domain/create-ticket.js';
import type { TicketDecision } from '../../../core/domain/decision.js';
import type { Draft } from '../../../core/domain/draft.js';
import type { Effect, MessageContent } from '../../../core/domain/effects.js';
import type { Result } from '../../../core/domain/errors.js';
import { fireReminder } from '../../../core/domain/reminders.js';
import { answerSurvey } from '../../../core/domain/survey.js';
import type { Ticket } from '../../../core/domain/ticket.js';
import { acceptTicket, redispatchTicket, returnTicket } from '../../../core/domain/ticket-actions.js';
import { requestExtension } from '../../../core/domain/ticket-extension.js';
import { dispatchMessage } from '../../../core/domain/ticket-render.js';
import { superviseTicket } from '../../../core/domain/ticket-supervise.js';
import { supplementTicket } from '../../../core/domain/ticket-supplement.js';
import {
  at,
  CONFIDENTIAL_REPORT,
  context,
  directory,
  dispatchedTicket,
  official,
  staff,
  supervisor,
} from './ticket-fixture.js';

const ctx = context(at('2026-03-11T10:00:00'));
const photo = (n: number) => ({ kind: 'image', ref: `attachments/photo-${n}.jpg`, name: `${n}.jpg` });
const resident: Actor = {
  kind: 'resident',
  channel: 'web',
  conversation: 'r-fixture',
  ref: 'r-fixture',
};

function value(result: Result<TicketDecision>): TicketDecision {
  if (!result.ok) throw new Error(`refused: ${result.error.message}`);
  return result.value;
}
const groupSends = (effects: readonly Effect[]) =>
  effects.flatMap((e) =>
    e.type === 'send' && e.target.kind === 'group' ? [[e.target.group, e.message] as const] : [],
  );
const sentTo = (decision: TicketDecision, group: string) =>
  groupSends(decision.effects).flatMap(([to, message]) => (to === group ? [message] : []));
/** Everything a group member can read of a message: the text, and the card's fields and note. */
const readable = (message: MessageContent) =>
  [
    message.text,
    ...(message.card?.fields.map((f) => `${f.label}：${f.value}`) ?? []),
    message.card?.note ?? '',
  ].join('\n');

describe('the creation dispatch', () => {
  const now = at('2026-03-10T10:00:00');
  const draft: Draft = {
    description: '北关社区路口的井盖丢了',
    title: '北关社区路口井盖丢失',
    flags: [],
    phone: '13812345678',
    attachments: [
      { kind: 'image', ref: 'a.jpg' },
      { kind: 'image', ref: 'b.jpg' },
      { kind: 'location', ref: 'geo:35.5,117.6', text: '平邑街道北关社区' },
    ],
    startedAt: now,
    updatedAt: now,
  };
  const create = (fields: Partial<Draft> = {}) =>
    createTicket(
      {
        number: 'PY202603100001',
        draft: { ...draft, ...fields },
        channel: 'web',
        conversation: 'r-fixture',
        residentRef: 'r-fixture',
        department: 'zjj',
        coDepartments: ['zfj'],
      },
      context(now),
    );

  it('names the attachments before the commands, and as the card’s last field', () => {
    const [lead] = sentTo(create(), 'zjj');
    expect(lead?.text).toBe(
      [
        '【新工单】PY202603100001',
        '标题：北关社区路口井盖丢失',
        '地点：（无具体地点）',
        '类别：其他（其他）',
        '紧急程度：一般',
        '签收时限：3月11日24:00前',
        '办结时限：3月17日24:00前',
        '联系电话：138****5678',
        '诉求内容：北关社区路口的井盖丢了',
        '附件：2 张图片、1 个位置（位置：平邑街道北关社区）',
        '操作（复制后发送）：',
        '签收 PY202603100001',
        '退回 PY202603100001 理由',
        '延期 PY202603100001 天数 理由',
        '办结 PY202603100001 答复内容',
      ].join('\n'),
    );
    expect(lead?.card?.fields.at(-1)).toEqual({
      label: '附件',
      value: '2 张图片、1 个位置（位置：平邑街道北关社区）',
    });
  });

  it('tells the co-department too, after the lead department’s name', () => {
    const [co] = sentTo(create(), 'zfj');
    expect(co?.text).toMatch(
      /\n主办单位：县住房和城乡建设局\n附件：2 张图片、1 个位置（位置：平邑街道北关社区）\n操作/,
    );
  });

  it('has no attachment line when there is nothing attached', () => {
    const [lead] = sentTo(create({ attachments: [] }), 'zjj');
    expect(lead?.text).not.toContain('附件');
    expect(lead?.card?.fields.map((f) => f.label)).not.toContain('附件');
  });
});

describe('attachments reach every department the order goes to', () => {
  const withPhotos = dispatchedTicket(at('2026-03-10T10:00:00'), { attachments: [photo(1), photo(2)] });

  it('改派: the new department learns there are photos', () => {
    const decision = value(redispatchTicket(withPhotos, staff, '县综合行政执法局', ctx));
    const [message] = sentTo(decision, 'zfj');
    expect(message?.text).toMatch(/^【改派工单】[\s\S]*\n附件：2 张图片\n操作（复制后发送）：/);
    expect(message?.card?.fields.at(-1)).toEqual({ label: '附件', value: '2 张图片' });
  });

  it('重办: the department redoing the order sees the photos again', () => {
    const replied: Ticket = { ...withPhotos, status: 'replied', reply: '已修复' };
    const decision = value(answerSurvey(replied, { result: '不满意', comment: '灯还是不亮' }, ctx));
    const [message] = sentTo(decision, 'zjj');
    expect(message?.text).toMatch(/^【重办工单】[\s\S]*群众意见：灯还是不亮\n附件：2 张图片\n操作/);
  });

  it('the card, updated after 签收, keeps the attachment line', () => {
    const decision = value(acceptTicket(withPhotos, official, ctx));
    const [update] = sentTo(decision, 'zjj');
    expect(update?.updatesCard).toBe(true);
    expect(update?.text).toContain('\n附件：2 张图片\n');
  });
});

describe('a confidential order never shows the resident’s phone or name', () => {
  const secret = dispatchedTicket(at('2026-03-10T10:00:00'), {
    ...CONFIDENTIAL_REPORT,
    location: { text: '东关社区赵刚家门口' },
    attachments: [photo(1)],
  });
  const CONTACTS = /138|5678|赵/;
  const everything = (decision: TicketDecision) =>
    groupSends(decision.effects).map(([group, message]) => [group, readable(message)] as const);
  const expectConcealed = (decision: TicketDecision) => {
    const sent = everything(decision);
    expect(sent.length).toBeGreaterThan(0);
    for (const [group, text] of sent) expect(text, group).not.toMatch(CONTACTS);
  };

  it('改派: the new department reads the story and the photo line, not who wrote it', () => {
    const decision = value(redispatchTicket(secret, staff, '县综合行政执法局', ctx));
    expectConcealed(decision);
    const [message] = sentTo(decision, 'zfj');
    expect(message?.text).toContain('诉求内容：我叫（保密），电话（保密），举报网格员办低保收好处费');
    expect(message?.text).toContain('联系电话：（保密）');
    expect(message?.text).toContain('附件：1 张图片');
  });

  it('重办, twice: neither the dispatch nor the 督办 alert shows the resident’s words about themself', () => {
    const replied: Ticket = { ...secret, status: 'replied', reopenCount: 1, reply: '已核查' };
    const decision = value(
      answerSurvey(replied, { result: '不满意', comment: '我是赵刚，电话13812345678，没人找我核实' }, ctx),
    );
    expect(sentTo(decision, 'supervisors')[0]?.text).toMatch(/^【重办督办】/);
    expectConcealed(decision);
  });

  it('督办: the push to the department and the supervisors', () => {
    const decision = value(superviseTicket(secret, supervisor, '请联系赵刚本人核实', ctx));
    expect(everything(decision).map(([group]) => group)).toEqual(['zjj', 'supervisors']);
    expect(sentTo(decision, 'zjj')[0]?.text).toMatch(
      /^【督办】PY202603100001 我叫（保密），举报网格员收好处费\n/,
    );
    expectConcealed(decision);
  });

  it.each([
    ['签收 (card update)', () => acceptTicket(secret, official, ctx)],
    ['退回', () => returnTicket(secret, official, '不属于本单位', ctx)],
    ['延期申请', () => requestExtension(secret, official, 3, '需协调', ctx)],
    ['补充', () => supplementTicket(secret, resident, '我叫赵刚，手机13812345678，周末也在', ctx)],
  ])('%s', (_what, decide) => expectConcealed(value(decide())));

  it.each(['accept-50', 'due-red', 'overdue'] as const)('reminder %s and its escalation', (kind) => {
    expectConcealed(fireReminder(secret, kind, 1, ctx));
  });

  it.each([
    ['我姓王，举报网格员收好处费，电话138****5678', '王', '我姓（保密），举报网格员收好处费，电话（保密）'],
    ['我叫张三，举报网格员收好处费', '张三', '我叫（保密），举报网格员收好处费'],
    ['举报网格员收好处费，座机0539-2345678', undefined, '举报网格员收好处费，座机（保密）'],
  ])('“%s” loses the contacts', (description, residentName, expected) => {
    const { residentName: _written, ...unnamed } = secret;
    const ticket: Ticket = { ...unnamed, description, ...(residentName ? { residentName } : {}) };
    const message = dispatchMessage(ticket, directory, '新工单');
    expect(message.text).toContain(`\n诉求内容：${expected}\n`);
    expect(message.card?.fields.find((f) => f.label === '诉求内容')?.value).toBe(expected);
  });

  it('an ordinary order’s dispatch keeps the name the resident wrote', () => {
    const open: Ticket = { ...secret, confidential: false, appealType: '投诉' };
    const message = dispatchMessage(open, directory, '新工单');
    expect(message.text).toContain('诉求内容：我叫赵刚，电话138****5678');
    expect(message.text).toContain('联系电话：138****5678');
  });
});
