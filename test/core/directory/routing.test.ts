import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDirectory } from '../../../bots/config/directory-loader.js';
import { type DirectoryIndex, indexDirectory } from '../../../core/directory/directory-index.js';
import { type RoutingInput, routeOrder } from '../../../core/directory/routing.js';
import type { Flag } from '../../../core/domain/vocabulary.js';
import { createUnderstanding } from '../../../core/understanding/understand.js';

const COUNTY = path.resolve(import.meta.dirname, '../../../config/county.yaml');

let index: DirectoryIndex;
beforeAll(async () => {
  index = indexDirectory(await loadDirectory(COUNTY));
});

interface Case {
  readonly category?: string;
  readonly town?: string;
  readonly text?: string;
  readonly flags?: readonly Flag[];
  readonly department: string;
  readonly co?: readonly string[];
}

/** The 派单目录 shipped in config/county.yaml, read top to bottom, first match wins. */
const CASES: readonly [string, Case][] = [
  [
    'conduct complaints go to 纪委监委',
    { category: '纪检监察/作风问题', town: '仲村镇', department: 'jwjw' },
  ],
  [
    '涉纪 wins over any category, with no co-department',
    { category: '城乡建设/路灯照明', town: '武台镇', flags: ['涉纪'], department: 'jwjw', co: [] },
  ],
  ['water supply → 自来水公司', { category: '公共服务/供水', town: '平邑街道', department: 'zlsgs' }],
  ['heating → 热力公司 with 住建局', { category: '公共服务/供暖', department: 'rlgs', co: ['zjj'] }],
  [
    'a water cut filed under 城乡建设 still goes to the utility',
    { category: '城乡建设', text: '小区停水两天了', department: 'zlsgs' },
  ],
  [
    'street lights → 城管 in every town',
    { category: '城乡建设/路灯照明', town: '仲村镇', department: 'zfj' },
  ],
  [
    'sanitation in 仲村镇 → its town government',
    { category: '城乡建设/市容环卫', town: '仲村镇', department: 'zcz' },
  ],
  [
    'sanitation in 武台镇 → its town government',
    { category: '城乡建设/市容环卫', town: '武台镇', department: 'wtz' },
  ],
  [
    'sanitation in the county seat → 城管',
    { category: '城乡建设/市容环卫', town: '平邑街道', department: 'zfj' },
  ],
  [
    'sanitation in a town without its own line → 城管',
    { category: '城乡建设/市容环卫', town: '柏林镇', department: 'zfj' },
  ],
  [
    'illegal building → 城管 with 自然资源局',
    { category: '城乡建设/违章建筑', department: 'zfj', co: ['zrj'] },
  ],
  ['other 城乡建设 → 住建局', { category: '城乡建设/房产管理', town: '保太镇', department: 'zjj' }],
  ['unpaid wages → 人社局', { category: '劳动和社会保障/工资拖欠', department: 'rsj' }],
  [
    'medical insurance named in the text → 医保局',
    { category: '劳动和社会保障', text: '医保报销比例不对', department: 'ybj' },
  ],
  ['square-dance noise → 城管', { category: '环境保护/噪声污染', text: '广场舞音响太吵', department: 'zfj' }],
  [
    'factory noise → 生态环境分局',
    { category: '环境保护/噪声污染', text: '工厂机器噪音', department: 'sthj' },
  ],
  [
    'illegal parking under 交通运输 → 公安局',
    { category: '交通运输', text: '门口天天乱停车', department: 'gaj' },
  ],
  ['road building → 交通局', { category: '交通运输/道路建设', department: 'jtj' }],
  [
    'pyramid selling → 市场监管局 with 公安局',
    { category: '商贸旅游/传销防范', department: 'scj', co: ['gaj'] },
  ],
  ['a library → 文旅局', { category: '教育文体', text: '图书馆周末不开门', department: 'wlj' }],
  [
    'village affairs in 卞桥镇 → its town government',
    { category: '农业农村/村务管理', town: '卞桥镇', department: 'bqz' },
  ],
  [
    'village affairs where no town line exists → 农业农村局',
    { category: '农业农村/村务管理', town: '柏林镇', department: 'nyj' },
  ],
  ['a reservoir under 农业农村 → 水利局', { category: '农业农村', text: '水库大坝漏水', department: 'slj' }],
  ['no category, known town → the town government', { town: '保太镇', department: 'btz' }],
  ['no category, a town without a government line → fallback', { town: '柏林镇', department: 'pyjd' }],
  ['nothing known → fallback', { department: 'pyjd' }],
];

describe('routeOrder on the shipped 派单目录', () => {
  it.each(CASES)('%s', (_name, c) => {
    const input: RoutingInput = {
      text: c.text ?? '',
      ...(c.category ? { category: c.category } : {}),
      ...(c.town ? { town: c.town } : {}),
      ...(c.flags ? { flags: c.flags } : {}),
    };
    const route = routeOrder(index, input);
    expect(route.department).toBe(c.department);
    if (c.co) expect(route.coDepartments).toEqual(c.co);
    expect(index.directory.departments.map((d) => d.id)).toContain(route.department);
  });

  it('names the line that matched, and none when the fallback was used', () => {
    expect(routeOrder(index, { text: '', category: '公安/治安管理' }).route?.category).toBe('公安');
    expect(routeOrder(index, { text: '' }).route).toBeUndefined();
  });
});

/** From the resident's words: rules find the category (second level by keyword) and the town. */
const FROM_TEXT: readonly [string, string][] = [
  ['仲村镇王家庄村的路灯不亮好几天了', 'zfj'],
  ['武台镇武台村路边垃圾堆了好多天没人清扫', 'wtz'],
  ['平邑街道东关社区停水两天了', 'zlsgs'],
  ['举报保太镇一个干部办事吃拿卡要', 'jwjw'],
  ['卞桥镇卞桥村村务公开好几年没有更新了', 'bqz'],
  ['郑城镇一家养殖场粪便直接排进河里', 'sthj'],
];

describe('routing what residents write (rules only, no classifier)', () => {
  it.each(FROM_TEXT)('%s → %s', async (text, department) => {
    const understanding = createUnderstanding({ directory: index.directory });
    const x = await understanding.understand(text, {
      now: new Date('2026-03-10T02:00:00Z'),
      allowLlm: false,
    });
    const route = routeOrder(index, {
      text,
      ...(x.flags ? { flags: x.flags } : {}),
      ...(x.category ? { category: x.category } : {}),
      ...(x.location?.town ? { town: x.location.town } : {}),
    });
    expect(route.department).toBe(department);
  });
});
