import { describe, expect, it } from 'vitest';
import type { ConversationState } from '../../../core/domain/conversation-state.js';
import { intakeTurn } from '../../../core/domain/intake.js';
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
