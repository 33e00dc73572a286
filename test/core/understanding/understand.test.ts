import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDirectory } from '../../../bots/config/directory-loader.js';
import type { Directory } from '../../../core/directory/directory-schema.js';
import type { ClassifierPort } from '../../../core/ports/classifier-port.js';
import type { LlmPort, LlmProposal, LlmRequest } from '../../../core/ports/llm-port.js';
import { createUnderstanding } from '../../../core/understanding/understand.js';

const COUNTY = path.resolve(import.meta.dirname, '../../../config/county.yaml');
const NOW = new Date('2026-03-10T02:00:00Z');
/** No category keyword and no appeal-type cue: the offline layers leave both open. */
const UNCLEAR = '邻居家的狗每天晚上一直叫，吵得全家都睡不着觉';

let directory: Directory;
beforeAll(async () => {
  directory = await loadDirectory(COUNTY);
});

function fakeLlm(answer: () => Promise<LlmProposal | undefined>) {
  const requests: LlmRequest[] = [];
  const llm: LlmPort = {
    propose: (request) => {
      requests.push(request);
      return answer();
    },
  };
  return { llm, requests };
}

describe('createUnderstanding: the three layers', () => {
  it.each([
    ['LLM not allowed for the turn', UNCLEAR, false],
    ['too short to be worth a call', '狗一直叫', true],
    ['the offline layers filled category and appeal type', '仲村镇王家庄村路灯坏了，一直没人修', true],
  ])('makes no LLM call when %s', async (_why, text, allowLlm) => {
    const { llm, requests } = fakeLlm(async () => ({ category: '环境保护/噪声污染' }));
    await createUnderstanding({ directory, llm }).understand(text, { now: NOW, allowLlm });
    expect(requests).toHaveLength(0);
  });

  it('asks once, only for what is missing, and takes an answer the directory allows', async () => {
    const { llm, requests } = fakeLlm(async () => ({
      category: '环境保护/噪声污染',
      appealType: '投诉',
      title: '邻居犬只夜间吠叫扰民',
    }));
    const x = await createUnderstanding({ directory, llm }).understand(UNCLEAR, { now: NOW, allowLlm: true });
    expect(requests).toHaveLength(1);
    expect(requests[0]!.missing).toEqual(expect.arrayContaining(['category', 'appealType']));
    expect(x).toMatchObject({
      category: '环境保护/噪声污染',
      appealType: '投诉',
      title: '邻居犬只夜间吠叫扰民',
    });
  });

  it('drops a category outside the directory and a title carrying a number, whatever the port', async () => {
    const { llm } = fakeLlm(async () => ({ category: '已办结', title: '联系13812345678处理' }));
    const x = await createUnderstanding({ directory, llm }).understand(UNCLEAR, { now: NOW, allowLlm: true });
    expect(x.category).toBeUndefined();
    expect(x.title).not.toMatch(/\d{7}/);
  });

  it('keeps the offline result when the LLM fails, even by throwing', async () => {
    const { llm } = fakeLlm(async () => {
      throw new Error('connection reset');
    });
    const x = await createUnderstanding({ directory, llm }).understand(UNCLEAR, { now: NOW, allowLlm: true });
    expect(x).toMatchObject({ appealType: '其他', title: UNCLEAR });
  });

  it('ignores a classifier label the directory does not have', async () => {
    const classifier: ClassifierPort = {
      labels: ['外星事务', '城乡建设'],
      classify: () => ({ category: '外星事务', confidence: 0.99 }),
    };
    const x = await createUnderstanding({ directory, classifier }).understand(UNCLEAR, {
      now: NOW,
      allowLlm: false,
    });
    expect(x.category).toBeUndefined();
  });

  it('uses a sure classifier for the first level and keywords for the second', async () => {
    const classifier: ClassifierPort = {
      labels: ['城乡建设', '环境保护'],
      classify: () => ({ category: '城乡建设', confidence: 0.9 }),
    };
    const x = await createUnderstanding({ directory, classifier }).understand('楼下的井盖丢了好几天', {
      now: NOW,
      allowLlm: false,
    });
    expect(x).toMatchObject({ category: '城乡建设/市政设施', categoryConfidence: 0.9 });
  });
});
