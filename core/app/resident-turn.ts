import { routeOrder } from '../directory/routing.js';
import type { Actor } from '../domain/actor.js';
import type { ParsedCommand } from '../domain/commands.js';
import type { ConversationState } from '../domain/conversation-state.js';
import { createTicket } from '../domain/create-ticket.js';
import { createDirectAnswer } from '../domain/direct-answer.js';
import type { Draft } from '../domain/draft.js';
import { type Effect, send, type Target, toGroup } from '../domain/effects.js';
import type { FaqEntry } from '../domain/faq.js';
import { type IntakeOutcome, intakeTurn } from '../domain/intake.js';
import { RESIDENT_VERBS, residentCommand } from '../domain/intake-commands.js';
import { messageRate, RATE_WINDOW_MS, startOfLocalDay } from '../domain/intake-limits.js';
import type { InboundMessage } from '../messages.js';
import type { StoreTx } from '../ports/store-port.js';
import { localDateKey } from '../text/format-time.js';
import { fill } from '../text/templates.js';
import type { Extraction } from '../understanding/extraction.js';
import { findPlace } from '../understanding/rules/place.js';
import { type AppDeps, applyDecision, decisionContext } from './app-deps.js';
import { surveyTurn } from './survey-turn.js';
import { listTickets, runTicketCommand } from './ticket-commands.js';

export interface ResidentTurn {
  readonly messages: readonly InboundMessage[];
  readonly text: string;
  /** Sequence number of the turn's last stored message (for the per-minute limit). */
  readonly lastSeq?: string;
  /** Understanding of `text`, computed before the conversation was locked. */
  readonly extraction?: Extraction;
}

export interface TurnOutcome {
  readonly state: ConversationState;
  readonly effects: readonly Effect[];
}

/** How many of a resident's own orders 查询 lists, newest first. */
const LIST_LIMIT = 5;

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
  const say = (...texts: string[]) => texts.map((text) => send(target, { text }));
  const t = deps.templates;
  const limits = deps.directory.directory.intake;

  if (turn.lastSeq) {
    const size = turn.messages.length;
    const since = new Date(now.getTime() - RATE_WINDOW_MS);
    const count = await tx.countRecentInbound(
      first.conversation,
      since,
      turn.lastSeq,
      limits.messagesPerMinute + size + 1,
    );
    const rate = messageRate(count, size, limits.messagesPerMinute);
    if (rate === 'notify') return { state, effects: say(t.messageLimit) };
    if (rate === 'drop') return { state, effects: [] };
  }

  const parsed = turn.messages.length === 1 ? residentCommand(turn.text) : undefined;
  if (parsed) {
    const effects = await commandTurn(tx, parsed, first, target, deps, now);
    // The draft is untouched; say so, so the resident knows where the dialogue stands.
    return { state, effects: state.draft ? [...effects, ...say(t.draftKept)] : effects };
  }

  const extraction = turn.extraction ?? {};
  if (extraction.emergency) {
    const { draft: _dropped, ...rest } = state;
    const { call, kind } = extraction.emergency;
    return {
      state: rest,
      effects: [
        ...say(fill(t.emergency, { call })),
        send(toGroup(deps.directory.directory.staff.id), {
          text: fill(t.emergencyAlert, { kind, call, conversation: first.conversation }),
        }),
      ],
    };
  }

  const surveyed = await surveyTurn(tx, state, turn.text, target, deps, now);
  if (surveyed) return surveyed;

  const directory = deps.directory.directory;
  const ordersToday = await tx.countTickets({
    channel: first.channel,
    residentRef: first.sender.id,
    since: startOfLocalDay(now),
    excludeMode: '直接答复',
  });
  const outcome: IntakeOutcome = intakeTurn(state, {
    text: turn.text,
    extraction,
    attachments: turn.messages.flatMap((m) => m.attachments),
    now,
    templates: t,
    hotlineName: directory.county.hotlineName,
    faq: directory.faq,
    limits,
    ordersToday,
    locate: (text) => findPlace(text, directory.towns, directory.lexicon),
  });
  const effects = say(...outcome.replies);
  if (outcome.file) effects.push(...(await fileOrder(tx, outcome.file, first, deps, now)));
  if (outcome.answer) {
    effects.push(...(await answerDirectly(tx, outcome.answer.faq, outcome.answer.draft, first, deps, now)));
  }
  return { state: outcome.state, effects };
}

/** 查询 / 查询 工单号 / 补充 / 撤销 / 帮助; official commands are refused politely. */
async function commandTurn(
  tx: StoreTx,
  parsed: ParsedCommand,
  first: InboundMessage,
  target: Target,
  deps: AppDeps,
  now: Date,
): Promise<Effect[]> {
  const t = deps.templates;
  const say = (text: string) => [send(target, { text })];
  if (!RESIDENT_VERBS.has(parsed.verb)) return say(t.officialOnly);
  if (!parsed.ok) {
    const example = `${deps.directory.directory.county.orderPrefix}${localDateKey(now)}0001`;
    return say(fill(t.commandProblem, { problem: parsed.problem, verb: parsed.verb, example }));
  }
  const command = parsed.command;
  if (command.verb === '帮助') {
    return say(fill(t.welcome, { hotline: deps.directory.directory.county.hotlineName }));
  }
  if ('number' in command && command.number) {
    const actor: Actor = {
      kind: 'resident',
      channel: first.channel,
      conversation: first.conversation,
      ref: first.sender.id,
      ...(first.sender.name ? { name: first.sender.name } : {}),
    };
    return runTicketCommand(tx, { ...command, number: command.number }, actor, target, deps, now);
  }
  const mine = await tx.findTickets({
    channel: first.channel,
    residentRef: first.sender.id,
    limit: LIST_LIMIT,
  });
  return say(listTickets(mine, t.noOrders));
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
  return [send(target, { text: decision.reply ?? '' })];
}

/** A question the FAQ answers: the answer, and a closed 直接答复 order recording it. */
async function answerDirectly(
  tx: StoreTx,
  faq: FaqEntry,
  draft: Draft,
  first: InboundMessage,
  deps: AppDeps,
  now: Date,
): Promise<Effect[]> {
  const number = await tx.nextTicketNumber(deps.directory.directory.county.orderPrefix, localDateKey(now));
  const decision = createDirectAnswer(
    {
      number,
      draft,
      faq,
      channel: first.channel,
      conversation: first.conversation,
      residentRef: first.sender.id,
    },
    decisionContext(deps, now),
  );
  await applyDecision(tx, decision, true, now, deps);
  const target: Target = { kind: 'conversation', channel: first.channel, conversation: first.conversation };
  return [
    send(target, { text: faq.answer }),
    send(target, { text: fill(deps.templates.faqRecorded, { number }) }),
  ];
}
