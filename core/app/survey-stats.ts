import type { DirectoryIndex } from '../directory/directory-index.js';
import { computeMetrics, formatRate, type Metrics } from '../metrics/metrics.js';
import { formatDayRange, type PeriodName, periodDays, rangeInstants } from '../metrics/period.js';
import type { StoreTx } from '../ports/store-port.js';

const PERIOD_WORDS: Record<string, PeriodName> = {
  today: 'today',
  今天: 'today',
  今日: 'today',
  week: 'week',
  本周: 'week',
  周: 'week',
  month: 'month',
  本月: 'month',
  月: 'month',
};

export function parsePeriod(text: string): PeriodName | undefined {
  return PERIOD_WORDS[text.trim() || 'today'];
}

const line = (name: string, m: Metrics) =>
  `${name}：受理 ${m.received}，回访率 ${formatRate(m.surveyed)}，满意率 ${formatRate(m.satisfied)}，解决率 ${formatRate(m.resolved)}，重办率 ${formatRate(m.reopened)}`;

/** Survey and satisfaction figures of the orders received in a period, county-wide and by department. */
export async function surveyStatsText(
  tx: StoreTx,
  period: PeriodName,
  now: Date,
  directory: DirectoryIndex,
): Promise<string> {
  const days = periodDays(period, now);
  const { start, end } = rangeInstants(days);
  const tickets = await tx.findTickets({ receivedFrom: start, receivedBefore: end, limit: 100_000 });
  const report = computeMetrics(tickets, now);
  const departments = Object.entries(report.byDepartment)
    .sort(([, a], [, b]) => b.received - a.received)
    .slice(0, 12)
    .map(([id, m]) => line(directory.department(id)?.name ?? id, m));
  return [`【回访统计】${formatDayRange(days)}`, line('全县', report.county), ...departments].join('\n');
}
