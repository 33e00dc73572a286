import { describe, expect, it } from 'vitest';
import { llmAllowed } from '../../../core/app/llm-allowance.js';
import type {
  ConversationState,
  DraftInProgress,
  PendingSurvey,
} from '../../../core/domain/conversation-state.js';

const AT = new Date('2026-03-10T02:00:00Z');
const draft = (asked: DraftInProgress['asked']): DraftInProgress => ({
  description: '邻居家的狗每天晚上一直叫',
  flags: [],
  attachments: [],
  startedAt: AT,
  updatedAt: AT,
  asked,
});
const survey: PendingSurvey = {
  ticket: 'PY202603100001',
  round: 1,
  askedAt: AT,
  step: 'comment',
  clarified: false,
};
const PROBLEM = '小区门口的健身器材坏了好久，晚上孩子玩很危险';

const CASES: readonly [string, ConversationState, string, boolean][] = [
  ['a new problem', {}, PROBLEM, true],
  ['more description after the bot asked for it', { draft: draft('description') }, PROBLEM, true],
  ['a long addition while the bot waits for the place', { draft: draft('location') }, PROBLEM, true],
  ['a status query', {}, '查询', false],
  ['a command with a number', {}, '撤销 PY202603100001', false],
  ['a greeting', {}, '你好', false],
  ['a confirmation', { draft: draft('confirm') }, '确认', false],
  ['a short answer to "where?"', { draft: draft('location') }, '平邑街道东关社区5号楼', false],
  ['a short answer to "your phone?"', { draft: draft('phone') }, '电话是一三八一二三四五六七八', false],
  ['a survey comment, however long', { survey }, '上门的师傅说明天还要再来看看情况，希望快点处理', false],
  [
    'a late rating after the survey closed',
    { lastSurvey: { ticket: survey.ticket, closedAt: AT } },
    '不满意',
    false,
  ],
];

describe('llmAllowed: which resident turns may use the one LLM call', () => {
  it.each(CASES)('%s', (_name, state, text, allowed) => {
    expect(llmAllowed(state, text)).toBe(allowed);
  });
});
