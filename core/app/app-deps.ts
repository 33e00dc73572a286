import type { DirectoryIndex } from '../directory/directory-index.js';
import type { DecisionContext, TicketDecision } from '../domain/decision.js';
import type { Effect } from '../domain/effects.js';
import type { ChannelName } from '../messages.js';
import type { ChannelPort } from '../ports/channel-port.js';
import type { LoggerPort } from '../ports/logger-port.js';
import type { Store, StoreTx } from '../ports/store-port.js';
import type { UnderstandingPort } from '../ports/understanding-port.js';
import type { Templates } from '../text/templates.js';
import { effectsToOutbox } from './effect-runner.js';

export interface AppDeps {
  readonly store: Store;
  readonly understanding: UnderstandingPort;
  readonly channels: ReadonlyMap<ChannelName, ChannelPort>;
  readonly directory: DirectoryIndex;
  readonly templates: Templates;
  readonly time: DecisionContext['time'];
  /** When a message for a resident may go out (quiet hours). */
  readonly residentSendTime: (at: Date) => Date;
  readonly clock: () => Date;
  readonly logger: LoggerPort;
  /** Called after a transaction that wrote outbox rows commits (wakes the relay). */
  readonly afterCommit: () => void;
}

export function decisionContext(deps: AppDeps, now: Date): DecisionContext {
  return { now, directory: deps.directory, templates: deps.templates, time: deps.time };
}

/** Writes effects as outbox rows inside the transaction. */
export async function writeEffects(
  tx: StoreTx,
  effects: readonly Effect[],
  now: Date,
  deps: AppDeps,
): Promise<void> {
  const items = effectsToOutbox(effects, now, deps);
  if (items.length) await tx.enqueue(items);
}

/** Persists a ticket decision: the ticket, its timeline rows and its effects, in one transaction. */
export async function applyDecision(
  tx: StoreTx,
  decision: TicketDecision,
  isNew: boolean,
  now: Date,
  deps: AppDeps,
): Promise<void> {
  if (isNew) await tx.insertTicket(decision.ticket);
  else await tx.updateTicket(decision.ticket);
  await tx.appendEvents(decision.ticket.number, decision.events);
  await writeEffects(tx, decision.effects, now, deps);
}
