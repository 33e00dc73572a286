import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../core/domain/actor.js';
import type { TicketDecision } from '../../../core/domain/decision.js';
import type { Result } from '../../../core/domain/errors.js';
import { fireReminder } from '../../../core/domain/reminders.js';
import { answerSurvey } from '../../../core/domain/survey.js';
import type { Ticket, TicketEvent } from '../../../core/domain/ticket.js';
import { acceptTicket, replyTicket, returnTicket } from '../../../core/domain/ticket-actions.js';
import { decideExtension, requestExtension } from '../../../core/domain/ticket-extension.js';
import { statusText } from '../../../core/domain/ticket-render.js';
import { superviseTicket } from '../../../core/domain/ticket-supervise.js';
import { supplementTicket } from '../../../core/domain/ticket-supplement.js';
import { formatDeadline } from '../../../core/text/format-time.js';
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

const resident: Actor = { kind: 'resident', channel: 'web', conversation: 'r-fixture', ref: 'r-fixture' };
const RECEIVED = at('2026-03-10T10:00:00');
const HOUR = 3_600_000;

/** An order with its timeline, moved on one decision at a time, an hour apart. */
class Story {
  private now = RECEIVED.getTime();
  readonly events: TicketEvent[] = [
    { type: 'received', actor: 'resident', at: RECEIVED },
    { type: 'dispatched', actor: 'system', at: RECEIVED, data: { department: 'zjj' } },
  ];
  constructor(public ticket: Ticket) {}

  get ctx() {
    return context(new Date(this.now));
  }

  next(decide: (ticket: Ticket, ctx: ReturnType<typeof context>) => Result<TicketDecision> | TicketDecision) {
    this.now += HOUR;
    const result = decide(this.ticket, this.ctx);
    const decision = 'ok' in result ? (result.ok ? result.value : undefined) : result;
    if (!decision) throw new Error(`refused: ${'ok' in result && !result.ok ? result.error.message : ''}`);
    this.ticket = decision.ticket;
    this.events.push(...decision.events);
    return this;
  }

  status(viewer: Actor['kind']): string {
    return statusText(this.ticket, this.events, directory, viewer);
  }
}

const LONG_REPLY =
  '经现场核查，东关社区3号楼前路灯因线路老化导致不亮，我局已安排维修班组更换整段线路和灯具，' +
  '并对周边其他路灯进行了排查，发现两处隐患已一并处理，今后将加强巡查，如再有问题请及时反映。';

/** Extended, reminded many times, reopened twice (so 专办 and 督办), supervised. */
function longLivedOrder(fields: Partial<Ticket> = {}): Story {
  const story = new Story(dispatchedTicket(RECEIVED, fields));
  story
    .next((t, ctx) => fireReminder(t, 'accept-50', 1, ctx))
    .next((t, ctx) => acceptTicket(t, official, ctx))
    .next((t, ctx) => supplementTicket(t, resident, '晚上路口一片漆黑，老人出门不方便', ctx))
    .next((t, ctx) => requestExtension(t, official, 3, '需协调供电公司停电作业', ctx))
    .next((t, ctx) => decideExtension(t, staff, true, '', ctx))
    .next((t, ctx) => fireReminder(t, 'due-yellow', 1, ctx))
    .next((t, ctx) => fireReminder(t, 'due-red', 1, ctx))
    .next((t, ctx) => replyTicket(t, official, '已更换灯泡', ctx))
    .next((t, ctx) => answerSurvey(t, { result: '不满意', comment: '灯还是不亮' }, ctx))
    .next((t, ctx) => fireReminder(t, 'accept-50', 1, ctx))
    .next((t, ctx) => acceptTicket(t, official, ctx))
    .next((t, ctx) => replyTicket(t, official, '已更换整套灯具', ctx))
    .next((t, ctx) => answerSurvey(t, { result: '不满意', resolved: false, comment: '亮了两天又坏了' }, ctx))
    .next((t, ctx) => superviseTicket(t, supervisor, '请主要负责同志亲自过问', ctx));
  for (let n = 1; n <= 6; n++) story.next((t, ctx) => fireReminder(t, 'overdue', n, ctx));
  return story
    .next((t, ctx) => acceptTicket(t, official, ctx))
    .next((t, ctx) => replyTicket(t, official, LONG_REPLY, ctx));
}

describe('查询 by the resident: the essentials, short', () => {
  it('a long-lived order still fits 200 characters, with number, status, deadline and the latest step', () => {
    const story = longLivedOrder();
    expect(story.ticket).toMatchObject({ status: 'replied', reopenCount: 2, supervised: true });
    expect(story.events.filter((e) => e.type === 'reminded').length).toBeGreaterThanOrEqual(9);
    const text = story.status('resident');
    expect(text.length).toBeLessThanOrEqual(200);
    expect(text).toContain('PY202603100001');
    expect(text).toContain('状态：已答复');
    expect(text).toContain('承办单位：县住房和城乡建设局');
    expect(text).toContain(`办结时限：${formatDeadline(story.ticket.dueAt)}`);
    const last = story.events.at(-1)!;
    expect(last.type).toBe('replied');
    expect(text).toMatch(
      /最近进展：\n· .+ 签收\n· .+ 办结答复\n答复：经现场核查，东关社区3号楼前路灯因线路老化/,
    );
    // The answer is cut to fit, visibly.
    expect(text).toMatch(/…$/);
  });

  it('leaves out the hotline’s own steps: reminders, 督办, extension requests', () => {
    const story = longLivedOrder().next((t, ctx) => fireReminder(t, 'overdue', 7, ctx));
    const text = story.status('resident');
    expect(text).not.toMatch(/提醒|督办|申请延期|超期/);
    expect(text).toMatch(/· .+ 办结答复\n答复：/);
  });

  it('an open order shows its last three steps, and no answer', () => {
    const story = new Story(dispatchedTicket(RECEIVED))
      .next((t, ctx) => acceptTicket(t, official, ctx))
      .next((t, ctx) => fireReminder(t, 'due-yellow', 1, ctx));
    const text = story.status('resident');
    expect(text).toBe(
      [
        '您的工单 PY202603100001：东关社区路灯不亮',
        '状态：办理中',
        '承办单位：县住房和城乡建设局',
        '办结时限：3月17日24:00前',
        '最近进展：',
        '· 3月10日 10:00 受理',
        '· 3月10日 10:00 派单',
        '· 3月10日 11:00 签收',
      ].join('\n'),
    );
  });

  it('a reopened order calls its answer the previous one', () => {
    const story = new Story(dispatchedTicket(RECEIVED))
      .next((t, ctx) => replyTicket(t, official, '已更换灯泡', ctx))
      .next((t, ctx) => answerSurvey(t, { result: '不满意', comment: '还是不亮' }, ctx));
    const text = story.status('resident');
    expect(text).toContain('状态：重办');
    expect(text).toContain('上次答复：已更换灯泡');
    expect(text).toMatch(/· .+ 回访\n· .+ 重办\n上次答复/);
    expect(story.status('official')).toContain('\n上次答复：已更换灯泡');
  });

  it('a short answer is shown whole', () => {
    const story = new Story(dispatchedTicket(RECEIVED)).next((t, ctx) =>
      replyTicket(t, official, '已更换灯泡，路灯恢复照明', ctx),
    );
    expect(story.status('resident')).toMatch(/\n答复：已更换灯泡，路灯恢复照明$/);
  });
});

describe('查询 by a department, the staff or the supervisors: a little more, still compact', () => {
  it('adds 督办/专办, the handler and the counts, and the last three steps with who acted', () => {
    const story = longLivedOrder();
    const text = story.status('official');
    expect(text.length).toBeLessThanOrEqual(320);
    expect(text).toContain('状态：已答复（督办，专办）');
    expect(text).toContain('承办单位：县住房和城乡建设局（经办人 ');
    expect(text).toContain(`办结时限：${formatDeadline(story.ticket.dueAt)}`);
    expect(text).toContain('重办2次');
    expect(text).toMatch(/提醒\d+次/);
    expect(text).toMatch(/最近进展（共\d+步）：\n(· .+\n){3}答复：经现场核查/);
    expect(text).toMatch(/· .+ 签收 王海燕\n· .+ 办结答复 王海燕\n/);
    expect(text).not.toMatch(/· .+ 提醒/);
  });

  it('names a pending extension and the 签收 limit while the order waits for 签收', () => {
    const story = new Story(dispatchedTicket(RECEIVED)).next((t, ctx) =>
      requestExtension(t, official, 3, '需协调供电公司', ctx),
    );
    const text = story.status('staff');
    expect(text).toContain('签收时限：3月11日24:00前');
    expect(text).toContain('办结时限：3月17日24:00前（申请延期3个工作日，待审核）');
    expect(text).toMatch(/· 3月10日 11:00 申请延期 王海燕：3个工作日：需协调供电公司$/);
  });

  it('a returned order shows the return and its reason', () => {
    const story = new Story(dispatchedTicket(RECEIVED)).next((t, ctx) =>
      returnTicket(t, official, '不属于本单位职责', ctx),
    );
    expect(story.status('staff')).toMatch(/退回1次[\s\S]*· .+ 退回 王海燕：不属于本单位职责/);
  });
});

describe('查询 of a confidential order', () => {
  const CONTACTS = /赵|138|5678/;
  const story = () =>
    new Story(dispatchedTicket(RECEIVED, CONFIDENTIAL_REPORT))
      .next((t, ctx) => acceptTicket(t, official, ctx))
      .next((t, ctx) => supplementTicket(t, resident, '我是赵刚，手机13812345678，白天都在家', ctx))
      .next((t, ctx) => replyTicket(t, official, '已联系赵刚本人核实，网格员已停职调查', ctx));

  it.each(['official', 'staff', 'supervisor'] as const)(
    '%s: never the resident’s name or phone',
    (viewer) => {
      const text = story().status(viewer);
      expect(text).not.toMatch(CONTACTS);
      expect(text).toContain('工单 PY202603100001：我叫（保密），举报网格员收好处费');
      expect(text).toContain('补充：我是（保密），手机（保密），白天都在家');
      expect(text).toContain('答复：已联系（保密）本人核实，网格员已停职调查');
    },
  );

  it('conceals before cutting short, so no part of a phone shows at the cut', () => {
    // A phone that would straddle the 20-character cut of a step's note.
    const cut = new Story(dispatchedTicket(RECEIVED, CONFIDENTIAL_REPORT)).next((t, ctx) =>
      supplementTicket(t, resident, '补充一下情况，晚上打这个13812345678', ctx),
    );
    const text = cut.status('official');
    expect(text).not.toMatch(/1381|\d{4}…/);
    expect(text).toContain('补充：补充一下情况，晚上打这个（保密）');
  });

  it('an ordinary order’s phone is masked for the office too', () => {
    const open = new Story(dispatchedTicket(RECEIVED)).next((t, ctx) =>
      supplementTicket(t, resident, '电话13812345678', ctx),
    );
    expect(open.status('official')).toContain('补充：电话138****5678');
  });

  it('the resident themself sees their own title', () => {
    expect(story().status('resident')).toContain('您的工单 PY202603100001：我叫赵刚，举报网格员收好处费');
  });
});
