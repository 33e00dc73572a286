import { describe, expect, it } from 'vitest';
import type { Ticket } from '../../../core/domain/ticket.js';
import {
  acceptanceOnTime,
  completionOnTime,
  type OnTime,
  roundAcceptedAt,
  roundRepliedAt,
} from '../../../core/metrics/on-time.js';
import { at, order } from './orders.js';

const NOW = at('03-20T12:00');

// Limits unless noted: 签收 by 03-12 00:00, 办结 by 03-18 00:00.
const CASES: [string, Partial<Ticket>, OnTime, OnTime][] = [
  ['accepted exactly at the limit', { status: 'accepted', acceptedAt: at('03-12T00:00') }, 'on-time', 'late'],
  ['accepted a minute late', { status: 'accepted', acceptedAt: at('03-12T00:01') }, 'late', 'late'],
  [
    'answered without 签收 (the reply counts as taking it on)',
    { status: 'replied', acceptedAt: at('03-11T10:00'), repliedAt: at('03-11T10:00') },
    'on-time',
    'on-time',
  ],
  [
    'redone after 重办 without a new 签收: the reply is the acceptance of the round',
    {
      status: 'replied',
      reopenCount: 1,
      dispatchedAt: at('03-15T09:00'),
      acceptBy: at('03-17T00:00'),
      dueAt: at('03-21T00:00'),
      acceptedAt: at('03-10T10:00'),
      repliedAt: at('03-16T09:00'),
    },
    'on-time',
    'on-time',
  ],
  [
    're-dispatched after acceptance elsewhere: the old 签收 does not count',
    {
      status: 'dispatched',
      dispatchedAt: at('03-20T10:00'),
      acceptBy: at('03-22T00:00'),
      acceptedAt: at('03-10T10:00'),
    },
    'pending',
    'late',
  ],
  [
    'withdrawn after the 签收 limit, never accepted',
    { status: 'withdrawn', closedAt: at('03-13T08:00') },
    'late',
    'not-applicable',
  ],
  [
    'withdrawn before any limit',
    { status: 'withdrawn', closedAt: at('03-11T08:00') },
    'not-applicable',
    'not-applicable',
  ],
  ['returned to the office', { status: 'received', returnCount: 1 }, 'not-applicable', 'late'],
  [
    'extension approved: judged against the moved limit',
    {
      status: 'replied',
      acceptedAt: at('03-10T10:00'),
      repliedAt: at('03-19T10:00'),
      dueAt: at('03-25T00:00'),
    },
    'on-time',
    'on-time',
  ],
];

describe('on-time outcomes of the latest round', () => {
  it.each(CASES)('%s', (_name, fields, acceptance, completion) => {
    const ticket = order(1, 'zjj', fields);
    expect(acceptanceOnTime(ticket, NOW)).toBe(acceptance);
    expect(completionOnTime(ticket, NOW)).toBe(completion);
  });

  it('times before the latest dispatch belong to an earlier round', () => {
    const ticket = order(1, 'zjj', {
      status: 'reopened',
      dispatchedAt: at('03-15T09:00'),
      acceptedAt: at('03-10T10:00'),
      repliedAt: at('03-12T10:00'),
    });
    expect(roundAcceptedAt(ticket)).toBeUndefined();
    expect(roundRepliedAt(ticket)).toBeUndefined();
  });
});
