import type { Extraction } from '../understanding/extraction.js';

/** Reads what a resident wrote. May be slow (an LLM): never called while a lock is held. */
export interface UnderstandingPort {
  understand(text: string, context: { readonly now: Date; readonly allowLlm: boolean }): Promise<Extraction>;
}
