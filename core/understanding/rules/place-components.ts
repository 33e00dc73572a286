import type { Town } from '../../directory/directory-schema.js';
import type { Lexicon } from '../lexicon.js';

/**
 * The pieces a place phrase is made of (县 / 镇·街道 / 村·社区·小区 / 路·街 / 号楼 / 单元 …), found in
 * normalised text. Chinese has no spaces, so an unknown name is taken leftwards from its suffix
 * (东关|村) until a function word, a stop word, a non-Chinese character or a piece already found.
 */

export type ComponentKind = 'county' | 'town' | 'village' | 'road' | 'building' | 'unit';

export interface Component {
  readonly kind: ComponentKind;
  readonly start: number;
  readonly end: number;
  /** Canonical gazetteer names, when the piece is in the gazetteer. */
  readonly town?: string;
  readonly village?: string;
}

interface SuffixRule {
  readonly kind: ComponentKind;
  /** Longest first. */
  readonly suffixes: readonly string[];
  readonly maxName: number;
  /** Characters that end a name of this level (仲村镇|东关村, 育才路|富源小区). */
  readonly boundaries: string;
  /** The suffix is another word when followed by one of these (乡村, 镇压, 路灯, 街道). */
  readonly notBefore?: RegExp;
}

const VILLAGE_ENDS = '省市县区镇乡路街巷';
const SUFFIX_RULES: readonly SuffixRule[] = [
  {
    kind: 'county',
    suffixes: ['省', '市', '县'],
    maxName: 3,
    boundaries: '省市',
    notBefore: /^[城长委里民场]/,
  },
  {
    kind: 'town',
    suffixes: ['街道办事处', '街道办', '街道', '镇', '乡'],
    maxName: 3,
    boundaries: '省市县区',
    notBefore: /^[村镇下亲里压定静痛]/,
  },
  // 村民 and 村干部 are people: 扰乱村民 is no village 扰乱村.
  {
    kind: 'village',
    suffixes: ['村委会', '居委会', '社区', '新村', '村'],
    maxName: 4,
    boundaries: VILLAGE_ENDS,
    notBefore: /^(?:民|干部)/,
  },
  { kind: 'village', suffixes: ['小区', '花园', '家园', '公寓', '苑'], maxName: 6, boundaries: VILLAGE_ENDS },
  {
    kind: 'road',
    suffixes: ['大道', '大街', '胡同', '路', '街', '巷'],
    maxName: 4,
    boundaries: '省市县区镇乡村',
    notBefore: /^[道灯面况段牌人过线基肩沿障政费标]/,
  },
];

// One-character words that cannot be part of a place name.
const STOP_CHARS = new Set(
  '的了是在住到去来从往及跟与我你他她它们这那哪该此本各每全整个些不没很都也就还又把被让给对因所但而且或吗呢啊吧呀条进于等其说要可有叫据听想致未已曾刚需须应得着使令找问请称即均皆再并',
);
const isHan = (ch: string | undefined) => ch !== undefined && /\p{Script=Han}/u.test(ch);
const NUMBER = '[0-9一二三四五六七八九十]+';
// 3号楼, 三号楼, 12栋; but not 一栋 (一栋楼 is "a building").
const BUILDING = /(?<![0-9])(?:[0-9]+(?:号楼|栋|幢|号院)|[一二三四五六七八九十]+(?:号楼|号院))/g;
const UNIT = new RegExp(`(?<![0-9])${NUMBER}单元`, 'g');

const VILLAGE_AHEAD = /^(\p{Script=Han}{1,4}?)(?:村委会|居委会|社区|村)/u;
function startsWithVillage(rest: string): boolean {
  const name = VILLAGE_AHEAD.exec(rest)?.[1];
  return name !== undefined && ![...name].some((ch) => STOP_CHARS.has(ch) || '省市县区镇乡'.includes(ch));
}

export const villageKey = (name: string) => name.replace(/(?:村委会|居委会|社区|村)$/, '');

class Coverage {
  private readonly covered: boolean[];
  readonly components: Component[] = [];
  constructor(length: number) {
    this.covered = new Array<boolean>(length).fill(false);
  }
  isFree(start: number, end: number): boolean {
    for (let i = start; i < end; i++) if (this.covered[i]) return false;
    return true;
  }
  add(component: Component): void {
    for (let i = component.start; i < component.end; i++) this.covered[i] = true;
    this.components.push(component);
  }
}

function* occurrences(text: string, word: string): Generator<number> {
  if (!word) return;
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) yield at;
}

/** Start of the name written just before `end`, or undefined when there is no name of 2+ characters. */
function nameStart(
  text: string,
  end: number,
  rule: SuffixRule,
  coverage: Coverage,
  stopWords: readonly string[],
): number | undefined {
  let start = end;
  while (start > 0 && end - start < rule.maxName) {
    const ch = text[start - 1];
    if (
      !isHan(ch) ||
      STOP_CHARS.has(ch!) ||
      rule.boundaries.includes(ch!) ||
      !coverage.isFree(start - 1, start)
    )
      break;
    if (stopWords.some((word) => word && text.slice(0, start).endsWith(word))) break;
    start--;
  }
  if (end - start < 2) return undefined;
  // Cut short by the length limit, the name has no known beginning (打造美丽|乡村): not a place.
  const before = text[start - 1];
  const bounded =
    start === 0 ||
    !isHan(before) ||
    STOP_CHARS.has(before!) ||
    rule.boundaries.includes(before!) ||
    !coverage.isFree(start - 1, start) ||
    stopWords.some((word) => word && text.slice(0, start).endsWith(word));
  return bounded ? start : undefined;
}

function shortTownName(name: string): string | undefined {
  const short = name.replace(/(?:街道办事处|街道|镇|乡)$/, '');
  return short !== name && short.length >= 2 ? short : undefined;
}

/** All non-overlapping components, gazetteer names first. */
export function findComponents(text: string, towns: readonly Town[], words: Lexicon['places']): Component[] {
  const coverage = new Coverage(text.length);
  const addWord = (
    word: string,
    component: Omit<Component, 'start' | 'end'>,
    accept = (_end: number) => true,
  ) => {
    for (const start of occurrences(text, word)) {
      const end = start + word.length;
      if (coverage.isFree(start, end) && accept(end)) coverage.add({ ...component, start, end });
    }
  };
  const byLength = <T extends { word: string }>(entries: T[]) =>
    entries.sort((a, b) => b.word.length - a.word.length);

  const townNames = byLength(
    towns.flatMap((town) => [town.name, ...town.aliases].map((word) => ({ word, town }))),
  );
  for (const { word, town } of townNames) addWord(word, { kind: 'town', town: town.name });

  const villageNames = byLength(
    towns.flatMap((town) => town.villages.map((village) => ({ word: village, town, village }))),
  );
  // A town without its 镇/街道 counts only right before a village (仲村东关村), never before 县 (平邑县).
  for (const town of towns) {
    const short = shortTownName(town.name);
    if (!short) continue;
    const villageAfter = (end: number) =>
      town.villages.some((v) => text.startsWith(v, end)) || startsWithVillage(text.slice(end));
    addWord(short, { kind: 'town', town: town.name }, villageAfter);
  }
  for (const { word, town, village } of villageNames)
    addWord(word, { kind: 'village', town: town.name, village });

  const notPlace = (phrase: string) => words.notPlaces.some((w) => phrase.endsWith(w));
  for (const rule of SUFFIX_RULES) {
    for (const suffix of rule.suffixes) {
      for (const at of occurrences(text, suffix)) {
        const end = at + suffix.length;
        if (!coverage.isFree(at, end) || rule.notBefore?.test(text.slice(end))) continue;
        const start = nameStart(text, at, rule, coverage, words.stopWords);
        if (start === undefined || notPlace(text.slice(start, end))) continue;
        coverage.add({ kind: rule.kind, start, end });
      }
    }
  }
  for (const [kind, pattern] of [
    ['building', BUILDING],
    ['unit', UNIT],
  ] as const) {
    for (const match of text.matchAll(pattern)) {
      const end = match.index + match[0].length;
      if (coverage.isFree(match.index, end)) coverage.add({ kind, start: match.index, end });
    }
  }
  return coverage.components.sort((a, b) => a.start - b.start);
}
