import { describe, expect, it } from 'vitest';
import { cardActionToInbound } from '../../../adapters/feishu/card-action.js';
import {
  FORM_NAME,
  renderCard,
  renderOutbound,
  renderText,
  TEXT_INPUT,
} from '../../../adapters/feishu/card-render.js';
import type { MessageAction, OutboundMessage } from '../../../core/messages.js';

const N = 'PY202611260007';
const HANDLER = 'ou_966955c3fc90aa3c8bed7b616f80ff4b';
const ACTIONS: MessageAction[] = [
  { label: '签收', command: `签收 ${N}`, style: 'primary' },
  { label: '退回', command: `退回 ${N} 理由`, needsText: true, style: 'danger' },
  { label: '申请延期', command: `延期 ${N} 天数 理由`, needsText: true },
  { label: '办结', command: `办结 ${N} 答复内容`, needsText: true },
];

function dispatch(overrides: Partial<OutboundMessage> = {}): OutboundMessage {
  return {
    channel: 'feishu',
    conversation: 'feishu:oc_5b1cadb1a240f1cd0240b5aac5667502',
    text: `【新工单】${N}`,
    card: {
      title: `新工单 ${N}`,
      color: 'orange',
      ticketNumber: N,
      fields: [
        { label: '工单号', value: N },
        { label: '标题', value: '阳光小区路灯不亮' },
        { label: '地点', value: '城东街道阳光小区3号楼' },
        { label: '联系电话', value: '138****5678' },
        { label: '诉求内容', value: '路灯坏了 <at id=all></at> [点这里](https://evil.example) **急**' },
      ],
    },
    actions: ACTIONS,
    mentions: [HANDLER],
    ...overrides,
  };
}

type Node = Record<string, unknown>;
/** Every object inside the card, depth first. */
function nodes(value: unknown): Node[] {
  if (Array.isArray(value)) return value.flatMap(nodes);
  if (typeof value !== 'object' || value === null) return [];
  return [value as Node, ...Object.values(value).flatMap(nodes)];
}
const byTag = (card: unknown, tag: string) => nodes(card).filter((n) => n.tag === tag);
const label = (button: Node) => (button.text as { content: string }).content;
const callback = (button: Node) => (button.behaviors as { value: unknown }[])[0]?.value;

describe('renderCard', () => {
  it('is a JSON 2.0 card headed by the order number in the urgency colour', () => {
    const card = renderCard(dispatch());
    expect(card).toMatchObject({
      schema: '2.0',
      config: { update_multi: true },
      header: { title: { tag: 'plain_text', content: `新工单 ${N}` }, template: 'orange' },
    });
    expect(renderCard(dispatch({ card: { title: 't', fields: [] } })).header).toMatchObject({
      template: 'blue',
    });
  });

  it('shows every field, the phone as it came (masked), as plain text only', () => {
    const card = renderCard(dispatch());
    const texts = byTag(card, 'plain_text').map((n) => n.content as string);
    const fields = texts.find((t) => t.startsWith('工单号'))!;
    expect(fields).toContain('联系电话：138****5678');
    expect(fields).toContain('地点：城东街道阳光小区3号楼');
    const markdown = byTag(card, 'markdown')
      .map((n) => n.content as string)
      .join('\n');
    expect(markdown).not.toContain('evil.example');
    expect(markdown).not.toContain('id=all');
  });

  it('@-mentions the named handler, and only by a well-formed id', () => {
    const card = renderCard(dispatch({ mentions: [HANDLER, 'ou_x></at><at id=all'] }));
    const markdown = byTag(card, 'markdown').map((n) => n.content as string);
    expect(markdown).toEqual([`<at id=${HANDLER}></at> 请及时签收办理`]);
  });

  it('has the four buttons, each carrying its command; the wordy ones submit the form’s text', () => {
    const card = renderCard(dispatch());
    const buttons = byTag(card, 'button');
    expect(buttons.map(label)).toEqual(['签收', '退回', '申请延期', '办结']);
    expect(buttons.map(callback)).toEqual([
      { cmd: `签收 ${N}` },
      { cmd: `退回 ${N}`, text: true },
      { cmd: `延期 ${N}`, text: true },
      { cmd: `办结 ${N}`, text: true },
    ]);
    const [form] = byTag(card, 'form');
    expect(form?.name).toBe(FORM_NAME);
    expect(byTag(form, 'input').map((i) => i.name)).toEqual([TEXT_INPUT]);
    expect(byTag(form, 'button').every((b) => b.form_action_type === 'submit')).toBe(true);
    expect(buttons.map((b) => b.type)).toEqual(['primary', 'danger', 'default', 'default']);
  });

  it('still shows the commands as text, for a client that cannot use the buttons', () => {
    const texts = byTag(renderCard(dispatch()), 'plain_text').map((n) => n.content as string);
    expect(texts.some((t) => t.includes(`退回 ${N} 理由`) && t.includes(`签收 ${N}`))).toBe(true);
  });

  it('a closed order’s card has no buttons and no form', () => {
    const card = renderCard(
      dispatch({
        actions: [],
        mentions: [],
        card: { title: `已答复 ${N}`, color: 'green', fields: [], note: '已答复：李建国 11月26日 10:05' },
      }),
    );
    expect(byTag(card, 'button')).toEqual([]);
    expect(byTag(card, 'form')).toEqual([]);
    expect(byTag(card, 'plain_text').some((n) => n.content === '已答复：李建国 11月26日 10:05')).toBe(true);
  });

  it('buttons that need no words need no form', () => {
    const card = renderCard(dispatch({ actions: [ACTIONS[0]!] }));
    expect(byTag(card, 'form')).toEqual([]);
    expect(byTag(card, 'button').map(callback)).toEqual([{ cmd: `签收 ${N}` }]);
  });
});

describe('a pressed button becomes the command it shows', () => {
  const press = (value: unknown, text?: string) =>
    cardActionToInbound(
      {
        event_id: 'e1',
        operator: { open_id: HANDLER },
        action: {
          value,
          tag: 'button',
          ...(text === undefined ? {} : { form_value: { [TEXT_INPUT]: text } }),
        },
        context: { open_message_id: 'om_card', open_chat_id: 'oc_dept' },
      },
      new Date('2026-11-26T02:00:00Z'),
    );
  const buttons = byTag(renderCard(dispatch()), 'button');
  const pressedValue = (name: string) => callback(buttons.find((b) => label(b) === name)!);

  it.each([
    ['签收', undefined, `签收 ${N}`],
    ['签收', '多余的字不算', `签收 ${N}`],
    ['退回', '不属于我单位职责', `退回 ${N} 不属于我单位职责`],
    ['申请延期', '5 需协调施工队', `延期 ${N} 5 需协调施工队`],
    ['办结', '  已更换灯泡  ', `办结 ${N} 已更换灯泡`],
  ])('%s with “%s” → %s', (name, text, command) => {
    expect(press(pressedValue(name), text)).toMatchObject({ kind: 'command', message: { text: command } });
  });

  it.each([
    ['退回', '', /退回理由.*输入框/],
    ['办结', undefined, /答复内容/],
    ['申请延期', '需要协调', /延期天数/],
  ])('%s with “%s” is refused at once', (name, text, toast) => {
    const decision = press(pressedValue(name), text);
    expect(decision.kind).toBe('refuse');
    expect(decision.kind === 'refuse' && decision.toast).toMatch(toast);
  });
});

describe('renderText and renderOutbound', () => {
  it('puts mentions first and defuses an <at> someone typed', () => {
    const out = renderText({
      channel: 'feishu',
      conversation: 'feishu:oc',
      text: '补充：<at user_id="all"></at>快来',
      mentions: [HANDLER],
    });
    expect(out.text).toBe(`<at user_id="${HANDLER}"></at> 补充：＜at user_id="all">＜/at>快来`);
  });

  it('sends a card as interactive and anything else as text', () => {
    expect(renderOutbound(dispatch()).msgType).toBe('interactive');
    const text = renderOutbound({ channel: 'feishu', conversation: 'feishu:oc', text: '您好' });
    expect(text).toEqual({ msgType: 'text', content: JSON.stringify({ text: '您好' }) });
  });
});
