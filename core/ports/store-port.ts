import type { ConversationState } from '../domain/conversation-state.js';
import type { TimerPayload } from '../domain/effects.js';
import type { Ticket, TicketEvent } from '../domain/ticket.js';
import type { InboundMessage, OutboundMessage } from '../messages.js';

/** A unit of work the outbox relay turns into a job: a send, a timer, or a timer's cancellation. */
export type OutboxItem =
  | { readonly kind: 'send'; readonly message: OutboundMessage; readonly notBefore?: Date }
  | { readonly kind: 'schedule'; readonly jobId: string; readonly at: Date; readonly timer: TimerPayload }
  | { readonly kind: 'cancel'; readonly jobId: string };

export interface OutboxRow {
  readonly id: string;
  readonly item: OutboxItem;
}

export interface PendingInbound {
  readonly seq: string;
  readonly message: InboundMessage;
}

/** Orders of one resident since a moment (for the daily limit). */
export interface TicketCountQuery {
  readonly channel: string;
  readonly residentRef: string;
  readonly since: Date;
  /** Orders in this handling mode are not counted (e.g. 直接答复: nothing was dispatched). */
  readonly excludeMode?: string;
}

export interface TicketQuery {
  readonly statuses?: readonly string[];
  /** Received at or after / before (for a reporting period). */
  readonly receivedFrom?: Date;
  readonly receivedBefore?: Date;
  readonly channel?: string;
  readonly residentRef?: string;
  readonly department?: string;
  readonly limit?: number;
}

/** Everything written inside one transaction commits together (transactional outbox). */
export interface StoreTx {
  /** Locks the conversation (creating it if new) and returns its state. */
  lockConversation(key: string): Promise<ConversationState>;
  saveConversation(key: string, state: ConversationState): Promise<void>;
  /** Pending inbound messages of a conversation, oldest first. */
  pendingInbound(conversation: string): Promise<PendingInbound[]>;
  markProcessed(seqs: readonly string[]): Promise<void>;
  nextTicketNumber(prefix: string, dayKey: string): Promise<string>;
  getTicket(number: string, forUpdate?: boolean): Promise<Ticket | undefined>;
  insertTicket(ticket: Ticket): Promise<void>;
  updateTicket(ticket: Ticket): Promise<void>;
  appendEvents(number: string, events: readonly TicketEvent[]): Promise<void>;
  listEvents(number: string): Promise<TicketEvent[]>;
  findTickets(query: TicketQuery): Promise<Ticket[]>;
  enqueue(items: readonly OutboxItem[]): Promise<void>;
  /** The conversation's state without locking it (a hint read before the locked turn). */
  peekConversation(key: string): Promise<ConversationState>;
  /**
   * How many of the conversation's inbound messages up to `untilSeq` were received at or after
   * `since` (by their own `receivedAt`), counting at most the latest `max` messages.
   */
  countRecentInbound(conversation: string, since: Date, untilSeq: string, max: number): Promise<number>;
  countTickets(query: TicketCountQuery): Promise<number>;
}

export interface Store {
  transaction<T>(work: (tx: StoreTx) => Promise<T>): Promise<T>;
  /** Saves an inbound message once; false when `(channel, id)` was seen before. */
  saveInbound(message: InboundMessage): Promise<boolean>;
  /** Conversations with inbound messages not yet processed (after a restart). */
  conversationsWithPending(): Promise<string[]>;
  /**
   * Un-relayed outbox rows, oldest first. Not locked: on the embedded database a transaction holds
   * the one session, and relaying needs it for the job queue. Anyone may look; only the holder of
   * the relay lease relays them.
   */
  unrelayed(limit: number): Promise<OutboxRow[]>;
  /**
   * Takes the relay lease for `holder`, or renews it, for `ms` by the database's clock; false while
   * another holder's lease runs. One relay at a time, across processes, moves the outbox into the
   * job queues, so each row gets there once and in order: a timer's cancellation never overtakes
   * its scheduling, nor does a second relay schedule again a timer the first one cancelled.
   */
  takeRelayLease(holder: string, ms: number): Promise<boolean>;
  /** Frees the relay lease if `holder` has it, so another relay need not wait for it to run out. */
  releaseRelayLease(holder: string): Promise<void>;
  markRelayed(ids: readonly string[]): Promise<void>;
  isDelivered(outboxId: string): Promise<boolean>;
  markDelivered(outboxId: string): Promise<void>;
  close(): Promise<void>;
}
