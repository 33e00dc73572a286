import { parseCommand } from '../domain/commands.js';
import type { ConversationState } from '../domain/conversation-state.js';
import { isCancel, isConfirm, isGreeting, isRestart, isThanks } from '../domain/intake-words.js';
import { parseRating } from '../domain/survey-answers.js';

/** An answer to "where?" or "your phone?" is shorter than this; a longer one may add to the description. */
const SHORT_ANSWER_CHARS = 20;

/**
 * Whether a resident turn may use the LLM (the one call it is allowed). Only a description of a
 * problem is worth one: never a command or status query, a survey answer, a greeting, a yes/no,
 * or a short answer to a question the bot asked. `state` is the conversation as it was before the
 * turn, read without holding the lock while the LLM runs.
 */
export function llmAllowed(state: ConversationState, text: string): boolean {
  if (parseCommand(text)) return false;
  // While a survey is open every message may be an answer to it; a new problem is still filed offline.
  if (state.survey) return false;
  if (state.lastSurvey && !state.draft && parseRating(text)) return false;
  if (isGreeting(text) || isThanks(text) || isConfirm(text) || isCancel(text) || isRestart(text))
    return false;
  const asked = state.draft?.asked;
  if (asked && asked !== 'description' && Array.from(text.trim()).length < SHORT_ANSWER_CHARS) return false;
  return true;
}
