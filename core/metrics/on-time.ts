import type { Ticket } from '../domain/ticket.js';

/**
 * How an order stands against one of its time limits. `pending`: the limit has not passed and the
 * step is not done yet; `not-applicable`: the limit does not bind anyone now (see docs/metrics.md).
 */
export type OnTime = 'on-time' | 'late' | 'pending' | 'not-applicable';

/**
 * The ticket keeps only its latest round: a re-dispatch or a 重办 resets `dispatchedAt` and the
 * deadlines but leaves the earlier `acceptedAt`/`repliedAt` in place. A time before the latest
 * dispatch belongs to an earlier round and says nothing about the current one.
 */
const roundStart = (ticket: Ticket): Date => ticket.dispatchedAt ?? ticket.createdAt;

const inRound = (ticket: Ticket, at: Date | undefined): Date | undefined =>
  at && at.getTime() >= roundStart(ticket).getTime() ? at : undefined;

/** When the department took on the latest dispatch; answering without 签收 counts as taking it on. */
export function roundAcceptedAt(ticket: Ticket): Date | undefined {
  return inRound(ticket, ticket.acceptedAt) ?? inRound(ticket, ticket.repliedAt);
}

/** When the department answered the latest dispatch. */
export function roundRepliedAt(ticket: Ticket): Date | undefined {
  return inRound(ticket, ticket.repliedAt);
}

/** A withdrawn order's clock stopped when the resident withdrew it. */
function clockStop(ticket: Ticket, now: Date): Date {
  return ticket.status === 'withdrawn' ? (ticket.closedAt ?? ticket.updatedAt) : now;
}

function unfinished(ticket: Ticket, limit: Date, now: Date): OnTime {
  if (clockStop(ticket, now).getTime() > limit.getTime()) return 'late';
  return ticket.status === 'withdrawn' ? 'not-applicable' : 'pending';
}

/** 签收 against 签收时限 (`acceptBy`) of the latest dispatch. */
export function acceptanceOnTime(ticket: Ticket, now: Date): OnTime {
  const accepted = roundAcceptedAt(ticket);
  if (accepted) return accepted.getTime() <= ticket.acceptBy.getTime() ? 'on-time' : 'late';
  // Returned and waiting for the office to re-dispatch it: no department holds it.
  if (ticket.status === 'received') return 'not-applicable';
  return unfinished(ticket, ticket.acceptBy, now);
}

/** 答复 against 办结时限 (`dueAt`, moved by an approved extension, reset by 重办). */
export function completionOnTime(ticket: Ticket, now: Date): OnTime {
  const replied = roundRepliedAt(ticket);
  if (replied) return replied.getTime() <= ticket.dueAt.getTime() ? 'on-time' : 'late';
  return unfinished(ticket, ticket.dueAt, now);
}
