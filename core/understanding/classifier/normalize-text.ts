/*
 * The classifier keeps its own normalisation rather than sharing the rules' helpers: a shipped model
 * was trained on exactly this mapping, and any change to it must come with a retrained model.
 * It is one pass over the UTF-16 code units into a reusable buffer, because it runs on every
 * message at thousands of messages per second; the regular-expression equivalent is in the tests.
 */

const SPACE = 32;
const STAR = 42;
const DASH = 45;
const ZERO = 48;
const X = 120;
const TIMES = 0xd7;

function isSpace(c: number): boolean {
  return (
    c <= SPACE ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200b) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/** Full-width ASCII → half-width, A–Z → a–z. */
function fold(c: number): number {
  const half = c >= 0xff01 && c <= 0xff5e ? c - 0xfee0 : c;
  return half >= 65 && half <= 90 ? half + 32 : half;
}

const isDigit = (c: number) => c >= ZERO && c <= 57;

/** Length of the run of code units equal (after folding) to `c` starting at `from`. */
function runLength(text: string, from: number, c: number): number {
  let j = from;
  while (j < text.length && fold(text.charCodeAt(j)) === c) j++;
  return j - from;
}

/**
 * Writes the normalised text into `out` (capacity ≥ text.length) and returns its length:
 * full-width → half-width, A–Z lower-cased; masks the anonymiser left (`**…`, `xxxx…`, `0000-00000…`)
 * become a space, since their form says nothing about the topic; every run of digits becomes one `0`
 * (amounts, dates and house numbers differ, their presence matters); runs of whitespace become one
 * space; no space at either end.
 */
export function normalizeInto(text: string, out: Uint16Array): number {
  const len = text.length;
  let n = 0;
  let space = false;
  let i = 0;
  const emit = (c: number) => {
    if (space && n > 0) out[n++] = SPACE;
    space = false;
    out[n++] = c;
  };
  while (i < len) {
    const c = fold(text.charCodeAt(i));
    if (isSpace(c)) {
      space = true;
      i++;
    } else if (c === STAR || c === X || c === TIMES) {
      const run = runLength(text, i, c);
      if (run >= (c === STAR ? 2 : 4)) space = true;
      else for (let r = 0; r < run; r++) emit(c);
      i += run;
    } else if (isDigit(c)) {
      let j = i + 1;
      while (j < len && isDigit(fold(text.charCodeAt(j)))) j++;
      const zeros = runLength(text, i, ZERO);
      if (zeros === 4 && j === i + 4 && j < len && fold(text.charCodeAt(j)) === DASH) {
        const tail = runLength(text, j + 1, ZERO);
        if (tail >= 5) {
          space = true;
          i = j + 1 + tail;
          continue;
        }
      }
      emit(ZERO);
      i = j;
    } else {
      emit(c);
      i++;
    }
  }
  return n;
}

/** Text as the classifier sees it (see `normalizeInto`). */
export function normalizeForClassifier(text: string): string {
  const buffer = new Uint16Array(text.length);
  const n = normalizeInto(text, buffer);
  let out = '';
  for (let i = 0; i < n; i += 4096) out += String.fromCharCode(...buffer.subarray(i, Math.min(n, i + 4096)));
  return out;
}
