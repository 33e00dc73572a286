import { flattenCategories } from '../directory/directory-index.js';
import type { Directory } from '../directory/directory-schema.js';
import type { AppealType } from '../domain/vocabulary.js';
import type { ClassifierPort } from '../ports/classifier-port.js';
import type { LlmPort, LlmProposal } from '../ports/llm-port.js';
import type { UnderstandingPort } from '../ports/understanding-port.js';
import type { Extraction } from './extraction.js';
import { matchCategory } from './keyword-category.js';
import { acceptProposal } from './llm-guard.js';
import { makeTitle, withoutSpans } from './make-title.js';
import {
  detectAppealType,
  detectEmergency,
  detectFlags,
  detectMode,
  detectUrgency,
  findIdNumbers,
  findPhones,
  findPlace,
  parseTimeExpression,
} from './rules/index.js';

export interface UnderstandingDeps {
  readonly directory: Directory;
  readonly classifier?: ClassifierPort;
  readonly llm?: LlmPort;
  /** Below this the classifier's first-level label is not trusted over keywords. */
  readonly minConfidence?: number;
}

/** Texts shorter than this are answers to a question (a phone, a place), not worth an LLM call. */
const LLM_MIN_LENGTH = 12;

/** First-level category: the classifier where it is sure, keywords for what it does not know. */
function chooseCategory(text: string, deps: UnderstandingDeps): { path?: string; confidence?: number } {
  const keyword = matchCategory(deps.directory.categories, text);
  const predicted = deps.classifier?.classify({ body: text });
  // A label the directory's tree does not have is not a category of this county.
  const tops = new Set(deps.directory.categories.map((c) => c.name));
  const known = new Set((deps.classifier?.labels ?? []).filter((label) => tops.has(label)));
  const sure = predicted && predicted.confidence >= (deps.minConfidence ?? 0.5);
  if (keyword && (!sure || !known.has(keyword.path.split('/')[0]!))) return { path: keyword.path };
  if (predicted && sure && known.has(predicted.category)) {
    const within = matchCategory(deps.directory.categories, text, predicted.category);
    return { path: within?.path ?? predicted.category, confidence: predicted.confidence };
  }
  return keyword ? { path: keyword.path } : {};
}

/** The three layers: rules for exact fields, the trained classifier, then an LLM only for what is missing. */
export function createUnderstanding(deps: UnderstandingDeps): UnderstandingPort {
  const { directory } = deps;
  const lexicon = directory.lexicon;
  return {
    async understand(text, { now, allowLlm }) {
      const phones = findPhones(text);
      const ids = findIdNumbers(text);
      const phone = phones[0]?.value;
      const location = findPlace(text, directory.towns, lexicon);
      const time = parseTimeExpression(text, now);
      const urgency = detectUrgency(text, lexicon).urgency;
      const flags = detectFlags(text, lexicon);
      const mode = detectMode(flags, urgency);
      const emergency = detectEmergency(text, lexicon);
      const category = chooseCategory(text, deps);
      let appealType: AppealType = detectAppealType(text, lexicon);
      let categoryPath = category.path;
      // Titles are shown to departments and in lists: never a phone or an ID number.
      let title = makeTitle(withoutSpans(text, [...phones, ...ids]));
      if (allowLlm && deps.llm && text.length >= LLM_MIN_LENGTH && (!categoryPath || appealType === '其他')) {
        const missing: (keyof LlmProposal)[] = [];
        if (!categoryPath) missing.push('category', 'title');
        if (appealType === '其他') missing.push('appealType');
        const categories = flattenCategories(directory.categories);
        // The port promises never to throw; should one break that, the offline result still stands.
        const proposed = await deps.llm.propose({ text, categories, missing }).catch(() => undefined);
        // Checked here too, whatever the adapter: nothing the resident did not write, no unknown category.
        const proposal = proposed && acceptProposal(proposed, text, categories);
        if (proposal?.category && !categoryPath) categoryPath = proposal.category;
        if (proposal?.appealType && appealType === '其他') appealType = proposal.appealType;
        if (proposal?.title && missing.includes('title')) title = proposal.title;
      }
      const extraction: Extraction = {
        appealType,
        urgency,
        flags,
        title,
        ...(categoryPath ? { category: categoryPath } : {}),
        ...(category.confidence !== undefined ? { categoryConfidence: category.confidence } : {}),
        ...(mode ? { mode } : {}),
        ...(phone ? { phone } : {}),
        ...(location ? { location } : {}),
        ...(time.occurredAt ? { occurredAt: time.occurredAt } : {}),
        ...(time.duration ? { duration: time.duration } : {}),
        ...(emergency ? { emergency } : {}),
        ...(ids.length ? { hasIdNumber: true } : {}),
      };
      return extraction;
    },
  };
}
