import { APPEAL_TYPES, URGENCIES } from '../domain/vocabulary.js';
import type { LlmProposal } from '../ports/llm-port.js';

/** Titles on a work order are at most this many characters. */
export const TITLE_MAX_CHARS = 30;

/** Runs of this many digits (separators allowed) look like a phone or ID number. */
const PHONE_LIKE_DIGITS = 7;

const SEPARATORS_BETWEEN_DIGITS = /(\d)[\s\-–—.·()（）]+(?=\d)/gu;
const IGNORED_IN_COMPARISON = /[\s\p{P}\p{S}]/gu;

/**
 * Keeps only what a model proposed that the resident actually wrote or that the directory allows.
 * A model may paraphrase, but it may never invent a phone, a name, a place or a category.
 */
export function acceptProposal(
  proposal: LlmProposal,
  text: string,
  allowedCategories: readonly string[],
): LlmProposal {
  const accepted: { -readonly [K in keyof LlmProposal]: LlmProposal[K] } = {};

  if (proposal.appealType !== undefined && APPEAL_TYPES.includes(proposal.appealType)) {
    accepted.appealType = proposal.appealType;
  }
  if (proposal.urgency !== undefined && URGENCIES.includes(proposal.urgency)) {
    accepted.urgency = proposal.urgency;
  }
  const category =
    proposal.category === undefined ? undefined : matchCategory(proposal.category, allowedCategories);
  if (category !== undefined) accepted.category = category;

  const phone = proposal.phone === undefined ? undefined : phoneFromText(proposal.phone, text);
  if (phone !== undefined) accepted.phone = phone;

  const name = proposal.name?.trim();
  if (name && occursInText(name, text)) accepted.name = name;

  const locationText = proposal.locationText?.trim();
  if (locationText && occursInText(locationText, text)) accepted.locationText = locationText;

  const title = proposal.title === undefined ? undefined : acceptTitle(proposal.title);
  if (title !== undefined) accepted.title = title;

  return accepted;
}

function matchCategory(category: string, allowed: readonly string[]): string | undefined {
  // Models often write `一级 / 二级`; the directory's paths have no spaces around the slash.
  const path = category.trim().replace(/\s*\/\s*/g, '/');
  return allowed.includes(path) ? path : undefined;
}

/** Full-width digits become ASCII and separators inside a number disappear: `１３８-1234 5678` → `13812345678`. */
function joinDigits(text: string): string {
  return text.normalize('NFKC').replace(SEPARATORS_BETWEEN_DIGITS, '$1');
}

/** The digits of the proposed phone when they occur in the text, else undefined. */
function phoneFromText(phone: string, text: string): string | undefined {
  const digits = phone.normalize('NFKC').replace(/\D/g, '');
  if (digits.length === 0) return undefined;
  const runs = joinDigits(text).match(/\d+/g) ?? [];
  const candidates = [digits];
  // A model may add the country code the resident never typed.
  if (digits.startsWith('86') && digits.length === 13) candidates.push(digits.slice(2));
  return candidates.find((candidate) => runs.some((run) => run.includes(candidate)));
}

function comparable(text: string): string {
  return text.normalize('NFKC').replace(IGNORED_IN_COMPARISON, '').toLowerCase();
}

/** Substring test that ignores whitespace, punctuation and full-width/half-width differences. */
function occursInText(fragment: string, text: string): boolean {
  const needle = comparable(fragment);
  return needle.length > 0 && comparable(text).includes(needle);
}

function acceptTitle(title: string): string | undefined {
  const trimmed = title.trim();
  if (trimmed.length === 0) return undefined;
  // Titles are shown to departments and in reports: a number in one would leak the resident's phone or ID.
  const longestRun = Math.max(0, ...(joinDigits(trimmed).match(/\d+/g) ?? []).map((run) => run.length));
  if (longestRun >= PHONE_LIKE_DIGITS) return undefined;
  const chars = Array.from(trimmed);
  return chars.length <= TITLE_MAX_CHARS ? trimmed : chars.slice(0, TITLE_MAX_CHARS).join('').trimEnd();
}
