import type { Attachment } from '../messages.js';
import { fill, type Templates } from '../text/templates.js';
import type { ExtractedLocation, Extraction } from '../understanding/extraction.js';
import type { ConversationState, DraftInProgress } from './conversation-state.js';
import type { Draft } from './draft.js';
import type { FaqEntry } from './faq.js';
import { describeAttachments, type TurnAttachments } from './intake-attachments.js';
import { findName, isConfidential, needsPlace, titleOf } from './intake-fields.js';
import { readBack } from './intake-read-back.js';
import { hasContent } from './intake-words.js';

/** The draft-building steps of the intake dialogue: what a turn fills, and what to ask next. */

export interface IntakeLimits {
  readonly idleAfter: number;
  readonly dropAfter: number;
  readonly ordersPerDay: number;
}

export interface IntakeInput {
  readonly text: string;
  readonly extraction: Extraction;
  readonly attachments: readonly Attachment[];
  readonly now: Date;
  readonly templates: Templates;
  readonly hotlineName: string;
  readonly faq?: readonly FaqEntry[];
  readonly limits?: IntakeLimits;
  /** Orders this resident filed today (for the daily limit). */
  readonly ordersToday?: number;
  /** Reads a place against the gazetteer (for shared locations and corrections). */
  readonly locate?: (text: string) => ExtractedLocation | undefined;
}

export interface IntakeOutcome {
  readonly state: ConversationState;
  readonly replies: readonly string[];
  /** A confirmed draft to file as a work order. */
  readonly file?: Draft;
  /** A question the FAQ answers: recorded as a 直接答复 order. */
  readonly answer?: { readonly faq: FaqEntry; readonly draft: Draft };
}

export const DEFAULT_LIMITS: IntakeLimits = { idleAfter: 1_800_000, dropAfter: 86_400_000, ordersPerDay: 5 };
export const LONG_MESSAGE = 2_000;
/** The same FAQ asked again within this time is filed instead: the answer did not help. */
export const FAQ_REPEAT_MS = 1_800_000;

export type Step = DraftInProgress['asked'];
export type Open = Exclude<Step, 'resume'>;

/** One turn's input with its attachments sorted and the notes that go before the answer. */
export interface Turn {
  readonly input: IntakeInput;
  readonly text: string;
  readonly parts: TurnAttachments;
  readonly notes: readonly string[];
}

export function nextStep(draft: Draft): Open {
  if (!hasContent(draft.description)) return 'description';
  if (!draft.location && needsPlace(draft)) return 'location';
  if (!draft.phone && !draft.phoneDeclined) return 'phone';
  return 'confirm';
}

const rank = (u: Draft['urgency']) => (u === '特急' ? 2 : u === '紧急' ? 1 : 0);

/**
 * The fields a turn fills. As description, its text is added to the problem and fills
 * the place only if none is known; as an answer or correction, a field it names replaces the old one.
 */
export function absorb(draft: Draft, turn: Turn, asDescription: boolean): Draft {
  const x = turn.input.extraction;
  const text = turn.text;
  const adds = asDescription && hasContent(text);
  const dominant = adds && text.length >= draft.description.length;
  const pinned = turn.parts.pinned
    ? (turn.input.locate?.(turn.parts.pinned) ?? { text: turn.parts.pinned })
    : undefined;
  const place = x.location ?? pinned;
  const name = x.name ?? findName(text);
  const appealType =
    adds && x.appealType && (!draft.appealType || draft.appealType === '其他' || x.appealType === '举报')
      ? x.appealType
      : draft.appealType;
  return {
    ...draft,
    description: adds ? [draft.description, text].filter(Boolean).join('\n') : draft.description,
    flags: [...new Set([...draft.flags, ...(x.flags ?? [])])],
    attachments: [...draft.attachments, ...turn.parts.kept],
    updatedAt: turn.input.now,
    ...(x.phone ? { phone: x.phone, phoneDeclined: false } : {}),
    ...(place && (!asDescription || !draft.location) ? { location: place } : {}),
    ...(name ? { name } : {}),
    ...(x.occurredAt ? { occurredAt: x.occurredAt } : {}),
    ...(adds && x.category && (!draft.category || dominant) ? { category: x.category } : {}),
    ...(appealType ? { appealType } : {}),
    ...(rank(x.urgency) > rank(draft.urgency) ? { urgency: x.urgency } : {}),
    ...(x.mode && (x.mode === '专题受理' || draft.mode !== '专题受理') ? { mode: x.mode } : {}),
    ...(adds && x.title && (!draft.title || !hasContent(draft.description))
      ? { title: titleOf(text, x.title) ?? x.title }
      : {}),
  };
}

function question(draft: Draft, step: Open, templates: Templates, repeats: number): string {
  switch (step) {
    case 'description':
      return templates.askDescription;
    case 'location':
      return templates.askLocation;
    case 'phone':
      return repeats > 0 ? templates.askPhoneAgain : templates.askPhone;
    case 'confirm':
      return fill(templates.readBack, { summary: readBack(draft, templates) });
  }
}

/** Notes go in front of a short question in one message; the read-back stands on its own. */
function compose(notes: readonly string[], ask: string, isReadBack: boolean): string[] {
  if (!notes.length) return [ask];
  const lead = notes.join('');
  return isReadBack || lead.length + ask.length > 200 ? [...notes, ask] : [lead + ask];
}

export function advance(
  state: ConversationState,
  draft: Draft,
  turn: Turn,
  options: { before?: Draft; repeats?: number; notes?: readonly string[] } = {},
): IntakeOutcome {
  const t = turn.input.templates;
  const step = nextStep(draft);
  const notes = [...turn.notes, ...(options.notes ?? [])];
  if (turn.parts.kept.length)
    notes.push(fill(t.attachmentsReceived, { what: describeAttachments(turn.parts.kept) }));
  if (isConfidential(draft) && !(options.before && isConfidential(options.before)))
    notes.push(t.confidential);
  const repeats = options.repeats ?? 0;
  const next: DraftInProgress = { ...withoutResume(draft), asked: step, ...(repeats ? { repeats } : {}) };
  return {
    state: { ...state, draft: next },
    replies: compose(notes, question(draft, step, t, repeats), step === 'confirm'),
  };
}

/** The draft without the dialogue's bookkeeping. */
export function withoutResume(draft: Draft | DraftInProgress): Draft {
  const { asked: _a, resumeTo: _r, held: _h, repeats: _n, ...plain } = draft as DraftInProgress;
  return plain;
}

export function dropDraft(state: ConversationState): ConversationState {
  const { draft: _dropped, ...rest } = state;
  return rest;
}

/** Replies that leave the state as it is (after the turn's notes). */
export const say = (state: ConversationState, turn: Turn, ...texts: string[]): IntakeOutcome => ({
  state,
  replies: [...turn.notes, ...texts],
});

export function emptyDraft(now: Date): Draft {
  return { description: '', flags: [], attachments: [], startedAt: now, updatedAt: now };
}
