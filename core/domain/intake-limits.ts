import { DAY_MS, SHANGHAI_OFFSET_MS } from '../deadline/shanghai-time.js';

export const RATE_WINDOW_MS = 60_000;

/**
 * What to do with a turn given how many messages the conversation sent in the last minute
 * (this turn's included): over the limit the messages are set aside; the resident is told once,
 * when the limit is first crossed, so a flood does not get a flood of answers.
 */
export function messageRate(inWindow: number, turnSize: number, perMinute: number): 'ok' | 'notify' | 'drop' {
  if (inWindow <= perMinute) return 'ok';
  return inWindow - turnSize <= perMinute ? 'notify' : 'drop';
}

/** Local midnight (Asia/Shanghai) of the day `now` falls on: "today" for the daily order limit. */
export function startOfLocalDay(now: Date): Date {
  const local = now.getTime() + SHANGHAI_OFFSET_MS;
  return new Date(Math.floor(local / DAY_MS) * DAY_MS - SHANGHAI_OFFSET_MS);
}
