import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractCommand } from '../../../bots/cli/commands/extract.js';
import { loadDirectory } from '../../../bots/config/directory-loader.js';
import type { Directory } from '../../../core/directory/directory-schema.js';
import { type FakeOpenAiServer, startFakeOpenAiServer } from '../../fakes/fake-openai-server.js';
import { runCommand } from './run-command.js';

const REPO_ROOT = path.resolve(import.meta.dirname, '../../..');
const COUNTY = path.join(REPO_ROOT, 'config/county.yaml');
const KEYS = [
  'id',
  'appealType',
  'category',
  'department',
  'mode',
  'urgency',
  'flags',
  'title',
  'phone',
  'location',
  'occurredAt',
];

let directory: Directory;
beforeAll(async () => {
  directory = await loadDirectory(COUNTY);
});

async function extract(lines: readonly string[], env: Record<string, string> = {}, args: string[] = []) {
  const { code, stdout, stderr } = await runCommand(
    extractCommand,
    ['--now', '2026-03-10T10:00:00+08:00', ...args],
    {
      env: { HOTLINE_CONFIG: COUNTY, ...env },
      cwd: REPO_ROOT,
      stdinText: lines.map((line) => `${line}\n`).join(''),
    },
  );
  const output = stdout
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
  return { code, output, stderr };
}

const line = (value: unknown) => JSON.stringify(value);

describe('hotline extract', () => {
  it('answers every line in input order, errors on their own line, and keeps every key', async () => {
    const result = await extract([
      line({ id: 'a', text: '我要举报仲村镇政府一个工作人员办事吃拿卡要，不给好处就不办，电话13812345678' }),
      'this is not json',
      line({ id: 'b', text: '昨天晚上仲村镇王家庄村的路灯全都不亮了，电话0000-00000000' }),
      line({ id: 'c' }),
      line({ id: 'd', text: '   ' }),
      line(['a list', 'not an object']),
      line({ id: 7, text: '平邑街道东关社区3号楼下水道堵了，污水漫到路上，电话 139-1234-5678' }),
    ]);
    expect(result.code).toBe(0);
    expect(result.output).toHaveLength(7);
    const [conduct, notJson, light, noText, blank, list, sewer] = result.output;

    const discipline = directory.departments.find((d) => d.kind === 'discipline')!;
    expect(conduct).toMatchObject({
      id: 'a',
      appealType: '举报',
      department: discipline.id,
      mode: '专题受理',
      phone: '13812345678',
    });
    expect(conduct!.flags).toContain('涉纪');

    expect(notJson).toEqual({ error: expect.any(String) });
    expect(noText).toEqual({ id: 'c', error: expect.stringContaining('text') });
    expect(blank).toEqual({ id: 'd', error: expect.stringContaining('text') });
    expect(list).toEqual({ error: expect.any(String) });

    // The shipped 派单目录 sends street lights to 城管 (zfj) in every town.
    expect(light).toMatchObject({
      id: 'b',
      category: '城乡建设/路灯照明',
      department: 'zfj',
      phone: null,
      location: { text: expect.stringContaining('王家庄村'), town: '仲村镇', village: '王家庄村' },
      occurredAt: '2026-03-09T20:00:00+08:00',
    });

    expect(sewer).toMatchObject({ id: 7, phone: '13912345678', location: { town: '平邑街道' } });
    expect(sewer!.title).not.toContain('1391234');
    for (const answer of [conduct, light, sewer])
      expect(Object.keys(answer!).sort()).toEqual([...KEYS].sort());
    expect(result.stderr).toMatch(/LLM off/);
    expect(result.stderr).toMatch(/extracted 3 of 7/);
  });

  it('gives null for what is unknown, and a null location when no place is named', async () => {
    const { output } = await extract([line({ id: 1, text: '请问怎么办理营业执照' })]);
    expect(output[0]).toMatchObject({ id: 1, phone: null, location: null, occurredAt: null, mode: null });
  });

  it('refuses a malformed --now with exit code 2', async () => {
    const result = await extract([], {}, ['--now', 'soon']);
    expect(result.code).toBe(2);
    expect(result.output).toEqual([]);
  });

  describe('with an LLM configured', () => {
    let fake: FakeOpenAiServer;
    beforeAll(async () => {
      fake = await startFakeOpenAiServer();
    });
    afterAll(async () => {
      await fake?.close();
    });

    const llmEnv = () => ({ LLM_BASE_URL: fake.url, LLM_MODEL: 'fake-model', LLM_TIMEOUT: '2s' });

    it('asks it once for what the offline layers miss and keeps only what the text supports', async () => {
      fake.reset();
      // The model claims a phone the resident never wrote: it must not reach the output.
      fake.script({
        kind: 'answer',
        fields: {
          appealType: '投诉',
          category: '环境保护/噪声污染',
          title: '邻居犬只夜间吠叫',
          phone: '13700001111',
        },
      });
      const { output, stderr } = await extract(
        [line({ id: 'dog', text: '邻居家的狗每天晚上一直叫，吵得全家都睡不着觉' })],
        llmEnv(),
      );
      expect(fake.requests).toHaveLength(1);
      expect(stderr).toMatch(/LLM on/);
      expect(output[0]).toMatchObject({ id: 'dog', appealType: '投诉', phone: null });
    });

    it('keeps the offline result when the LLM fails', async () => {
      fake.reset();
      fake.script({ kind: 'status', status: 400 });
      const { output } = await extract(
        [line({ id: 'dog', text: '邻居家的狗每天晚上一直叫，吵得全家都睡不着觉' })],
        llmEnv(),
      );
      expect(fake.requests).toHaveLength(1);
      expect(output[0]).toMatchObject({ id: 'dog', appealType: '其他', phone: null });
    });
  });
});
