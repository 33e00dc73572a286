import { describe, expect, it } from 'vitest';
import { LEDGER_COLUMNS, ledgerRow, timelineSummary } from '../../../adapters/ledger/ledger-rows.js';
import {
  cell,
  closedEntry,
  closedTimeline,
  ID_NUMBER,
  LANDLINE,
  local,
  MOBILE,
  NAMES,
} from './ledger-fixture.js';

const NOW = local('2026-12-10T12:00:00');
const masked = { names: NAMES, now: NOW, reveal: false };
const revealed = { names: NAMES, now: NOW, reveal: true };

describe('a ledger row', () => {
  it('has one display string per column, in the documented order', () => {
    const row = ledgerRow(closedEntry(), masked);
    expect(row).toHaveLength(LEDGER_COLUMNS.length);
    expect(Object.fromEntries(LEDGER_COLUMNS.map((c, i) => [c.header, row[i]]))).toEqual({
      工单编号: 'PY202611260007',
      受理时间: '2026-11-26 09:02',
      渠道: '微信',
      群众姓名: '张女士',
      联系电话: '138****5678',
      诉求类型: '投诉',
      问题分类: '城乡建设/路灯照明',
      标题: '东关社区路灯不亮',
      诉求内容: '东关社区3号楼前路灯不亮，联系电话138****5678，身份证[身份证号已隐藏]',
      地点: '平邑街道东关社区3号楼',
      '乡镇/街道': '平邑街道',
      紧急程度: '一般',
      标记: '重复',
      办理方式: '速办',
      主办单位: '县住房和城乡建设局',
      协办单位: '县综合行政执法局',
      状态: '已办结',
      签收时限: '2026-11-27 00:00',
      签收时间: '2026-11-26 10:15',
      按时签收: '是',
      办结时限: '2026-12-04 00:00',
      答复时间: '2026-11-27 16:00',
      按时办结: '是',
      退回次数: '0',
      重办次数: '0',
      督办: '否',
      回访结果: '满意',
      解决: '是',
      群众评价: '修得快，我的电话138****5678',
      答复内容: '已修复，如再有问题请拨打0539***1234',
      办理过程:
        '11-26 09:02 受理 → 11-26 09:02 派单 → 11-26 10:15 签收 王海燕 → 11-27 16:00 办结答复 王海燕 → 11-28 10:00 回访 满意 → 11-28 10:00 办结归档',
    });
  });

  it('masks phones by default and never shows an ID number', () => {
    const text = ledgerRow(closedEntry(), masked).join('\n');
    expect(text).not.toContain(MOBILE);
    expect(text).not.toContain('4211234');
    expect(text).not.toContain(ID_NUMBER);
  });

  it('--reveal shows phones in full, still without ID numbers', () => {
    const row = ledgerRow(closedEntry(), revealed);
    expect(cell(row, '联系电话')).toBe(MOBILE);
    expect(cell(row, '诉求内容')).toBe(`东关社区3号楼前路灯不亮，联系电话${MOBILE}，身份证[身份证号已隐藏]`);
    expect(cell(row, '答复内容')).toContain(LANDLINE);
    expect(row.join('\n')).not.toContain(ID_NUMBER);
  });

  it('--reveal still hides bank cards', () => {
    const row = ledgerRow(closedEntry({ description: '退款打到6222021234567890128' }), revealed);
    expect(cell(row, '诉求内容')).toBe('退款打到[银行卡尾号0128]');
  });

  it.each([
    ['masked', masked],
    ['revealed', revealed],
  ])('a confidential order never shows the resident (%s)', (_mode, options) => {
    const row = ledgerRow(closedEntry({ confidential: true, appealType: '举报' }), options);
    expect(cell(row, '群众姓名')).toBe('（保密）');
    expect(cell(row, '联系电话')).toBe('（保密）');
    const text = row.join('\n');
    expect(text).not.toContain('张女士');
    expect(text).not.toContain(MOBILE);
    expect(text).not.toContain(ID_NUMBER);
  });

  it('leaves absent values blank and judges unfinished orders at `now`', () => {
    const entry = closedEntry({
      status: 'dispatched',
      residentName: undefined,
      phone: undefined,
      acceptedAt: undefined,
      repliedAt: undefined,
      closedAt: undefined,
      reply: undefined,
      survey: undefined,
      mode: undefined,
      flags: [],
      coDepartments: [],
    });
    const late = ledgerRow(entry, masked);
    expect([
      cell(late, '群众姓名'),
      cell(late, '联系电话'),
      cell(late, '签收时间'),
      cell(late, '回访结果'),
    ]).toEqual(['', '', '', '']);
    expect([cell(late, '状态'), cell(late, '按时签收'), cell(late, '按时办结')]).toEqual([
      '已派单',
      '否',
      '否',
    ]);
    const early = ledgerRow(entry, { ...masked, now: local('2026-11-26T12:00:00') });
    expect([cell(early, '按时签收'), cell(early, '按时办结')]).toEqual(['—', '—']);
  });

  it('timeline: reminders left out, re-dispatch names the new department, people by directory name', () => {
    const events = [
      ...closedTimeline().slice(0, 2),
      { type: 'returned' as const, actor: 'zjj-wang', at: local('2026-11-26T11:00:00'), note: '不归我们管' },
      {
        type: 'redispatched' as const,
        actor: 'staff-zhou',
        at: local('2026-11-26T11:30:00'),
        data: { from: 'zjj', to: 'zfj' },
      },
      { type: 'reminded' as const, actor: 'system', at: local('2026-11-26T20:00:00') },
      { type: 'accepted' as const, actor: 'zfj-unknown', at: local('2026-11-27T08:30:00') },
    ];
    expect(timelineSummary(events, NAMES)).toBe(
      '11-26 09:02 受理 → 11-26 09:02 派单 → 11-26 11:00 退回 王海燕 → 11-26 11:30 改派 周晓丽 县综合行政执法局 → 11-27 08:30 签收 zfj-unknown',
    );
  });
});
