import type { Directory } from '../directory/directory-schema.js';
import type { Extraction } from '../understanding/extraction.js';

export type FaqEntry = Directory['faq'][number];

/** Longer messages tell a story of their own: they are filed, not answered from the FAQ. */
const MAX_QUESTION_LENGTH = 120;
const QUESTION =
  /[？?]|怎么|怎样|如何|哪里|哪儿|在哪|去哪|多少|几点|什么|吗|能不能|能否|可不可以|需要.{0,6}(?:材料|证件)/;

/** Whether the text asks something rather than reports a problem. */
export function isQuestion(text: string, extraction: Extraction): boolean {
  if (extraction.appealType && !['咨询', '求助', '其他'].includes(extraction.appealType)) return false;
  return extraction.appealType === '咨询' || QUESTION.test(text);
}

/**
 * The FAQ entry answering a resident's question: an entry matches when all words of one of its
 * groups appear. Reports and complaints, and long messages, are never answered from the FAQ.
 */
export function findFaq(
  entries: readonly FaqEntry[],
  text: string,
  extraction: Extraction,
): FaqEntry | undefined {
  const question = text.trim();
  if (!question || question.length > MAX_QUESTION_LENGTH || !isQuestion(question, extraction))
    return undefined;
  return entries.find((entry) => entry.match.some((group) => group.every((word) => question.includes(word))));
}
