import type { Attachment } from '../messages.js';
import { fill, type Templates } from '../text/templates.js';
import type { ExtractedLocation, Extraction } from '../understanding/extraction.js';
import { makeTitle } from '../understanding/make-title.js';
import type { ConversationState, DraftInProgress, HeldMessage } from './conversation-state.js';
import type { Draft } from './draft.js';
import { type FaqEntry, findFaq } from './faq.js';
import { describeAttachments, sortAttachments, type TurnAttachments } from './intake-attachments.js';
import {
  findName,
  isConfidential,
  looksLikePlace,
  MAX_PLACE_ANSWER,
  needsPlace,
  readCorrection,
  residue,
  titleOf,
} from './intake-fields.js';
import { readBack } from './intake-read-back.js';
import {
  hasContent,
  isAcknowledgement,
  isCancel,
  isConfirm,
  isContinue,
  isGreeting,
  isIntentOnly,
  isPhoneDeclined,
  isPlaceUnknown,
  isRestart,
  isSmallTalk,
  isThanks,
} from './intake-words.js';

export { readBack } from './intake-read-back.js';

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

const DEFAULT_LIMITS: IntakeLimits = { idleAfter: 1_800_000, dropAfter: 86_400_000, ordersPerDay: 5 };
export const LONG_MESSAGE = 2_000;
/** The same FAQ asked again within this time is filed instead: the answer did not help. */
const FAQ_REPEAT_MS = 1_800_000;

type Step = DraftInProgress['asked'];
type Open = Exclude<Step, 'resume'>;

/** One turn's input with its attachments sorted and the notes that go before the answer. */
interface Turn {
  readonly input: IntakeInput;
  readonly text: string;
  readonly parts: TurnAttachments;
  readonly notes: readonly string[];
}

function nextStep(draft: Draft): Open {
  if (!hasContent(draft.description)) return 'description';
  if (!draft.location && needsPlace(draft)) return 'location';
  if (!draft.phone && !draft.phoneDeclined) return 'phone';
  return 'confirm';
}

const rank = (u: Draft['urgency']) => (u === '特急' ? 2 : u === '紧急' ? 1 : 0);

/**
 * The fields a turn fills. As description (`fresh`), its text is added to the problem and fills
 * the place only if none is known; as an answer or correction, a field it names replaces the old one.
 */
function absorb(draft: Draft, turn: Turn, asDescription: boolean): Draft {
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

function advance(
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

function withoutResume(draft: Draft | DraftInProgress): Draft {
  const { asked: _a, resumeTo: _r, held: _h, repeats: _n, ...plain } = draft as DraftInProgress;
  return plain;
}

function dropDraft(state: ConversationState): ConversationState {
  const { draft: _dropped, ...rest } = state;
  return rest;
}

const say = (state: ConversationState, turn: Turn, ...texts: string[]): IntakeOutcome => ({
  state,
  replies: [...turn.notes, ...texts],
});

/** One resident turn of the intake dialogue (commands, surveys and emergencies come before this). */
export function intakeTurn(state: ConversationState, input: IntakeInput): IntakeOutcome {
  const t = input.templates;
  const parts = sortAttachments(input.attachments);
  const notes: string[] = [];
  if (input.text.length > LONG_MESSAGE) notes.push(t.longMessage);
  if (parts.untranscribedVoice) notes.push(t.voiceNeedsText);
  const turn: Turn = { input, text: input.text.trim(), parts, notes };
  const limits = input.limits ?? DEFAULT_LIMITS;
  const draft = state.draft;
  if (!draft) return fresh(state, turn);
  const age = input.now.getTime() - draft.updatedAt.getTime();
  if (age >= limits.dropAfter) return fresh(dropDraft(state), { ...turn, notes: [t.expired, ...notes] });
  if (draft.asked === 'resume') return resume(state, draft, turn);
  if (age >= limits.idleAfter) return idle(state, draft, turn);
  return continueDraft(state, draft, turn);
}

function emptyDraft(now: Date): Draft {
  return { description: '', flags: [], attachments: [], startedAt: now, updatedAt: now };
}

/** A message with no draft open: small talk, a FAQ question, or the start of a new order. */
function fresh(state: ConversationState, turn: Turn): IntakeOutcome {
  const { input, text, parts } = turn;
  const t = input.templates;
  if (isCancel(text)) return say(state, turn, t.nothingToCancel);
  if (isRestart(text)) return say(state, turn, t.restarted);
  if (!hasContent(text) && !parts.kept.length) {
    return parts.untranscribedVoice ? say(state, turn) : say(state, turn, t.emptyMessage);
  }
  if (!parts.kept.length) {
    if (isGreeting(text)) return say(state, turn, fill(t.welcome, { hotline: input.hotlineName }));
    if (isThanks(text)) return say(state, turn, t.thanks);
    if (isAcknowledgement(text)) return say(state, turn, t.acknowledged);
  }
  const faq = answerable(state, turn);
  if (faq) return faq;
  const limits = input.limits ?? DEFAULT_LIMITS;
  if ((input.ordersToday ?? 0) >= limits.ordersPerDay) {
    return say(state, turn, fill(t.orderLimit, { limit: limits.ordersPerDay }));
  }
  const start = emptyDraft(input.now);
  if (isIntentOnly(text)) {
    const type = input.extraction.appealType;
    return advance(
      state,
      { ...absorb(start, turn, false), ...(type && type !== '其他' ? { appealType: type } : {}) },
      turn,
    );
  }
  return advance(state, absorb(start, turn, true), turn);
}

/** The FAQ's answer to a question that opens a matter, unless the same answer was just given. */
function answerable(state: ConversationState, turn: Turn): IntakeOutcome | undefined {
  const { input } = turn;
  const faq = findFaq(input.faq ?? [], turn.text, input.extraction);
  if (!faq) return undefined;
  const last = state.lastFaq;
  if (last?.id === faq.id && input.now.getTime() - last.at.getTime() < FAQ_REPEAT_MS) return undefined;
  const draft = absorb(emptyDraft(input.now), turn, true);
  return {
    state: { ...dropDraft(state), lastFaq: { id: faq.id, at: input.now } },
    replies: turn.notes,
    answer: { faq, draft },
  };
}

/** The first message after a draft went idle: ask whether to go on, keeping the message. */
function idle(state: ConversationState, draft: DraftInProgress, turn: Turn): IntakeOutcome {
  const { input, text, parts } = turn;
  const t = input.templates;
  if (isCancel(text)) return say(dropDraft(state), turn, t.cancelled);
  if (isRestart(text)) return say(dropDraft(state), turn, t.restarted);
  const open = draft.asked as Open;
  if (isContinue(text) && !parts.kept.length) return advance(state, { ...draft, updatedAt: input.now }, turn);
  const keep = (hasContent(text) || parts.kept.length > 0) && !isSmallTalk(text);
  const held: HeldMessage | undefined = keep
    ? { text: input.text, attachments: input.attachments, extraction: input.extraction }
    : undefined;
  const summary = draft.title ?? (draft.description.slice(0, 20) || '问题');
  const asking: DraftInProgress = {
    ...withoutResume(draft),
    asked: 'resume',
    resumeTo: open,
    updatedAt: input.now,
    ...(held ? { held } : {}),
  };
  return { state: { ...state, draft: asking }, replies: [fill(t.resumeAsk, { summary })] };
}

/** The answer to "继续吗？". */
function resume(state: ConversationState, draft: DraftInProgress, turn: Turn): IntakeOutcome {
  const { input, text } = turn;
  const t = input.templates;
  const held = draft.held;
  const heldTurn = (notes: readonly string[]): Turn | undefined =>
    held && {
      input: { ...input, text: held.text, attachments: held.attachments, extraction: held.extraction },
      text: held.text.trim(),
      parts: sortAttachments(held.attachments),
      notes,
    };
  const back: DraftInProgress = {
    ...withoutResume(draft),
    asked: draft.resumeTo ?? 'description',
    updatedAt: input.now,
  };
  if (isCancel(text)) return say(dropDraft(state), turn, t.cancelled);
  if (isRestart(text)) {
    const again = heldTurn([t.restartedShort]);
    return again ? fresh(dropDraft(state), again) : say(dropDraft(state), turn, t.restarted);
  }
  const resumed = { ...state, draft: back };
  if (isContinue(text)) {
    const again = heldTurn(turn.notes);
    return again ? continueDraft(resumed, back, again) : advance(resumed, back, turn, { before: back });
  }
  if (!draft.repeats) {
    return {
      state: { ...state, draft: { ...draft, repeats: 1, updatedAt: input.now } },
      replies: [t.resumeHint],
    };
  }
  // A second answer that is neither: the resident is going on with it.
  return continueDraft(resumed, back, turn);
}

/** A turn while the bot waits for a description, a place, a phone or the confirmation. */
function continueDraft(state: ConversationState, draft: DraftInProgress, turn: Turn): IntakeOutcome {
  const { input, text, parts } = turn;
  const t = input.templates;
  const x = input.extraction;
  const asked = draft.asked as Open;
  const same = (d: Draft, repeats?: number) =>
    advance(state, d, turn, { before: draft, ...(repeats ? { repeats } : {}) });
  if (isCancel(text)) return say(dropDraft(state), turn, t.cancelled);
  if (isRestart(text)) return say(dropDraft(state), turn, t.restarted);
  const meaningful = hasContent(text);
  const bare = !parts.kept.length;
  if (!meaningful && bare) return same({ ...draft, updatedAt: input.now }, draft.repeats);
  if (asked === 'confirm' && bare && isConfirm(text)) {
    const limits = input.limits ?? DEFAULT_LIMITS;
    if ((input.ordersToday ?? 0) >= limits.ordersPerDay) {
      return say(dropDraft(state), turn, fill(t.orderLimit, { limit: limits.ordersPerDay }));
    }
    return { state: dropDraft(state), replies: turn.notes, file: withoutResume(draft) };
  }
  if (bare && (isGreeting(text) || isThanks(text) || isAcknowledgement(text))) {
    return same({ ...draft, updatedAt: input.now }, draft.repeats);
  }
  if (!hasContent(draft.description)) {
    const faq = answerable(state, turn);
    if (faq) return faq;
    if (isIntentOnly(text)) return same(absorb(draft, turn, false));
    return same(absorb(draft, turn, true));
  }
  if (asked === 'phone' && isPhoneDeclined(text))
    return same({ ...absorb(draft, turn, false), phoneDeclined: true });
  const correction = meaningful ? readCorrection(text, draft.location?.text) : undefined;
  if (correction) {
    const base = absorb(draft, turn, false);
    if (correction.field === 'dropPhone') {
      const { phone: _dropped, ...rest } = base;
      return same({ ...rest, phoneDeclined: true });
    }
    if (correction.field === 'location') {
      return same({ ...base, location: input.locate?.(correction.value) ?? { text: correction.value } });
    }
    return same({ ...base, description: correction.value, title: makeTitle(correction.value) });
  }
  const extra = (given: readonly (string | undefined)[]) => residue(text, given).length > 8;
  switch (asked) {
    case 'location': {
      const place = x.location ?? (parts.pinned ? { text: parts.pinned } : undefined);
      if (place) return same(absorb(draft, turn, extra([place.text, x.phone])));
      if (isPlaceUnknown(text)) return same({ ...absorb(draft, turn, false), location: { text: '不详' } });
      if (meaningful && looksLikePlace(text)) {
        // Whatever the resident answers to "where?" is the place, kept as written.
        return same({ ...absorb(draft, turn, false), location: { text } });
      }
      return same(absorb(draft, turn, meaningful));
    }
    case 'phone': {
      if (x.phone) return same(absorb(draft, turn, extra([x.phone, x.location?.text, findName(text)])));
      if (!meaningful) return same(absorb(draft, turn, false), draft.repeats);
      // More of the story (a piece typed after a pause) is not an answer: add it and ask again.
      if (text.length > MAX_PLACE_ANSWER) return same(absorb(draft, turn, true), draft.repeats);
      const next = absorb(draft, turn, !findName(text));
      const repeats = (draft.repeats ?? 0) + 1;
      // Asked twice and still no number: go on without one rather than ask a third time.
      return repeats >= 2 ? same({ ...next, phoneDeclined: true }) : same(next, repeats);
    }
    case 'confirm': {
      const names = x.phone || x.location || findName(text);
      if (names && !extra([x.phone, x.location?.text, findName(text)]))
        return same(absorb(draft, turn, false));
      return same(absorb(draft, turn, meaningful));
    }
    case 'description':
      return same(absorb(draft, turn, true));
  }
}
