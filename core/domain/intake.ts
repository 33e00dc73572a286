import { fill } from '../text/templates.js';
import { makeTitle } from '../understanding/make-title.js';
import type { ConversationState, DraftInProgress, HeldMessage } from './conversation-state.js';
import type { Draft } from './draft.js';
import { findFaq } from './faq.js';
import { sortAttachments } from './intake-attachments.js';
import {
  absorb,
  advance,
  DEFAULT_LIMITS,
  dropDraft,
  emptyDraft,
  FAQ_REPEAT_MS,
  type IntakeInput,
  type IntakeOutcome,
  LONG_MESSAGE,
  type Open,
  say,
  type Turn,
  withoutResume,
} from './intake-draft.js';
import { findName, looksLikePlace, MAX_PLACE_ANSWER, readCorrection, residue } from './intake-fields.js';
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

export type { IntakeInput, IntakeLimits, IntakeOutcome } from './intake-draft.js';
export { readBack } from './intake-read-back.js';

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
