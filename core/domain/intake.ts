import type { Attachment } from '../messages.js';
import { fill, type Templates } from '../text/templates.js';
import type { Extraction } from '../understanding/extraction.js';
import { maskPhone } from '../understanding/rules/phones.js';
import type { ConversationState, DraftInProgress, DraftStep } from './conversation-state.js';
import type { Draft } from './draft.js';
import { isCancel, isConfirm, isGreeting, isPhoneDeclined, isRestart, isThanks } from './intake-words.js';

export interface IntakeInput {
  readonly text: string;
  readonly extraction: Extraction;
  readonly attachments: readonly Attachment[];
  readonly now: Date;
  readonly templates: Templates;
  readonly hotlineName: string;
}

export interface IntakeOutcome {
  readonly state: ConversationState;
  readonly replies: readonly string[];
  /** A confirmed draft to file as a work order. */
  readonly file?: Draft;
}

/** Matters that have no place (social insurance, policy questions…) don't ask where. */
const PLACELESS_CATEGORIES = ['劳动和社会保障', '民政', '纪检监察'];

function needsPlace(draft: Draft): boolean {
  if (draft.appealType === '咨询' || draft.appealType === '建议' || draft.appealType === '表扬') return false;
  const top = draft.category?.split('/')[0] ?? '';
  return !PLACELESS_CATEGORIES.includes(top);
}

function nextStep(draft: Draft): DraftStep {
  if (!draft.description.trim()) return 'description';
  if (!draft.location && needsPlace(draft)) return 'location';
  if (!draft.phone && !draft.phoneDeclined) return 'phone';
  return 'confirm';
}

/** Fields the new text fills; a later statement of a field replaces the earlier one (a correction). */
function merge(draft: Draft, input: IntakeInput, asDescription: boolean): Draft {
  const x = input.extraction;
  const description = asDescription
    ? [draft.description, input.text.trim()].filter(Boolean).join('\n')
    : draft.description;
  const flags = [...new Set([...draft.flags, ...(x.flags ?? [])])];
  return {
    ...draft,
    description,
    flags,
    attachments: [...draft.attachments, ...input.attachments],
    updatedAt: input.now,
    ...(x.phone ? { phone: x.phone, phoneDeclined: false } : {}),
    ...(x.location ? { location: x.location } : {}),
    ...(x.name ? { name: x.name } : {}),
    ...(x.occurredAt ? { occurredAt: x.occurredAt } : {}),
    ...(asDescription && x.category ? { category: x.category } : {}),
    ...(asDescription && x.appealType && (!draft.appealType || draft.appealType === '其他')
      ? { appealType: x.appealType }
      : {}),
    ...(x.urgency && rank(x.urgency) > rank(draft.urgency) ? { urgency: x.urgency } : {}),
    ...(x.mode ? { mode: x.mode } : {}),
    ...(asDescription && x.title && !draft.title ? { title: x.title } : {}),
  };
}

const rank = (u: Draft['urgency']) => (u === '特急' ? 2 : u === '紧急' ? 1 : 0);

export function readBack(draft: Draft): string {
  const lines = [
    `问题：${draft.title ?? draft.description.slice(0, 30)}`,
    `地点：${draft.location?.text ?? '（无）'}`,
    `电话：${draft.phone ? maskPhone(draft.phone) : '未留'}`,
  ];
  if (draft.category) lines.push(`类别：${draft.category}`);
  if (draft.attachments.length) lines.push(`附件：${draft.attachments.length} 个`);
  return lines.join('\n');
}

function ask(draft: Draft, step: DraftStep, templates: Templates): string {
  switch (step) {
    case 'description':
      return templates.askDescription;
    case 'location':
      return templates.askLocation;
    case 'phone':
      return templates.askPhone;
    case 'confirm':
      return fill(templates.readBack, { summary: readBack(draft) });
  }
}

function advance(
  state: ConversationState,
  draft: Draft,
  input: IntakeInput,
  prefix: string[] = [],
): IntakeOutcome {
  const step = nextStep(draft);
  const next: DraftInProgress = { ...draft, asked: step };
  return { state: { ...state, draft: next }, replies: [...prefix, ask(draft, step, input.templates)] };
}

/** One resident turn of the intake dialogue (commands and surveys are handled before this). */
export function intakeTurn(state: ConversationState, input: IntakeInput): IntakeOutcome {
  const { text, templates } = input;
  const draft = state.draft;
  const { draft: _dropped, ...rest } = state;
  if (isCancel(text))
    return { state: rest, replies: [draft ? templates.cancelled : templates.nothingToCancel] };
  if (isRestart(text)) return { state: rest, replies: [templates.restarted] };
  if (!draft) {
    if (isGreeting(text))
      return { state, replies: [fill(templates.welcome, { hotline: input.hotlineName })] };
    if (isThanks(text)) return { state, replies: [templates.thanks] };
    const fresh: Draft = {
      description: '',
      flags: [],
      attachments: [],
      startedAt: input.now,
      updatedAt: input.now,
    };
    return advance(state, merge(fresh, input, true), input);
  }
  if (draft.asked === 'confirm' && isConfirm(text)) {
    const { asked: _asked, ...confirmed } = draft;
    return { state: rest, replies: [], file: confirmed };
  }
  if (isThanks(text) && draft.asked !== 'description') return advance(state, draft, input);
  if (draft.asked === 'phone' && isPhoneDeclined(text)) {
    return advance(state, { ...draft, phoneDeclined: true, updatedAt: input.now }, input);
  }
  if (draft.asked === 'location' && !input.extraction.location && text.trim()) {
    // Whatever the resident answers to "where?" is the place, kept as written.
    const located = merge(draft, input, false);
    return advance(state, { ...located, location: { text: text.trim() } }, input);
  }
  const answersField =
    (draft.asked === 'phone' && input.extraction.phone) ||
    (draft.asked === 'location' && input.extraction.location) ||
    (draft.asked === 'confirm' && (input.extraction.phone || input.extraction.location));
  return advance(state, merge(draft, input, !answersField), input);
}
