import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import type { z } from 'zod';
import { DirectoryError, loadDirectory, parseDirectory } from '../../../bots/config/directory-loader.js';
import { DEFAULT_DEADLINE_RULES } from '../../../core/deadline/deadline-policy.js';
import { indexDirectory } from '../../../core/directory/directory-index.js';
import type { DirectorySchema } from '../../../core/directory/directory-schema.js';
import { type RoutingInput, routeOrder } from '../../../core/directory/routing.js';

const repoRoot = path.resolve(import.meta.dirname, '../../..');
const shippedPath = path.join(repoRoot, 'config/county.yaml');
const gazetteerPath = path.resolve(repoRoot, '../shared/data/gazetteer/linyi-towns.json');

type RawDirectory = z.input<typeof DirectorySchema>;

function baseDirectory(): RawDirectory {
  return {
    county: { name: '示例县', orderPrefix: 'SL' },
    towns: [{ name: '东镇' }, { name: '西镇', aliases: ['西'] }],
    departments: [
      { id: 'zjj', name: '县住建局' },
      { id: 'dz', name: '东镇人民政府', kind: 'town', town: '东镇' },
      { id: 'jw', name: '县纪委监委', kind: 'discipline', officials: [{ id: 'jw-li', name: '李正' }] },
    ],
    staff: { id: 'staff', name: '热线办', members: [{ id: 'staff-wang', name: '王芳' }] },
    supervisors: { id: 'supervisors', name: '督查室' },
    categories: [{ name: '城乡建设', children: [{ name: '路灯照明', keywords: ['路灯'] }] }],
    routing: [{ category: '城乡建设', department: 'zjj' }],
    fallbackDepartment: 'zjj',
    deadlines: { rules: [{ accept: '1wd', finish: '5wd' }] },
  };
}

function errorOf(run: () => unknown): DirectoryError {
  try {
    run();
  } catch (error) {
    if (error instanceof DirectoryError) return error;
    throw error;
  }
  throw new Error('expected a DirectoryError');
}

async function rejectionOf(promise: Promise<unknown>): Promise<DirectoryError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (error instanceof DirectoryError) return error;
  throw new Error(`expected a DirectoryError, got ${String(error)}`);
}

describe('the shipped county directory', () => {
  // Parsed once: every test below reads the same file.
  const shipped = loadDirectory(shippedPath);
  shipped.catch(() => undefined);

  it('loads without errors', async () => {
    const directory = await shipped;
    expect(directory.county).toMatchObject({ name: '平邑县', orderPrefix: 'PY' });
    expect(directory.departments.filter((d) => d.kind === 'discipline').map((d) => d.name)).toEqual([
      '县纪委监委',
    ]);
    expect(directory.deadlines.rules).toEqual(DEFAULT_DEADLINE_RULES);
  });

  it('knows every first-level label of the trained classifier', async () => {
    const directory = await shipped;
    const names = directory.categories.map((c) => c.name);
    for (const label of [
      '城乡建设',
      '劳动和社会保障',
      '教育文体',
      '商贸旅游',
      '环境保护',
      '卫生计生',
      '交通运输',
    ]) {
      expect(names).toContain(label);
    }
  });

  it.skipIf(!existsSync(gazetteerPath))(
    'lists exactly the towns of the gazetteer, with their codes',
    async () => {
      const gazetteer = JSON.parse(readFileSync(gazetteerPath, 'utf8')) as {
        counties: Record<string, { code: string; name: string }[]>;
      };
      const directory = await shipped;
      expect(directory.towns.map((t) => ({ code: t.code, name: t.name }))).toEqual(gazetteer.counties.平邑县);
    },
  );

  const routes: { input: Omit<RoutingInput, 'text'> & { text?: string }; department: string }[] = [
    { input: { category: '城乡建设/路灯照明', text: '路口路灯不亮' }, department: 'zfj' },
    { input: { category: '城乡建设', text: '小区停水两天了' }, department: 'zlsgs' },
    { input: { category: '公共服务/供电', text: '又停电了' }, department: 'gdgs' },
    { input: { category: '城乡建设/物业管理', text: '物业不管事' }, department: 'zjj' },
    { input: { category: '城乡建设/市容环卫', town: '仲村镇', text: '垃圾没人清' }, department: 'zcz' },
    { input: { category: '城乡建设/市容环卫', town: '平邑街道', text: '垃圾没人清' }, department: 'zfj' },
    { input: { category: '劳动和社会保障', text: '住院医保报销太慢' }, department: 'ybj' },
    { input: { category: '劳动和社会保障/工资拖欠', text: '老板拖欠工资' }, department: 'rsj' },
    { input: { category: '商贸旅游', text: '景区门票乱涨价' }, department: 'wlj' },
    { input: { category: '商贸旅游', text: '商场促销' }, department: 'swj' },
    { input: { category: '交通运输', text: '门口天天违章停车' }, department: 'gaj' },
    { input: { category: '农业农村/村务管理', town: '卞桥镇', text: '村务不公开' }, department: 'bqz' },
    { input: { town: '武台镇', text: '有个事想反映' }, department: 'wtz' },
    { input: { town: '温水镇', text: '有个事想反映' }, department: 'pyjd' },
    { input: { category: '城乡建设/路灯照明', text: '村干部吃拿卡要', flags: ['涉纪'] }, department: 'jwjw' },
  ];
  it.each(routes)('routes $input.category in $input.town to $department', async ({ input, department }) => {
    const index = indexDirectory(await shipped);
    expect(routeOrder(index, { text: '', ...input }).department).toBe(department);
  });
});

describe('parseDirectory cross-checks', () => {
  const cases: { name: string; change: (d: RawDirectory) => void; expected: string }[] = [
    {
      name: 'a duplicate department id',
      change: (d) => d.departments.push({ id: 'zjj', name: '另一个' }),
      expected: 'departments[3].id: duplicate group id "zjj" (also at departments[0].id)',
    },
    {
      name: 'a department id equal to a group id',
      change: (d) => d.departments.push({ id: 'staff', name: '职工科' }),
      expected: 'staff.id: duplicate group id "staff" (also at departments[3].id)',
    },
    {
      name: 'one person id in two groups',
      change: (d) => {
        d.departments[0]!.officials = [{ id: 'staff-wang', name: '王芳' }];
      },
      expected:
        'staff.members[0].id: duplicate person id "staff-wang" (also at departments[0].officials[0].id)',
    },
    {
      name: 'a route to an unknown department',
      change: (d) => d.routing.push({ category: '*', department: 'nobody' }),
      expected: 'routing[1].department: unknown department "nobody"',
    },
    {
      name: 'an unknown co-department',
      change: (d) => {
        d.routing[0]!.coDepartments = ['dz', 'gone'];
      },
      expected: 'routing[0].coDepartments[1]: unknown department "gone"',
    },
    {
      name: 'an unknown fallback department',
      change: (d) => {
        d.fallbackDepartment = 'gone';
      },
      expected: 'fallbackDepartment: unknown department "gone"',
    },
    {
      name: 'a route category missing from the tree',
      change: (d) => d.routing.push({ category: '环境保护', department: 'zjj' }),
      expected: 'routing[1].category: unknown category "环境保护"',
    },
    {
      name: 'a route second level missing from the tree',
      change: (d) => d.routing.push({ category: '城乡建设/物业管理', department: 'zjj' }),
      expected: 'routing[1].category: unknown category "城乡建设/物业管理"',
    },
    {
      name: 'a route town missing from towns',
      change: (d) => d.routing.push({ category: '*', town: '北镇', department: 'dz' }),
      expected: 'routing[1].town: unknown town "北镇"',
    },
    {
      name: 'a route town given by its alias',
      change: (d) => d.routing.push({ category: '*', town: '西', department: 'dz' }),
      expected: 'routing[1].town: "西" is an alias: use the town\'s name "西镇"',
    },
    {
      name: 'a town government of an unknown town',
      change: (d) => {
        d.departments[1]!.town = '南镇';
      },
      expected: 'departments[1].town: unknown town "南镇"',
    },
    {
      name: 'a town government without a town',
      change: (d) => {
        delete d.departments[1]!.town;
      },
      expected: 'departments[1]: a town government must name its `town`',
    },
    {
      name: 'no discipline inspection unit',
      change: (d) => {
        d.departments[2]!.kind = 'other';
      },
      expected: 'departments: no department of kind discipline',
    },
    {
      name: 'two discipline inspection units',
      change: (d) => d.departments.push({ id: 'jw2', name: '纪检组', kind: 'discipline' }),
      expected: 'departments[3].kind: only one department may be of kind discipline (also departments[2])',
    },
    {
      name: 'two groups on one web chat',
      change: (d) => {
        d.departments[0]!.chat = { web: 'shared' };
        d.departments[1]!.chat = { web: 'shared' };
      },
      expected: 'departments[1].chat.web: duplicate web chat "shared" (also at departments[0].chat.web)',
    },
    {
      name: 'a web chat equal to another group’s default',
      change: (d) => {
        d.departments[0]!.chat = { web: 'dz' };
      },
      expected: 'departments[1].id: duplicate web chat "dz" (also at departments[0].chat.web)',
    },
    {
      name: 'one Feishu chat bound to two groups',
      change: (d) => {
        d.departments[0]!.chat = { feishu: 'oc_1' };
        d.staff.chat = { feishu: 'oc_1' };
      },
      expected: 'staff.chat.feishu: Feishu chat "oc_1" is bound twice (also at departments[0].chat.feishu)',
    },
    {
      name: 'an FAQ entry with an unknown category',
      change: (d) => {
        d.faq = [{ id: 'q', match: [['路灯']], answer: '请拨打12345。', category: '城乡建设/照明' }];
      },
      expected: 'faq[0].category: unknown category "城乡建设/照明"',
    },
  ];

  it('accepts the base directory used below', () => {
    expect(parseDirectory(stringify(baseDirectory()), 'test.yaml').departments).toHaveLength(3);
  });

  it.each(cases)('rejects $name', ({ change, expected }) => {
    const raw = baseDirectory();
    change(raw);
    const error = errorOf(() => parseDirectory(stringify(raw), 'test.yaml'));
    expect(error.code).toBe('DIRECTORY_INVALID');
    expect(error.message.split('\n')).toContainEqual(expect.stringMatching(/^test\.yaml:\d+ /));
    expect(error.message).toContain(` ${expected}`);
  });
});

describe('parseDirectory schema errors', () => {
  const cases: { name: string; change: (d: RawDirectory) => void; expected: string }[] = [
    {
      name: 'a number where a chat id belongs',
      change: (d) => {
        d.departments[0]!.chat = { feishu: 42 as unknown as string };
      },
      expected: 'departments[0].chat.feishu: expected string, received number',
    },
    {
      name: 'a missing order prefix',
      change: (d) => {
        delete (d.county as { orderPrefix?: string }).orderPrefix;
      },
      expected: 'county.orderPrefix: missing (expected string)',
    },
    {
      name: 'an unreadable duration',
      change: (d) => {
        d.survey = { delay: '两小时' };
      },
      expected: 'survey.delay: not a duration: "两小时"',
    },
    {
      name: 'an unknown department kind',
      change: (d) => {
        d.departments[0]!.kind = 'ministry' as 'bureau';
      },
      expected: 'departments[0].kind: expected one of',
    },
  ];

  it.each(cases)('reports $name', ({ change, expected }) => {
    const raw = baseDirectory();
    change(raw);
    const error = errorOf(() => parseDirectory(stringify(raw), 'test.yaml'));
    expect(error.code).toBe('DIRECTORY_INVALID');
    expect(error.message).toContain(expected);
  });

  it('gives the line of the offending key, one line per problem', () => {
    const text = readFileSync(shippedPath, 'utf8')
      .replace(/^fallbackDepartment: .*$/m, 'fallbackDepartment: nowhere')
      .replace(/^ {2}orderPrefix: PY/m, '  orderPrefix: py');
    const lines = text.split('\n');
    const lineOf = (start: string) => lines.findIndex((l) => l.startsWith(start)) + 1;
    const error = errorOf(() => parseDirectory(text, 'config/county.yaml'));
    // Schema errors come first; the cross-checks only run on a directory that fits the schema.
    expect(error.message).toBe(
      `config/county.yaml:${lineOf('  orderPrefix:')} county.orderPrefix: 1–4 capital letters`,
    );
    const fixed = text.replace('orderPrefix: py', 'orderPrefix: PY');
    expect(errorOf(() => parseDirectory(fixed, 'config/county.yaml')).message).toBe(
      `config/county.yaml:${lineOf('fallbackDepartment:')} fallbackDepartment: unknown department "nowhere"`,
    );
  });

  it('lists every problem on its own line', () => {
    const raw = baseDirectory();
    raw.routing.push({ category: '水电', department: 'x' });
    const error = errorOf(() => parseDirectory(stringify(raw), 'test.yaml'));
    expect(error.message.split('\n')).toEqual([
      expect.stringMatching(/^test\.yaml:\d+ routing\[1\]\.category: unknown category "水电"$/),
      expect.stringMatching(/^test\.yaml:\d+ routing\[1\]\.department: unknown department "x"$/),
    ]);
    expect(error.issues).toHaveLength(2);
  });

  it('rejects an empty file', () => {
    expect(errorOf(() => parseDirectory('# nothing yet\n', 'empty.yaml')).message).toBe(
      'empty.yaml: the file is empty',
    );
  });
});

describe('YAML syntax and missing files', () => {
  it('names the file and line of a syntax error', () => {
    const text = ['county:', '  name: 示例县', '  orderPrefix: [SL', 'towns: []', ''].join('\n');
    const error = errorOf(() => parseDirectory(text, 'config/bad.yaml'));
    expect(error.code).toBe('DIRECTORY_YAML');
    expect(error.message).toMatch(/^config\/bad\.yaml:4: /);
    expect(error.message).not.toContain('\n');
  });

  it('reports a duplicated key as a YAML error', () => {
    const error = errorOf(() => parseDirectory('county:\n  name: 甲\n  name: 乙\n', 'dup.yaml'));
    expect(error.code).toBe('DIRECTORY_YAML');
    expect(error.message).toBe('dup.yaml:3: Map keys must be unique');
  });

  it('reports a missing file as DIRECTORY_NOT_FOUND, named as seen from the working directory', async () => {
    const missing = path.join(process.cwd(), 'config/no-such-county.yaml');
    const error = await rejectionOf(loadDirectory(missing));
    expect(error.code).toBe('DIRECTORY_NOT_FOUND');
    expect(error.message).toBe('config/no-such-county.yaml: file not found');
  });

  it('names a file outside the working directory by its full path', async () => {
    const missing = path.join(tmpdir(), 'no-such-dir', 'county.yaml');
    expect((await rejectionOf(loadDirectory(missing))).message).toBe(`${missing}: file not found`);
  });

  it('loads a file written elsewhere', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'directory-'));
    try {
      const file = path.join(dir, 'county.yaml');
      await writeFile(file, stringify(baseDirectory()));
      expect((await loadDirectory(file)).county.name).toBe('示例县');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
