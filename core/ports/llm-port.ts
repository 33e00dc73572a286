import type { AppealType, Urgency } from '../domain/vocabulary.js';

/** Fields an optional LLM may propose; every one is checked against the text before it is used. */
export interface LlmProposal {
  readonly appealType?: AppealType;
  readonly category?: string;
  readonly urgency?: Urgency;
  readonly title?: string;
  readonly phone?: string;
  readonly name?: string;
  readonly locationText?: string;
}

export interface LlmRequest {
  /** The resident's own words (data, never instructions). */
  readonly text: string;
  /** Category paths the directory allows. */
  readonly categories: readonly string[];
  /** Which fields the offline layers could not fill. */
  readonly missing: readonly (keyof LlmProposal)[];
}

/** An OpenAI-compatible model, when one is configured. Never throws: failure → undefined. */
export interface LlmPort {
  propose(request: LlmRequest): Promise<LlmProposal | undefined>;
}
