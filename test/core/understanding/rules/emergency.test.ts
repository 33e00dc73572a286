import { describe, expect, it } from 'vitest';
import { LexiconSchema } from '../../../../core/understanding/lexicon.js';
import { detectEmergency, type Emergency } from '../../../../core/understanding/rules/emergency.js';

const lexicon = LexiconSchema.parse({});

describe('detectEmergency', () => {
  const cases: [string, Emergency][] = [
    ['快来人，楼下着火了！', { kind: '火灾', call: '119' }],
    ['仓库冒烟起火了', { kind: '火灾', call: '119' }],
    ['闻到很大的煤气味', { kind: '燃气泄漏', call: '119' }],
    ['燃气管道漏气了', { kind: '燃气泄漏', call: '119' }],
    ['有人被困在电梯里', { kind: '人员被困', call: '119' }],
    ['路边有个老人晕倒了', { kind: '医疗急救', call: '120' }],
    ['我爸心脏病犯了', { kind: '医疗急救', call: '120' }],
    ['有人触电了', { kind: '医疗急救', call: '120' }],
    ['门口有人持刀闹事', { kind: '治安警情', call: '110' }],
    ['他们正在打人', { kind: '治安警情', call: '110' }],
    ['有人威胁我，我的人身安全受到威胁', { kind: '治安警情', call: '110' }],
    ['昨天开始有煤气味，现在还有煤气味', { kind: '燃气泄漏', call: '119' }],
  ];
  it.each(cases)('%s', (text, emergency) => {
    expect(detectEmergency(text, lexicon)).toEqual(emergency);
  });

  // Hazards, hypotheses, negations and past events are ordinary reports.
  const notEmergencies = [
    '消防通道被占，车停得满满的',
    '楼道堆放杂物，存在火灾隐患',
    '上次着火后一直没修',
    '去年着过火，到现在墙还是黑的',
    '万一着火了消防车都进不来',
    '电线私拉乱接，很容易触电',
    '小区电梯经常有人被困',
    '没有人受伤，但是车被刮了',
    '怕燃气泄漏，想问问怎么检查',
    '路灯坏了三天了',
    '',
  ];
  it.each(notEmergencies)('no emergency in %s', (text) => {
    expect(detectEmergency(text, lexicon)).toBeUndefined();
  });

  it('names the emergency written first', () => {
    expect(detectEmergency('有人晕倒了，屋里着火了', lexicon)).toEqual({ kind: '医疗急救', call: '120' });
  });
});
