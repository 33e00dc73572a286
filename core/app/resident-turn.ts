import { routeOrder } from '../directory/routing.js';
import type { Actor } from '../domain/actor.js';
import { parseCommand } from '../domain/commands.js';
import type { ConversationState } from '../domain/conversation-state.js';
import { createTicket } from '../domain/create-ticket.js';
import type { Draft } from '../domain/draft.js';
import { type Effect, send, type Target, toGroup } from '../domain/effects.js';
import { intakeTurn } from '../domain/intake.js';
import type { InboundMessage } from '../messages.js';
import type { StoreTx } from '../ports/store-port.js';
import { localDateKey } from '../text/format-time.js';
import type { Extraction } from '../understanding/extraction.js';
import { type AppDeps, applyDecision, decisionContext } from './app-deps.js';
import { surveyTurn } from './survey-turn.js';
import { listTickets, runTicketCommand } from './ticket-commands.js';

export interface ResidentTurn {
  readonly messages: readonly InboundMessage[];
  readonly text: string;
  /** Understanding of `text`, computed before the conversation was locked. */
  readonly extraction?: Extraction;
}

export interface TurnOutcome {
  readonly state: ConversationState;
  readonly effects: readonly Effect[];
}

const RESIDENT_VERBS = new Set(['查询', '撤销', '补充', '帮助']);

/** One resident turn inside the conversation's transaction. */
export async function residentTurn(
  tx: StoreTx,
  state: ConversationState,
  turn: ResidentTurn,
  deps: AppDeps,
  now: Date,
): Promise<TurnOutcome> {
  const first = turn.messages[0]!;
  const target: Target = { kind: 'conversation', channel: first.channel, conversation: first.conversation };
  const actor: Actor = {
    kind: 'resident',
    channel: first.channel,
    conversation: first.conversation,
    ref: first.sender.id,
    ...(first.sender.name ? { name: first.sender.name } : {}),
  };
  const say = (...texts: string[]) => texts.map((text) => send(target, { text }));

  const parsed = parseCommand(turn.text);
  if (parsed) {
    if (!RESIDENT_VERBS.has(parsed.verb)) {
      return {
        state,
        effects: say(
          '这个指令供办理单位使用。您可以发送：查询、查询 工单号、补充 工单号 内容、撤销 工单号。',
        ),
      };
    }
    if (!parsed.ok) return { state, effects: say(`${parsed.problem}。例如：${parsed.verb} PY202611260001`) };
    const command = parsed.command;
    if (command.verb === '帮助')
      return {
        state,
        effects: say(
          deps.templates.welcome.replace('{hotline}', deps.directory.directory.county.hotlineName),
        ),
      };
    if (command.verb === '查询' && !command.number) {
      const mine = await tx.findTickets({ channel: first.channel, residentRef: first.sender.id, limit: 10 });
      return { state, effects: say(listTickets(mine, deps.templates.noOrders)) };
    }
    if ('number' in command && command.number) {
      return {
        state,
        effects: await runTicketCommand(tx, { ...command, number: command.number }, actor, target, deps, now),
      };
    }
  }

  const surveyed = await surveyTurn(tx, state, turn.text, target, deps, now);
  if (surveyed) return surveyed;
  const extraction = turn.extraction ?? {};

  if (extraction.emergency) {
    const { draft: _dropped, ...rest } = state;
    const call = extraction.emergency.call;
    return {
      state: rest,
      effects: [
        ...say(`情况紧急！请立即拨打 ${call}。如有人员受伤请同时拨打 120。我们已通知热线值班人员。`),
        send(toGroup(deps.directory.directory.staff.id), {
          text: `【紧急警情】群众反映疑似${extraction.emergency.kind}，已引导拨打 ${call}。请值班人员关注。\n会话：${first.conversation}`,
        }),
      ],
    };
  }

  const outcome = intakeTurn(state, {
    text: turn.text,
    extraction,
    attachments: turn.messages.flatMap((m) => m.attachments),
    now,
    templates: deps.templates,
    hotlineName: deps.directory.directory.county.hotlineName,
  });
  const effects = say(...outcome.replies);
  if (outcome.file) effects.push(...(await fileOrder(tx, outcome.file, first, deps, now)));
  return { state: outcome.state, effects };
}

async function fileOrder(
  tx: StoreTx,
  draft: Draft,
  first: InboundMessage,
  deps: AppDeps,
  now: Date,
): Promise<Effect[]> {
  const route = routeOrder(deps.directory, {
    text: draft.description,
    flags: draft.flags,
    ...(draft.category ? { category: draft.category } : {}),
    ...(draft.location?.town ? { town: draft.location.town } : {}),
  });
  const number = await tx.nextTicketNumber(deps.directory.directory.county.orderPrefix, localDateKey(now));
  const decision = createTicket(
    {
      number,
      draft,
      channel: first.channel,
      conversation: first.conversation,
      residentRef: first.sender.id,
      department: route.department,
      coDepartments: route.coDepartments,
    },
    decisionContext(deps, now),
  );
  await applyDecision(tx, decision, true, now, deps);
  const target: Target = { kind: 'conversation', channel: first.channel, conversation: first.conversation };
  const texts = [decision.reply ?? ''];
  if (decision.ticket.confidential) texts.unshift(deps.templates.confidential);
  return texts.map((text) => send(target, { text }));
}
