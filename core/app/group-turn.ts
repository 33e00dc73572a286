import type { GroupRef } from '../directory/directory-index.js';
import type { Person } from '../directory/directory-schema.js';
import type { Actor } from '../domain/actor.js';
import { type Command, parseCommand } from '../domain/commands.js';
import { type Effect, send, type Target } from '../domain/effects.js';
import { isOpen } from '../domain/ticket.js';
import type { InboundMessage } from '../messages.js';
import type { StoreTx } from '../ports/store-port.js';
import type { AppDeps } from './app-deps.js';
import { parsePeriod, surveyStatsText } from './survey-stats.js';
import { listTickets, runTicketCommand } from './ticket-commands.js';

const OFFICIAL_HELP =
  '可用指令：签收 工单号｜退回 工单号 理由｜办结 工单号 答复内容｜延期 工单号 天数 理由｜查询 [工单号]';
const STAFF_HELP =
  '可用指令：改派 工单号 单位｜查询 [工单号]｜督办 工单号 [说明]｜同意延期 工单号｜驳回延期 工单号 理由';

function actorFor(group: GroupRef, person: Person): Actor {
  switch (group.kind) {
    case 'department':
      return { kind: 'official', person: person.id, name: person.name, department: group.id };
    case 'staff':
      return { kind: 'staff', person: person.id, name: person.name };
    case 'supervisors':
      return { kind: 'supervisor', person: person.id, name: person.name };
  }
}

const VERBS_BY_GROUP: Record<GroupRef['kind'], ReadonlySet<Command['verb']>> = {
  department: new Set(['签收', '退回', '办结', '延期', '查询', '帮助']),
  staff: new Set(['改派', '查询', '督办', '同意延期', '驳回延期', '回访', '回访统计', '帮助']),
  supervisors: new Set(['查询', '督办', '帮助']),
};

/** A message in a department, staff or supervisors group chat. */
export async function groupTurn(
  tx: StoreTx,
  group: GroupRef,
  message: InboundMessage,
  deps: AppDeps,
  now: Date,
): Promise<Effect[]> {
  const target: Target = {
    kind: 'conversation',
    channel: message.channel,
    conversation: message.conversation,
  };
  const say = (text: string) => [send(target, { text })];
  const parsed = parseCommand(message.text);
  if (!parsed) return message.mentionsBot ? say(group.kind === 'staff' ? STAFF_HELP : OFFICIAL_HELP) : [];
  const person = deps.channels.get(message.channel)?.identify(group, message.sender);
  if (!person) {
    deps.logger.info({ group: group.id, channel: message.channel }, 'command from a non-member refused');
    return say(deps.templates.notMember);
  }
  if (!VERBS_BY_GROUP[group.kind].has(parsed.verb)) {
    return say(`本群不能使用“${parsed.verb}”。${group.kind === 'staff' ? STAFF_HELP : OFFICIAL_HELP}`);
  }
  if (!parsed.ok) return say(`${parsed.problem}。${group.kind === 'staff' ? STAFF_HELP : OFFICIAL_HELP}`);
  const command = parsed.command;
  const actor = actorFor(group, person);
  if (command.verb === '帮助') return say(group.kind === 'staff' ? STAFF_HELP : OFFICIAL_HELP);
  if (command.verb === '回访统计') {
    const period = parsePeriod(command.period);
    if (!period) return say('统计周期可选：today（今天）、week（本周）、month（本月）。');
    return say(await surveyStatsText(tx, period, now, deps.directory));
  }
  if (command.verb === '查询' && !command.number) {
    const query = group.kind === 'department' ? { department: group.id, limit: 50 } : { limit: 50 };
    const open = (await tx.findTickets(query)).filter((t) => isOpen(t.status) && t.status !== 'replied');
    return say(listTickets(open, '目前没有待办工单。'));
  }
  if ('number' in command && command.number) {
    return runTicketCommand(tx, { ...command, number: command.number }, actor, target, deps, now);
  }
  return say(`“${command.verb}”暂不支持。`);
}
