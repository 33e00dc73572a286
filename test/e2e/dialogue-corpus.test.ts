import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flattenCategories } from '../../core/directory/directory-index.js';
import { needsPlace } from '../../core/domain/intake-fields.js';
import type { Ticket } from '../../core/domain/ticket.js';
import { type DialogueHotline, startDialogueHotline } from '../support/dialogue.js';
import { REPO_ROOT } from '../support/test-hotline.js';

/**
 * Scripted conversations opened by real resident messages (read at run time, never copied here),
 * typed in 1–3 pieces, answered by a generic responder. Reports the share that end in a correct,
 * complete order and the average number of questions the bot asked.
 */

const DEV = path.resolve(REPO_ROOT, '../shared/data/complaints/dev.jsonl');
const CONVERSATIONS = 64;
const PARALLEL = 8;
const QUIET_WINDOW = 600;
/** The web channel takes up to 5,000 characters a message; longer openings come in more pieces. */
const MAX_PIECE = 4_500;
const PLACES = ['平邑街道东关社区', '仲村镇王家庄村', '卞桥镇蒋家庄村', '平邑街道莲花社区3号楼'];
const PHONE = '13812345678';

interface Outcome {
  readonly opening: string;
  readonly questions: number;
  /** Questions by kind (place, phone, confirm…). */
  readonly asked: Readonly<Record<string, number>>;
  readonly problems: readonly string[];
  readonly transcript: readonly string[];
}

/** Splits a message the way people type it: at punctuation near equal parts. */
function pieces(text: string, count: number): string[] {
  const parts: string[] = [];
  let start = 0;
  for (let k = 1; k < count; k++) {
    const target = Math.round((text.length * k) / count);
    let cut = target;
    for (let d = 0; d < 40; d++) {
      if (/[，。！？；,.!?;\s]/.test(text[target + d] ?? '')) {
        cut = target + d + 1;
        break;
      }
      if (/[，。！？；,.!?;\s]/.test(text[target - d] ?? '')) {
        cut = target - d + 1;
        break;
      }
    }
    if (cut > start && cut < text.length) {
      parts.push(text.slice(start, cut));
      start = cut;
    }
  }
  parts.push(text.slice(start));
  return parts.filter((p) => p.trim());
}

type Kind =
  | 'filed'
  | 'answered'
  | 'emergency'
  | 'confirm'
  | 'place'
  | 'phone'
  | 'resume'
  | 'describe'
  | 'note';

function classify(text: string): Kind {
  if (/^已受理，工单号/.test(text)) return 'filed';
  if (/已记录，编号/.test(text)) return 'answered';
  if (/立即拨打/.test(text)) return 'emergency';
  if (/请核对/.test(text)) return 'confirm';
  if (/继续吗/.test(text)) return 'resume';
  if (/哪里/.test(text)) return 'place';
  if (/电话|手机号/.test(text)) return 'phone';
  if (/请说说|请用文字/.test(text)) return 'describe';
  return 'note';
}

const squash = (text: string) => text.replace(/\s+/g, '');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function converse(d: DialogueHotline, opening: string, index: number): Promise<Outcome> {
  const resident = d.resident(`corpus-${index}`);
  const count = Math.max(1 + (index % 3), Math.ceil(opening.length / MAX_PIECE));
  const phone = index % 2 === 0 ? PHONE : '不留';
  const place = PLACES[index % PLACES.length]!;
  // Most type their pieces in one go (inside the quiet window); every fourth pauses between them.
  const typed = pieces(opening, count);
  if (index % 4 === 3) {
    for (const [i, piece] of typed.entries()) {
      if (i > 0) await sleep(QUIET_WINDOW + 500);
      await resident.says(piece);
    }
  } else await resident.says(...typed);
  let questions = 0;
  const asked: Record<string, number> = {};
  let answeredPlace = false;
  let terminal: Kind | undefined;
  for (let round = 0; round < 8 && !terminal; round++) {
    // Wait until the bot has finished answering: its last message is a question or an end, and
    // nothing more came for a while (a piece typed after a pause gets an answer of its own).
    let last: Kind = 'note';
    let heard = false;
    let lastHeard = Date.now();
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline) {
      await sleep(200);
      const kinds = (await resident.readNew()).map(classify);
      if (kinds.length) {
        heard = true;
        lastHeard = Date.now();
        for (const kind of kinds.filter((k) => k !== 'note' && k !== 'filed' && k !== 'answered')) {
          questions += 1;
          asked[kind] = (asked[kind] ?? 0) + 1;
        }
        last = kinds.at(-1)!;
      }
      const settled = Date.now() - lastHeard >= QUIET_WINDOW + 700;
      if (heard && last !== 'note' && (settled || last === 'filed' || last === 'answered')) break;
    }
    switch (last) {
      case 'filed':
      case 'answered':
      case 'emergency':
        terminal = last;
        break;
      case 'confirm':
        await resident.says('确认');
        break;
      case 'place':
        answeredPlace = true;
        await resident.says(place);
        break;
      case 'phone':
        await resident.says(phone);
        break;
      case 'resume':
        await resident.says('继续');
        break;
      default:
        terminal = 'note';
    }
  }
  const problems: string[] = [];
  const [order, ...more] = await d.ordersOf(resident.id);
  if (!order) problems.push(`no order (ended with ${terminal ?? 'no answer'})`);
  else {
    if (more.length) problems.push(`${more.length + 1} orders`);
    problems.push(...checkOrder(order, opening, d, phone));
    if (answeredPlace && order.location?.text !== place) problems.push('the place given was not kept');
  }
  return { opening, questions, asked, problems, transcript: resident.transcript };
}

function checkOrder(order: Ticket, opening: string, d: DialogueHotline, phone: string): string[] {
  const problems: string[] = [];
  if (!squash(order.description).includes(squash(opening))) problems.push('description lacks the opening');
  if (!flattenCategories(d.directory.categories).includes(order.category)) {
    problems.push(`category "${order.category}" is not a directory path`);
  }
  if (needsPlace(order) && !order.location?.text.trim()) problems.push('no place');
  if (order.mode !== '直接答复' && phone === PHONE && order.phone !== PHONE) problems.push('phone lost');
  return problems;
}

const available = existsSync(DEV);
if (!available)
  console.warn(`dialogue corpus skipped: ${DEV} not found (the real messages are not in the repo)`);

describe.skipIf(!available)('dialogue corpus: real openings, scripted follow-ups (no LLM)', () => {
  let d: DialogueHotline;
  beforeAll(async () => {
    d = await startDialogueHotline({ quietWindow: QUIET_WINDOW });
  });
  afterAll(async () => {
    await d?.stop();
  });

  it(`ends ≥ 95 % of ${CONVERSATIONS} conversations in a complete order with ≤ 3 bot questions on average`, async () => {
    const rows = readFileSync(DEV, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => (JSON.parse(line) as { body: string }).body.trim())
      .filter((body) => body.length >= 8);
    const stride = Math.floor(rows.length / CONVERSATIONS);
    const openings = Array.from({ length: CONVERSATIONS }, (_, i) => rows[i * stride]!);
    const outcomes: Outcome[] = [];
    for (let i = 0; i < openings.length; i += PARALLEL) {
      const batch = openings.slice(i, i + PARALLEL);
      outcomes.push(...(await Promise.all(batch.map((opening, j) => converse(d, opening, i + j)))));
    }
    const complete = outcomes.filter((o) => !o.problems.length).length / outcomes.length;
    const questions = outcomes.reduce((sum, o) => sum + o.questions, 0) / outcomes.length;
    const failures = outcomes.filter((o) => o.problems.length);
    const byKind: Record<string, number> = {};
    for (const o of outcomes)
      for (const [kind, n] of Object.entries(o.asked)) byKind[kind] = (byKind[kind] ?? 0) + n;
    console.log(
      [
        `dialogue corpus: ${outcomes.length} conversations`,
        `complete, correct orders: ${(complete * 100).toFixed(1)} %`,
        `bot questions per conversation: ${questions.toFixed(2)} (${Object.entries(byKind)
          .map(([kind, n]) => `${kind} ${(n / outcomes.length).toFixed(2)}`)
          .join(', ')})`,
        ...failures.map((o) => `  × ${o.problems.join('; ')} (opening of ${o.opening.length} characters)`),
      ].join('\n'),
    );
    // CORPUS_VERBOSE=1 prints what the bot said in each conversation (=failures: in the failed ones).
    if (process.env.CORPUS_VERBOSE) {
      for (const o of process.env.CORPUS_VERBOSE === 'failures' ? failures : outcomes)
        console.log(`── ${o.opening.slice(0, 40)}…\n${o.transcript.join('\n· ')}`);
    }
    expect(complete).toBeGreaterThanOrEqual(0.95);
    expect(questions).toBeLessThanOrEqual(3);
  }, 600_000);
});
