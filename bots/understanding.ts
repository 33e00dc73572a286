import { describeLlmConfig, parseLlmConfig } from '../adapters/llm/llm-config.js';
import { createOpenAiLlm } from '../adapters/llm/openai-llm.js';
import type { Directory } from '../core/directory/directory-schema.js';
import type { UnderstandingPort } from '../core/ports/understanding-port.js';
import { createUnderstanding as compose } from '../core/understanding/understand.js';
import type { Logger } from './logger.js';

/** Rules + the shipped classifier, and an LLM only when the environment configures one. */
export async function createUnderstanding(options: {
  directory: Directory;
  env: Readonly<Record<string, string | undefined>>;
  logger: Logger;
}): Promise<UnderstandingPort> {
  const llmConfig = parseLlmConfig(options.env);
  options.logger.info({ llm: describeLlmConfig(llmConfig) }, 'understanding configured');
  const llm = llmConfig
    ? createOpenAiLlm(llmConfig, { logger: options.logger.child({ component: 'llm' }) })
    : undefined;
  return compose({ directory: options.directory, ...(llm ? { llm } : {}) });
}
