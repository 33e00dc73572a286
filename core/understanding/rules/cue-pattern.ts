import { toHalfWidth } from '../../text/normalize.js';

/**
 * Cues are the word lists of the lexicon, in a small notation a county can edit in YAML:
 * `煤气味很大` is a plain word; `停水|停电` means either word; `停水|停电+整个小区|全村` means one word
 * of each `+`-separated part, in any order, inside the same clause (between two punctuation marks).
 */

/**
 * How far a hit is trusted. `negation`: a hit right after a negator (没有着火, 怕着火) does not count.
 * `full`: also not in a clause that speaks of a risk or a hypothesis (火灾隐患, 万一着火), nor of the
 * past (上次着火后一直没修) unless the same clause says it is still going on (现在, 还在).
 */
export type CueGuard = 'none' | 'negation' | 'full';

export interface GuardWords {
  readonly negators: readonly string[];
  readonly hypothetical: readonly string[];
  readonly past: readonly string[];
  readonly present: readonly string[];
}

export interface CueHit {
  /** The cue as written in the lexicon. */
  readonly cue: string;
  /** The words of the text that matched, one per part. */
  readonly words: readonly string[];
  /** Span of the first part's word in the text. */
  readonly start: number;
  readonly end: number;
}

export interface Clause {
  readonly text: string;
  readonly start: number;
}

const CLAUSE_END = /[,.!?;:，。！？；：\n]+\s*/g;
// Words that may stand between a negator and what it negates: 担心会着火, 没有发生火灾.
const NEGATION_FILLERS = '(?:会|有|再|被|发生|出现|引起|引发|造成|导致)';

/** A cue is valid when no part and no alternative is empty. */
export function isValidCue(cue: string): boolean {
  return cue.split('+').every((part) => part.split('|').every((word) => word.trim().length > 0));
}

/** Clauses end with their punctuation, so a cue such as `吗?` can still match. */
export function splitClauses(text: string): Clause[] {
  const clauses: Clause[] = [];
  let start = 0;
  for (const match of text.matchAll(CLAUSE_END)) {
    const end = match.index + match[0].length;
    clauses.push({ text: text.slice(start, end), start });
    start = end;
  }
  if (start < text.length) clauses.push({ text: text.slice(start), start });
  return clauses;
}

const compiledCues = new Map<string, string[][]>();
function compileCue(cue: string): string[][] {
  let parts = compiledCues.get(cue);
  if (!parts) {
    parts = toHalfWidth(cue)
      .split('+')
      .map((part) =>
        part
          .split('|')
          .map((word) => word.trim())
          .filter(Boolean),
      )
      .filter((part) => part.length > 0);
    compiledCues.set(cue, parts);
  }
  return parts;
}

const escapeRegExp = (word: string) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const negationPatterns = new WeakMap<GuardWords, RegExp | null>();
function negationPattern(words: GuardWords): RegExp | null {
  let pattern = negationPatterns.get(words);
  if (pattern === undefined) {
    const negators = words.negators;
    pattern = negators.length
      ? new RegExp(`(?:${negators.map(escapeRegExp).join('|')})${NEGATION_FILLERS}{0,2}$`)
      : null;
    negationPatterns.set(words, pattern);
  }
  return pattern;
}

const normalisedGuards = new WeakMap<GuardWords, GuardWords>();
function normaliseGuards(words: GuardWords): GuardWords {
  let normalised = normalisedGuards.get(words);
  if (!normalised) {
    const clean = (list: readonly string[]) => list.map((w) => toHalfWidth(w).trim()).filter(Boolean);
    normalised = {
      negators: clean(words.negators),
      hypothetical: clean(words.hypothetical),
      past: clean(words.past),
      present: clean(words.present),
    };
    normalisedGuards.set(words, normalised);
  }
  return normalised;
}

const containsAny = (text: string, words: readonly string[]) => words.some((word) => text.includes(word));

// The rules ask many questions of the same text in a row: split it once.
let lastText: string | undefined;
let lastClauses: Clause[] = [];
function clausesOf(normalised: string): Clause[] {
  if (normalised !== lastText) {
    lastText = normalised;
    lastClauses = splitClauses(normalised);
  }
  return lastClauses;
}

/** First occurrence of any of `alternatives` in the clause that is not negated. */
function findWord(
  clause: string,
  alternatives: readonly string[],
  negation: RegExp | null,
): { word: string; index: number } | undefined {
  let best: { word: string; index: number } | undefined;
  for (const word of alternatives) {
    let index = clause.indexOf(word);
    while (index >= 0 && negation?.test(clause.slice(Math.max(0, index - 8), index))) {
      index = clause.indexOf(word, index + 1);
    }
    if (index >= 0 && (!best || index < best.index)) best = { word, index };
  }
  return best;
}

// A clause that gives a calendar date (2017年9月1日晚) tells a story; an emergency is told without one.
const CALENDAR_DATE = /\d{4}年|\d{1,2}月\d{1,2}[日号]/;

function clauseIsGuardedOut(clause: string, words: GuardWords): boolean {
  if (containsAny(clause, words.hypothetical)) return true;
  const past = containsAny(clause, words.past) || CALENDAR_DATE.test(clause);
  return past && !containsAny(clause, words.present);
}

function* hitsOf(
  text: string,
  cues: readonly string[],
  guard: CueGuard,
  words?: GuardWords,
): Generator<CueHit> {
  const normalised = toHalfWidth(text);
  // Most texts contain none of a rule's words: skip the clause work for cues that cannot match.
  const candidates = cues.filter((cue) =>
    compileCue(cue).every((alternatives) => alternatives.some((word) => normalised.includes(word))),
  );
  if (candidates.length === 0) return;
  const guards = words && guard !== 'none' ? normaliseGuards(words) : undefined;
  const negation = guards ? negationPattern(guards) : null;
  for (const clause of clausesOf(normalised)) {
    if (guard === 'full' && guards && clauseIsGuardedOut(clause.text, guards)) continue;
    for (const cue of candidates) {
      const found = compileCue(cue).map((alternatives) => findWord(clause.text, alternatives, negation));
      if (found.length === 0 || found.some((hit) => hit === undefined)) continue;
      const first = found[0]!;
      const start = clause.start + first.index;
      yield { cue, words: found.map((hit) => hit!.word), start, end: start + first.word.length };
      break;
    }
  }
}

/** Every clause's first hit, in the order of the text; within a clause, earlier cues in the list win. */
export function findCues(
  text: string,
  cues: readonly string[],
  guard: CueGuard = 'none',
  words?: GuardWords,
): CueHit[] {
  return [...hitsOf(text, cues, guard, words)];
}

/** The first hit in the text, if any. */
export function findCue(
  text: string,
  cues: readonly string[],
  guard: CueGuard = 'none',
  words?: GuardWords,
): CueHit | undefined {
  return hitsOf(text, cues, guard, words).next().value ?? undefined;
}
