import type { Ticket } from '../domain/ticket.js';
import { acceptanceOnTime, completionOnTime, type OnTime } from './on-time.js';

/** A share with its parts; `rate` is null when nothing counts (shown as "—"). */
export interface Rate {
  readonly numerator: number;
  readonly denominator: number;
  readonly rate: number | null;
}

/** The office's indicators for one set of orders. Every formula is in docs/metrics.md. */
export interface Metrics {
  /** Orders in the set (受理量). */
  readonly received: number;
  /** 按时签收率 */
  readonly acceptedOnTime: Rate;
  /** 按时办结率 */
  readonly repliedOnTime: Rate;
  /** 回访率 */
  readonly surveyed: Rate;
  /** 满意率 */
  readonly satisfied: Rate;
  /** 解决率 */
  readonly resolved: Rate;
  /** 重办率 */
  readonly reopened: Rate;
  /** 平均办理时长: received → latest reply, over answered orders. */
  readonly handlingHours: { readonly count: number; readonly average: number | null };
}

export interface MetricsReport {
  readonly county: Metrics;
  /** By lead department id; only departments with at least one order in the set. */
  readonly byDepartment: Record<string, Metrics>;
}

export const METRIC_LABELS = {
  received: '受理量',
  acceptedOnTime: '按时签收率',
  repliedOnTime: '按时办结率',
  surveyed: '回访率',
  satisfied: '满意率',
  resolved: '解决率',
  reopened: '重办率',
  handlingHours: '平均办理时长(小时)',
} as const satisfies Record<keyof Metrics, string>;

const HOUR_MS = 3_600_000;

class Tally {
  received = 0;
  readonly counts = {
    acceptedOnTime: [0, 0],
    repliedOnTime: [0, 0],
    surveyed: [0, 0],
    satisfied: [0, 0],
    resolved: [0, 0],
    reopened: [0, 0],
  } satisfies Record<string, [number, number]>;
  handledMs = 0;
  handled = 0;

  count(key: keyof Tally['counts'], hit: boolean): void {
    const pair = this.counts[key];
    pair[1] += 1;
    if (hit) pair[0] += 1;
  }

  onTime(key: 'acceptedOnTime' | 'repliedOnTime', outcome: OnTime): void {
    if (outcome === 'on-time' || outcome === 'late') this.count(key, outcome === 'on-time');
  }

  add(ticket: Ticket, now: Date): void {
    this.received += 1;
    this.onTime('acceptedOnTime', acceptanceOnTime(ticket, now));
    this.onTime('repliedOnTime', completionOnTime(ticket, now));
    const result = ticket.survey?.result;
    if (result) {
      this.count('surveyed', result !== '未回复');
      if (result !== '未回复') this.count('satisfied', result === '满意' || result === '基本满意');
    }
    const resolved = ticket.survey?.resolved;
    if (resolved !== undefined) this.count('resolved', resolved);
    if (ticket.repliedAt) this.count('reopened', ticket.reopenCount > 0);
    // Only a finished round has a handling time; a 重办 in progress still carries its first reply.
    if (ticket.repliedAt && (ticket.status === 'replied' || ticket.status === 'closed')) {
      this.handled += 1;
      this.handledMs += ticket.repliedAt.getTime() - ticket.createdAt.getTime();
    }
  }

  metrics(): Metrics {
    const rate = ([numerator, denominator]: [number, number]): Rate => ({
      numerator,
      denominator,
      rate: denominator === 0 ? null : numerator / denominator,
    });
    const c = this.counts;
    return {
      received: this.received,
      acceptedOnTime: rate(c.acceptedOnTime),
      repliedOnTime: rate(c.repliedOnTime),
      surveyed: rate(c.surveyed),
      satisfied: rate(c.satisfied),
      resolved: rate(c.resolved),
      reopened: rate(c.reopened),
      handlingHours: {
        count: this.handled,
        average: this.handled === 0 ? null : this.handledMs / this.handled / HOUR_MS,
      },
    };
  }
}

/**
 * The indicators of a set of orders (usually those received in a period), county-wide and by lead
 * department. `now` decides which unfinished orders are already late. Pure: no I/O, no clock.
 */
export function computeMetrics(tickets: readonly Ticket[], now: Date): MetricsReport {
  const county = new Tally();
  const departments = new Map<string, Tally>();
  for (const ticket of tickets) {
    county.add(ticket, now);
    let tally = departments.get(ticket.department);
    if (!tally) {
      tally = new Tally();
      departments.set(ticket.department, tally);
    }
    tally.add(ticket, now);
  }
  const byDepartment: Record<string, Metrics> = {};
  for (const [id, tally] of departments) byDepartment[id] = tally.metrics();
  return { county: county.metrics(), byDepartment };
}

/** `93.3%`, or `—` when the rate has no denominator. */
export function formatRate(rate: Rate): string {
  return rate.rate === null ? '—' : `${(rate.rate * 100).toFixed(1)}%`;
}

/** Hours with one decimal, or `—`. */
export function formatHours(hours: number | null): string {
  return hours === null ? '—' : hours.toFixed(1);
}
