import { toHalfWidth } from '../text/normalize.js';

/** Commands people type in chats. Ticket numbers are upper-cased; free text keeps its spaces. */
export type Command =
  | { readonly verb: '查询'; readonly number?: string }
  | { readonly verb: '撤销'; readonly number: string }
  | { readonly verb: '补充'; readonly number: string; readonly text: string }
  | { readonly verb: '签收'; readonly number: string }
  | { readonly verb: '退回'; readonly number: string; readonly text: string }
  | { readonly verb: '办结'; readonly number: string; readonly text: string }
  | { readonly verb: '改派'; readonly number: string; readonly text: string }
  | { readonly verb: '延期'; readonly number: string; readonly days: number; readonly text: string }
  | { readonly verb: '同意延期'; readonly number: string }
  | { readonly verb: '驳回延期'; readonly number: string; readonly text: string }
  | { readonly verb: '督办'; readonly number: string; readonly text: string }
  | { readonly verb: '回访'; readonly number: string }
  | { readonly verb: '回访统计'; readonly period: string }
  | { readonly verb: '帮助' };

export type CommandVerb = Command['verb'];

/** Longest first, so 同意延期 wins over a shorter prefix. */
export const COMMAND_VERBS: readonly CommandVerb[] = [
  '驳回延期',
  '同意延期',
  '回访统计',
  '查询',
  '撤销',
  '补充',
  '签收',
  '退回',
  '办结',
  '改派',
  '延期',
  '督办',
  '回访',
  '帮助',
];

export type ParsedCommand =
  | { readonly ok: true; readonly verb: CommandVerb; readonly command: Command }
  | { readonly ok: false; readonly verb: CommandVerb; readonly problem: string };

const NUMBER = /^[A-Za-z]{1,4}\d{12,}$/;

/** Whether a message starts with a command word (used by group chats to decide whether to act). */
export function startsWithCommand(text: string): boolean {
  const head = text.trim();
  return COMMAND_VERBS.some((verb) => head.startsWith(verb));
}

/** Parses a command; `undefined` when the text does not start with a command word at all. */
export function parseCommand(raw: string): ParsedCommand | undefined {
  // Verb and number are read from the half-width form; free text is kept as written (same length).
  const original = raw.trim();
  const text = toHalfWidth(original);
  const verb = COMMAND_VERBS.find((v) => text.startsWith(v));
  if (!verb) return undefined;
  const restStart =
    verb.length + (text.slice(verb.length).length - text.slice(verb.length).trimStart().length);
  const rest = text.slice(restStart);
  const [first = '', ...others] = rest.split(/\s+/);
  const tail = original.slice(restStart + first.length).trim();
  const number = first.toUpperCase();
  const hasNumber = NUMBER.test(first);
  const need = (problem: string): ParsedCommand => ({ ok: false, verb, problem });
  switch (verb) {
    case '帮助':
      return { ok: true, verb, command: { verb } };
    case '查询':
      if (!rest) return { ok: true, verb, command: { verb } };
      return hasNumber ? { ok: true, verb, command: { verb, number } } : need('工单号格式不对');
    case '回访统计':
      return { ok: true, verb, command: { verb, period: first || 'today' } };
    case '撤销':
    case '签收':
    case '同意延期':
    case '回访':
      return hasNumber ? { ok: true, verb, command: { verb, number } } : need('请带上工单号');
    case '延期': {
      if (!hasNumber) return need('请带上工单号');
      const days = Number(others[0]);
      if (!Number.isInteger(days) || days <= 0) return need('请写明延期天数');
      const reason = tail.slice(String(others[0]).length).trim();
      if (!reason) return need('请写明延期理由');
      return { ok: true, verb, command: { verb, number, days, text: reason } };
    }
    case '督办':
      return hasNumber ? { ok: true, verb, command: { verb, number, text: tail } } : need('请带上工单号');
    case '补充':
    case '退回':
    case '办结':
    case '改派':
    case '驳回延期': {
      if (!hasNumber) return need('请带上工单号');
      if (!tail) return need(MISSING_TEXT[verb]);
      return { ok: true, verb, command: { verb, number, text: tail } };
    }
  }
}

const MISSING_TEXT = {
  补充: '请写明补充内容',
  退回: '请写明退回理由',
  办结: '请写明答复内容',
  改派: '请写明改派单位',
  驳回延期: '请写明驳回理由',
} as const;
