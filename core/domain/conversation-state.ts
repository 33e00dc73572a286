import type { Draft } from './draft.js';

export type DraftStep = 'description' | 'location' | 'phone' | 'confirm';

export interface DraftInProgress extends Draft {
  /** What the bot asked last; the next answer is read as that field first. */
  readonly asked: DraftStep;
}

export interface PendingSurvey {
  readonly ticket: string;
  readonly round: number;
  readonly askedAt: Date;
  readonly step: 'rating' | 'resolved' | 'comment';
  readonly rating?: '满意' | '基本满意' | '不满意';
  readonly resolved?: boolean;
  readonly comment?: string;
  /** One clarifying question per step; a second unreadable answer is not a survey answer. */
  readonly clarified: boolean;
}

/** A survey that has ended: later ratings are kept as comments on the order. */
export interface ClosedSurvey {
  readonly ticket: string;
  readonly closedAt: Date;
}

/** What the bot remembers of one resident conversation between messages. */
export interface ConversationState {
  readonly draft?: DraftInProgress;
  readonly survey?: PendingSurvey;
  readonly lastSurvey?: ClosedSurvey;
}

export const EMPTY_CONVERSATION: ConversationState = {};
