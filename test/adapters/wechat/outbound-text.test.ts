import { beforeAll, describe, expect, it } from 'vitest';
import { renderWechatText } from '../../../adapters/wechat/outbound-text.js';
import { type DirectoryIndex, indexDirectory } from '../../../core/directory/directory-index.js';
import type { Ticket } from '../../../core/domain/ticket.js';
import { dispatchMessage } from '../../../core/domain/ticket-render.js';
import type { OutboundMessage } from '../../../core/messages.js';
import { testDirectory } from '../../support/test-hotline.js';
import { ticketFixture } from '../../support/ticket.js';

const TICKET: Ticket = ticketFixture(new Date('2025-03-03T02:15:00Z'), {
  number: 'PY202503030001',
  channel: 'wechat',
  conversation: 'wechat:dm:wxid_resident_a',
  residentRef: 'wxid_resident_a',
  phone: '13812345678',
  appealType: '求助',
  category: '城乡建设/市政设施',
  title: '阳光小区北门路灯不亮',
  description: '阳光小区北门的路灯坏了一周，晚上很黑，联系电话13812345678',
  location: { text: '城东街道阳光小区北门' },
  acceptBy: new Date('2025-03-03T08:00:00Z'),
  dueAt: new Date('2025-03-10T09:00:00Z'),
});

const toOutbound = (content: ReturnType<typeof dispatchMessage>): OutboundMessage => ({
  channel: 'wechat',
  conversation: 'wechat:room:18283849581@chatroom',
  ...content,
});

describe('WeChat text for cards and buttons', () => {
  let directory: DirectoryIndex;
  beforeAll(async () => {
    directory = indexDirectory(await testDirectory());
  });

  it('sends a dispatch as the core wrote it: number, title, place, deadline and the commands, once each', () => {
    const message = toOutbound(dispatchMessage(TICKET, directory, '新工单'));
    const text = renderWechatText(message);
    expect(text).toBe(message.text);
    for (const needed of [
      'PY202503030001',
      '阳光小区北门路灯不亮',
      '城东街道阳光小区北门',
      '办结时限',
      '签收 PY202503030001',
    ]) {
      expect(text).toContain(needed);
    }
    expect(text.split('签收 PY202503030001')).toHaveLength(2);
    expect(text).toContain('138****5678');
    expect(text).not.toContain('13812345678');
  });

  it('writes out a card and its commands when the text does not carry them', () => {
    const full = dispatchMessage(TICKET, directory, '新工单');
    const text = renderWechatText({ ...toOutbound(full), text: '请及时处理。' });
    const lines = text.split('\n');
    expect(lines[0]).toBe('【新工单 PY202503030001】');
    expect(lines).toContain('标题：阳光小区北门路灯不亮');
    expect(lines).toContain('请及时处理。');
    expect(lines).toContain('操作（复制后发送）：');
    expect(lines.slice(-4)).toEqual(full.actions!.map((a) => a.command));
  });

  it('adds only the commands the text lacks', () => {
    const text = renderWechatText({
      channel: 'wechat',
      conversation: 'wechat:room:x@chatroom',
      text: '延期申请待审批。\n操作（复制后发送）：\n同意延期 PY202503030001',
      actions: [
        { label: '同意', command: '同意延期 PY202503030001' },
        { label: '驳回', command: '驳回延期 PY202503030001 理由', needsText: true },
      ],
    });
    expect(text.split('\n')).toEqual([
      '延期申请待审批。',
      '操作（复制后发送）：',
      '同意延期 PY202503030001',
      '驳回延期 PY202503030001 理由',
    ]);
  });

  it('leaves plain text alone', () => {
    expect(renderWechatText({ channel: 'wechat', conversation: 'wechat:dm:a', text: '已收到，谢谢。' })).toBe(
      '已收到，谢谢。',
    );
  });
});
