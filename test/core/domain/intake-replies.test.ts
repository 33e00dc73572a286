import { describe, expect, it } from 'vitest';
import { createTemplates, DEFAULT_TEMPLATES, fill, type TemplateKey } from '../../../core/text/templates.js';

/** Realistic values for every placeholder, at their longest. */
const VALUES = {
  hotline: '平邑12345热线',
  number: 'PY202611260001',
  department: '县住房和城乡建设局',
  due: '12月3日24:00前',
  reply: '已更换灯泡，路灯恢复照明。',
  summary: '问题：城东街道阳光小区3号楼前的路灯坏了一个星期了',
  what: '2 张图片、1 个位置',
  limit: 5,
  problem: '请带上工单号',
  verb: '撤销',
  example: 'PY202611260001',
  call: '119',
  kind: '火灾',
  conversation: 'web:r-123',
  commands: '查询、补充、撤销',
};

/** Replies whose length is the data they carry, not the dialogue: the read-back and the survey's reply. */
const LONG_BY_NATURE = new Set<TemplateKey>(['readBack', 'replied', 'surveyAsk']);

describe('reply templates', () => {
  const short = (Object.keys(DEFAULT_TEMPLATES) as TemplateKey[]).filter((key) => !LONG_BY_NATURE.has(key));
  it.each(short)('%s is short once filled', (key) => {
    const text = fill(DEFAULT_TEMPLATES[key], VALUES);
    expect(text.length, text).toBeLessThanOrEqual(200);
    expect(text, 'a placeholder left unfilled').not.toMatch(/\{\w+\}/);
  });

  it('a directory overrides any sentence by key and ignores unknown keys', () => {
    const templates = createTemplates({ thanks: '不用谢！', nonsense: 'x' });
    expect(templates.thanks).toBe('不用谢！');
    expect(templates.welcome).toBe(DEFAULT_TEMPLATES.welcome);
    expect('nonsense' in templates).toBe(false);
  });
});
