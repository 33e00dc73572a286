import { toHalfWidth } from '../text/normalize.js';
import { type CommandVerb, type ParsedCommand, parseCommand } from './commands.js';

/** The commands residents may use; others are for officials and staff. */
export const RESIDENT_VERBS: ReadonlySet<CommandVerb> = new Set(['查询', '撤销', '补充', '帮助']);

const ASKS_OWN_ORDERS = /^(?:一下)?(?:我的|我)?(?:工单|进度|办理情况|办理进度|结果)/;
const LOOKS_LIKE_NUMBER = /^[A-Za-z]{0,4}\d{4,}/;

/**
 * A resident's message read as a command, or undefined when it is free text that merely starts with
 * a command word (查询一下社保怎么交, 补充一点情况…, 办结了吗, 帮助我们解决…). A command word
 * followed by something like an order number stays a command, so a mistyped number gets a hint.
 */
export function residentCommand(text: string): ParsedCommand | undefined {
  const parsed = parseCommand(text);
  if (!parsed) return undefined;
  const rest = toHalfWidth(text.trim()).slice(parsed.verb.length).trim();
  if (parsed.verb === '帮助') return rest ? undefined : parsed;
  if (parsed.ok) return parsed;
  if (!rest || LOOKS_LIKE_NUMBER.test(rest)) return parsed;
  if (parsed.verb === '查询' && ASKS_OWN_ORDERS.test(rest)) {
    return { ok: true, verb: '查询', command: { verb: '查询' } };
  }
  return undefined;
}
