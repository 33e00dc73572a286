import type { Town } from '../../directory/directory-schema.js';
import { toHalfWidth } from '../../text/normalize.js';
import type { ExtractedLocation } from '../extraction.js';
import { type Lexicon, LexiconSchema } from '../lexicon.js';
import { type Component, type ComponentKind, findComponents, villageKey } from './place-components.js';

/**
 * The place a resident names: a chain of pieces written one after the other (平邑县仲村镇东关村3组,
 * 城东街道阳光小区3号楼前, 东阳路12号), with the town and village resolved against the gazetteer.
 * A place the gazetteer does not know is still returned as written. A county alone (平邑县) or
 * words such as 农村, 马路, 我们小区 are not places.
 */

const NUMBER = '[0-9一二三四五六七八九十百]+';
// Pieces that only make sense right after another: a house number after a road, a room after a
// unit or building, a group (组) after a village.
const FOLLOWERS: Partial<Record<ComponentKind, RegExp>> = {
  road: new RegExp(`^${NUMBER}号(?:院)?`),
  unit: /^\d{3,4}(?:室|号|户)?/,
  building: /^\d{3,4}(?:室|号|户)?/,
  village: new RegExp(`^${NUMBER}(?:组|队)`),
};
// Where exactly, after the place: 3号楼前, 东阳路与蒙山路交叉口, 村东头.
const TAIL =
  /^(?:十字路口|交叉口|交汇处|路口|门口|门前|楼前|楼后|楼下|楼道|[东西南北](?:侧|边|面|头)|附近|旁边|对面|一带|周边|后面|前面|里面|路段|(?:[前后里内口])(?![几天年段些期来半久面边院]))/;
// A higher level may be followed by a lower one after a comma or space (仲村镇，东关村); two roads
// may be joined by 与/和 (东阳路与蒙山路).
const RANK: Record<ComponentKind, number> = { county: 0, town: 1, village: 2, road: 3, building: 4, unit: 5 };
const ANCHORS: readonly ComponentKind[] = ['town', 'village', 'road', 'building', 'unit'];

interface Chain {
  readonly parts: Component[];
  readonly start: number;
  end: number;
}

let defaultPlaceWords: Lexicon['places'] | undefined;

function joinable(text: string, chain: Chain, next: Component): boolean {
  const previous = chain.parts.at(-1)!;
  const gap = text.slice(chain.end, next.start);
  if (gap === '') return true;
  if (/^[ ,、]$/.test(gap)) return RANK[next.kind] > RANK[previous.kind];
  return /^[与和]$/.test(gap) && previous.kind === 'road' && next.kind === 'road';
}

function buildChains(text: string, components: readonly Component[]): Chain[] {
  const chains: Chain[] = [];
  let current: Chain | undefined;
  for (const component of components) {
    // A piece already read as a follower of the chain (the 201 of 3号楼201) is part of it.
    if (current && component.start < current.end && component.end <= current.end) continue;
    if (current && (component.start < current.end || joinable(text, current, component))) {
      current.parts.push(component);
      current.end = component.end;
    } else {
      if (current) chains.push(current);
      current = { parts: [component], start: component.start, end: component.end };
    }
    extend(text, current);
  }
  if (current) chains.push(current);
  return chains;
}

/** A follower of the last piece (东阳路|12号, 2单元|301). */
function extend(text: string, chain: Chain): void {
  const last = chain.parts.at(-1)!;
  const follower = FOLLOWERS[last.kind]?.exec(text.slice(chain.end));
  if (follower) chain.end += follower[0].length;
}

function withTail(text: string, chain: Chain): number {
  const tail = TAIL.exec(text.slice(chain.end));
  return chain.end + (tail?.[0].length ?? 0);
}

function score(chain: Chain): number {
  let total = 0;
  for (const part of chain.parts) {
    if (part.kind === 'village' || part.kind === 'road') total += 3;
    else if (part.kind === 'town') total += part.town ? 2 : 1;
    else if (part.kind !== 'county') total += 1;
  }
  return total;
}

function resolve(text: string, chain: Chain, towns: readonly Town[]): ExtractedLocation {
  const town = chain.parts.find((p) => p.kind === 'town' && p.town)?.town;
  const villagePart = chain.parts.find((p) => p.kind === 'village');
  let village = villagePart?.village;
  let villageTown = villagePart?.town;
  if (villagePart && !village) {
    const written = text.slice(villagePart.start, villagePart.end);
    const key = villageKey(written);
    const known = towns.flatMap((t) =>
      t.villages.filter((v) => villageKey(v) === key).map((v) => ({ town: t.name, village: v })),
    );
    const inTown = known.filter((k) => !town || k.town === town);
    village = inTown.length === 1 ? inTown[0]!.village : written;
    villageTown = inTown.length === 1 ? inTown[0]!.town : undefined;
  }
  const resolvedTown = town ?? villageTown;
  return {
    text: text.slice(chain.start, withTail(text, chain)),
    ...(resolvedTown ? { town: resolvedTown } : {}),
    ...(village ? { village } : {}),
  };
}

/** The most specific place in the text (a village or road over a town alone; the first on a tie). */
export function findPlace(
  text: string,
  towns: readonly Town[],
  lexicon?: Lexicon,
): ExtractedLocation | undefined {
  defaultPlaceWords ??= LexiconSchema.parse({}).places;
  const words = lexicon?.places ?? defaultPlaceWords;
  const normalised = toHalfWidth(text);
  const chains = buildChains(normalised, findComponents(normalised, towns, words)).filter((chain) =>
    chain.parts.some((part) => ANCHORS.includes(part.kind)),
  );
  let best: Chain | undefined;
  for (const chain of chains) if (!best || score(chain) > score(best)) best = chain;
  if (!best) return undefined;
  const location = resolve(normalised, best, towns);
  // Spans are the same in the text as written, so the place is returned in the resident's characters.
  return { ...location, text: text.slice(best.start, best.start + location.text.length) };
}
