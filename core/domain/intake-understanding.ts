import type { ConversationState } from './conversation-state.js';
import {
  hasContent,
  isConfirm,
  isContinue,
  isIntentOnly,
  isPhoneDeclined,
  isSmallTalk,
} from './intake-words.js';

/**
 * Whether a turn's text may go to an LLM: only text that opens or describes a matter. Answers to
 * the bot's questions, corrections, confirmations, small talk and survey answers are read by rules.
 */
export function mayUseLlm(state: ConversationState, text: string): boolean {
  if (!hasContent(text) || isSmallTalk(text) || isConfirm(text) || isContinue(text)) return false;
  if (isIntentOnly(text) || isPhoneDeclined(text) || state.survey) return false;
  const asked = state.draft?.asked;
  return asked === undefined || asked === 'description';
}
