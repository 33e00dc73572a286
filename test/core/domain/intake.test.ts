import { describe, expect, it } from 'vitest';
import type { ConversationState } from '../../../core/domain/conversation-state.js';
import { type IntakeInput, intakeTurn } from '../../../core/domain/intake.js';
import { createTemplates } from '../../../core/text/templates.js';
import type { Extraction } from '../../../core/understanding/extraction.js';

const templates = createTemplates({});
const now = new Date('2026-11-26T02:00:00Z');

function turn(state: ConversationState, text: string, extraction: Extraction = {}) {
  return intakeTurn(state, { text, extraction, attachments: [], now, templates, hotlineName: '12345热线' });
}

describe('intake dialogue', () => {
  it('asks for the place, then the phone, reads back with the phone masked, and files on 确认', () => {
    let out = turn({}, '路灯坏了一个星期了', { category: '城乡建设/路灯照明', appealType: '求助' });
    expect(out.replies).toEqual([templates.askLocation]);
    out = turn(out.state, '仲村镇东关村大桥头', {
      location: { text: '仲村镇东关村大桥头', town: '仲村镇', village: '东关村' },
    });
    expect(out.replies).toEqual([templates.askPhone]);
    out = turn(out.state, '13812345678', { phone: '13812345678' });
    expect(out.replies[0]).toContain('138****5678');
    expect(out.replies[0]).not.toContain('13812345678');
    expect(out.state.draft?.description).toBe('路灯坏了一个星期了');
    out = turn(out.state, '确认');
    expect(out.file).toMatchObject({
      description: '路灯坏了一个星期了',
      phone: '13812345678',
      location: { town: '仲村镇' },
      category: '城乡建设/路灯照明',
    });
    expect(out.state.draft).toBeUndefined();
  });

  it('never asks for what it already has', () => {
    const out = turn({}, '仲村镇东关村路灯坏了，电话13812345678', {
      location: { text: '仲村镇东关村', town: '仲村镇' },
      phone: '13812345678',
    });
    expect(out.replies[0]).toMatch(/请核对/);
  });

  it('accepts 不留 for the phone, and a place it does not know as written', () => {
    let out = turn({}, '小区门口垃圾堆了好几天');
    out = turn(out.state, '老车站后面那条胡同');
    expect(out.state.draft?.location).toEqual({ text: '老车站后面那条胡同' });
    out = turn(out.state, '不留');
    expect(out.replies[0]).toMatch(/电话：未留/);
  });

  it('takes a correction at the read-back instead of filing', () => {
    let out = turn({}, '路灯坏了', { location: { text: '东阳路10号' }, phone: '13812345678' });
    out = turn(out.state, '地址不对，是东阳路12号', { location: { text: '东阳路12号' } });
    expect(out.file).toBeUndefined();
    expect(out.replies[0]).toContain('东阳路12号');
    expect(out.state.draft?.description).toBe('路灯坏了');
  });

  it('greets, thanks and cancels without filing anything', () => {
    expect(turn({}, '你好').replies[0]).toContain('12345热线');
    expect(turn({}, '谢谢').replies).toEqual([templates.thanks]);
    const started = turn({}, '路灯坏了');
    const cancelled = turn(started.state, '算了');
    expect(cancelled.replies).toEqual([templates.cancelled]);
    expect(cancelled.state.draft).toBeUndefined();
    expect(turn({}, '取消').replies).toEqual([templates.nothingToCancel]);
  });

  it('does not ask where for matters that have no place', () => {
    const out = turn({}, '请问灵活就业人员社保怎么交', { category: '劳动和社会保障', appealType: '咨询' });
    expect(out.replies).toEqual([templates.askPhone]);
  });
});

const MINUTE = 60_000;
const limits = { idleAfter: 30 * MINUTE, dropAfter: 24 * 60 * MINUTE, ordersPerDay: 2 };
const faq = [
  {
    id: 'juzhuzheng',
    match: [['居住证']],
    answer: '请到居住地派出所户籍窗口办理居住证。',
    category: '公安/户籍管理',
  },
];

/** A turn at `minutes` after `now`, with the newer options. */
function at(minutes: number, state: ConversationState, text: string, extra: Partial<IntakeInput> = {}) {
  return intakeTurn(state, {
    text,
    extraction: {},
    attachments: [],
    now: new Date(now.getTime() + minutes * MINUTE),
    templates,
    hotlineName: '12345热线',
    faq,
    limits,
    ordersToday: 0,
    ...extra,
  });
}

const lamp: Extraction = { category: '城乡建设/路灯照明', appealType: '求助', title: '路灯坏了' };
const place = (text: string, town?: string): Extraction => ({
  location: { text, ...(town ? { town } : {}) },
});

describe('intake: idle and expired drafts', () => {
  const started = () => at(0, {}, '路灯坏了', { extraction: lamp }).state;

  it.each([
    ['29 minutes later the answer is taken as it is', 29, /联系电话/],
    [
      '31 minutes later the bot asks whether to continue',
      31,
      /“路灯坏了”还没提交，继续吗？回复“继续”或“重新开始”/,
    ],
    ['25 hours later the draft has expired', 25 * 60, /上次未提交的内容已过期/],
  ])('%s', (_name, minutes, reply) => {
    const out = at(minutes, started(), '平邑街道东关社区', {
      extraction: place('平邑街道东关社区', '平邑街道'),
    });
    expect(out.replies[0]).toMatch(reply);
  });

  it('keeps the message that came after the pause and applies it on 继续', () => {
    const asked = at(31, started(), '平邑街道东关社区', {
      extraction: place('平邑街道东关社区', '平邑街道'),
    });
    expect(asked.state.draft?.asked).toBe('resume');
    const resumed = at(32, asked.state, '继续');
    expect(resumed.replies).toEqual([templates.askPhone]);
    expect(resumed.state.draft?.location?.town).toBe('平邑街道');
  });

  it('starts a new draft from the held message on 重新开始', () => {
    const asked = at(40, started(), '门口垃圾没人清运', { extraction: { category: '城乡建设/市容环卫' } });
    const again = at(41, asked.state, '重新开始');
    expect(again.replies[0]).toMatch(/^好的，重新开始。/);
    expect(again.state.draft?.description).toBe('门口垃圾没人清运');
  });

  it('asks once more when the answer to 继续吗 is neither, then goes on with the next', () => {
    const asked = at(31, started(), '嗯嗯那个');
    const hint = at(32, asked.state, '啥');
    expect(hint.replies).toEqual([templates.resumeHint]);
    const goesOn = at(33, hint.state, '平邑街道东关社区', { extraction: place('平邑街道东关社区') });
    expect(goesOn.replies).toEqual([templates.askPhone]);
  });

  it('expired: a greeting after a day gets the note and the welcome, no draft', () => {
    const out = at(25 * 60, started(), '你好');
    expect(out.replies).toEqual([templates.expired, expect.stringContaining('12345热线')]);
    expect(out.state.draft).toBeUndefined();
  });
});

describe('intake: limits, FAQ, attachments', () => {
  it('refuses a new order over the daily limit, but still answers from the FAQ', () => {
    expect(at(0, {}, '路灯坏了', { extraction: lamp, ordersToday: 2 }).replies[0]).toMatch(/已达当日上限/);
    const faqOut = at(0, {}, '请问居住证怎么办理？', { extraction: { appealType: '咨询' }, ordersToday: 2 });
    expect(faqOut.answer?.faq.id).toBe('juzhuzheng');
  });

  it('answers a FAQ question once; the same question again soon is filed', () => {
    const first = at(0, {}, '请问居住证怎么办理？', { extraction: { appealType: '咨询' } });
    expect(first.answer?.draft.description).toBe('请问居住证怎么办理？');
    expect(first.state.draft).toBeUndefined();
    const second = at(5, first.state, '请问居住证怎么办理？', { extraction: { appealType: '咨询' } });
    expect(second.answer).toBeUndefined();
    expect(second.state.draft?.description).toBe('请问居住证怎么办理？');
  });

  it('does not answer a complaint from the FAQ even when its words match', () => {
    const out = at(0, {}, '派出所办居住证的窗口态度恶劣，我要投诉', { extraction: { appealType: '投诉' } });
    expect(out.answer).toBeUndefined();
  });

  it.each([
    ['a photo alone asks what happened', [{ kind: 'image', ref: 'a.jpg' }], '', /已收到 1 张图片。请说说/],
    ['voice without a transcript asks for words', [{ kind: 'audio', ref: 'v' }], '', /请用文字描述/],
    ['a sticker alone gets the empty-message prompt', [{ kind: 'sticker', ref: 's' }], '', /请用文字说说/],
    ['emoji only gets the prompt', [], '👍👍[微笑]', /请用文字说说/],
  ] as const)('%s', (_name, attachments, text, reply) => {
    const out = at(0, {}, text, { attachments: [...attachments] });
    expect(out.replies.join('\n')).toMatch(reply);
  });

  it('a shared location fills the place through the gazetteer', () => {
    let out = at(0, {}, '路灯坏了', { extraction: lamp });
    out = at(1, out.state, '', {
      attachments: [{ kind: 'location', ref: 'geo:1,2', text: '平邑街道莲花社区' }],
      locate: (text) => ({ text, town: '平邑街道', village: '莲花社区' }),
    });
    expect(out.state.draft?.location).toEqual({
      text: '平邑街道莲花社区',
      town: '平邑街道',
      village: '莲花社区',
    });
    expect(out.replies[0]).toMatch(/^已收到 1 个位置。方便留个联系电话吗/);
  });

  it('notes a long message and keeps all of it', () => {
    const long = '路灯坏了'.repeat(600);
    const out = at(0, {}, long, { extraction: lamp });
    expect(out.replies[0]).toMatch(/^您的消息比较长，已完整记录。/);
    expect(out.state.draft?.description).toBe(long);
  });
});

describe('intake: answers and corrections', () => {
  const readBackState = () =>
    at(0, {}, '东阳路10号路灯坏了，电话13812345678', {
      extraction: { ...lamp, ...place('东阳路10号'), phone: '13812345678' },
    }).state;

  it.each([
    ['地址不对，是东阳路12号', {}, { location: { text: '东阳路12号' } }],
    ['不是10号，是12号', {}, { location: { text: '东阳路12号' } }],
    ['电话改成13912345678', { phone: '13912345678' }, { phone: '13912345678' }],
    ['电话不留了', {}, { phoneDeclined: true }],
    ['我姓李', {}, { name: '李' }],
    ['问题改成：路灯杆被撞歪了', {}, { description: '路灯杆被撞歪了', title: '路灯杆被撞歪了' }],
  ] as const)('“%s” at the read-back changes only that field', (text, extraction, expected) => {
    const out = at(1, readBackState(), text, { extraction });
    expect(out.file).toBeUndefined();
    expect(out.replies[0]).toMatch(/^请核对/);
    expect(out.state.draft).toMatchObject(expected);
    if (!('description' in expected))
      expect(out.state.draft?.description).toBe('东阳路10号路灯坏了，电话13812345678');
    if ('phoneDeclined' in expected) expect(out.state.draft?.phone).toBeUndefined();
  });

  it.each(['确认', '确认提交', '对的，提交吧', '没问题', '好的'])('files on “%s”', (word) => {
    expect(at(1, readBackState(), word).file).toBeDefined();
  });

  it('adds more words at the read-back to the description and reads back again', () => {
    const out = at(1, readBackState(), '晚上走路很危险，老人孩子都摔过');
    expect(out.state.draft?.description).toContain('老人孩子都摔过');
    expect(out.replies[0]).toMatch(/^请核对/);
  });

  it('does not take a late piece of the story for the place', () => {
    let out = at(0, {}, '小区的垃圾堆了好几天', { extraction: { category: '城乡建设/市容环卫' } });
    expect(out.replies).toEqual([templates.askLocation]);
    out = at(0.1, out.state, '一直没人管，希望尽快处理！');
    expect(out.state.draft?.location).toBeUndefined();
    expect(out.state.draft?.description).toContain('希望尽快处理');
    expect(out.replies).toEqual([templates.askLocation]);
  });

  it('an opener with no content asks what happened and keeps the appeal type', () => {
    const out = at(0, {}, '我要投诉', { extraction: { appealType: '投诉' } });
    expect(out.replies).toEqual([templates.askDescription]);
    expect(out.state.draft).toMatchObject({ description: '', appealType: '投诉' });
  });

  it('tells a resident once that a report is kept confidential', () => {
    const first = at(0, {}, '我要举报有人聚众赌博', {
      extraction: { appealType: '举报', category: '公安/治安管理' },
    });
    expect(first.replies[0]).toMatch(/^您反映的情况我们会严格保密.*具体在哪里/);
    const second = at(1, first.state, '平邑街道东关社区', { extraction: place('平邑街道东关社区') });
    expect(second.replies).toEqual([templates.askPhone]);
  });

  it('greetings and thanks in the middle of a draft repeat the question', () => {
    const started = at(0, {}, '路灯坏了', { extraction: lamp });
    for (const word of ['你好', '谢谢', '好的']) {
      expect(at(1, started.state, word).replies).toEqual([templates.askLocation]);
    }
  });
});
