import type { Attachment } from '../messages.js';
import type { Extraction } from '../understanding/extraction.js';
import type { Draft } from './draft.js';

/** What the bot asked last. `resume`: whether to go on with a draft left idle. */
export type DraftStep = 'description' | 'location' | 'phone' | 'confirm' | 'resume';

/** A message that arrived after the draft went idle, kept until the resident says how to go on. */
export interface HeldMessage {
  readonly text: string;
  readonly attachments: readonly Attachment[];
  readonly extraction: Extraction;
}

export interface DraftInProgress extends Draft {
  /** What the bot asked last; the next answer is read as that field first. */
  readonly asked: DraftStep;
  /** While asking whether to resume: the question to go back to. */
  readonly resumeTo?: Exclude<DraftStep, 'resume'>;
  readonly held?: HeldMessage;
  /** How many times in a row the current question got an answer that was not one. */
  readonly repeats?: number;
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
  /** The 24-hour reminder went out: a second delivery of its job does not remind again. */
  readonly reminded?: boolean;
}

/** A survey that has ended: later ratings are kept as comments on the order. */
export interface ClosedSurvey {
  readonly ticket: string;
  readonly closedAt: Date;
}

/** The FAQ entry answered last, so asking again files an order instead of repeating the answer. */
export interface AnsweredFaq {
  readonly id: string;
  readonly at: Date;
}

/** What the bot remembers of one resident conversation between messages. */
export interface ConversationState {
  readonly draft?: DraftInProgress;
  readonly survey?: PendingSurvey;
  readonly lastSurvey?: ClosedSurvey;
  readonly lastFaq?: AnsweredFaq;
}

export const EMPTY_CONVERSATION: ConversationState = {};
