import type { CardContent, ChannelName, MessageAction } from '../messages.js';

/** Where a message goes. Groups are resolved to each channel's chat by the effect runner. */
export type Target =
  | { readonly kind: 'conversation'; readonly channel: ChannelName; readonly conversation: string }
  /** A department id, or the staff / supervisors group id from the directory. */
  | { readonly kind: 'group'; readonly group: string };

export interface MessageContent {
  readonly text: string;
  readonly card?: CardContent;
  readonly actions?: readonly MessageAction[];
  /** Person ids from the directory to @-mention. */
  readonly mentions?: readonly string[];
  readonly updatesCard?: boolean;
}

/** Kinds of timed work; each names the ticket and is re-checked against it when it fires. */
export type TimerKind = 'survey' | 'survey-reminder' | 'survey-close' | 'reminder' | 'escalation' | 'digest';

export interface TimerPayload {
  readonly kind: TimerKind;
  readonly ticket: string;
  /** What the timer was planned for (status, round, deadline…): a stale timer does nothing. */
  readonly expect: Record<string, string | number>;
}

export type Effect =
  | {
      readonly type: 'send';
      readonly target: Target;
      readonly message: MessageContent;
      /** For residents: wait until quiet hours end. */
      readonly respectQuietHours?: boolean;
    }
  | { readonly type: 'schedule'; readonly jobId: string; readonly at: Date; readonly timer: TimerPayload }
  | { readonly type: 'cancel'; readonly jobId: string };

export const send = (target: Target, message: MessageContent, respectQuietHours = false): Effect => ({
  type: 'send',
  target,
  message,
  ...(respectQuietHours ? { respectQuietHours } : {}),
});

export const toGroup = (group: string): Target => ({ kind: 'group', group });
