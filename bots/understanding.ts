import { existsSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_MODEL_PATH, loadClassifier } from '../adapters/classifier/model-file.js';
import { describeLlmConfig, parseLlmConfig } from '../adapters/llm/llm-config.js';
import { createOpenAiLlm } from '../adapters/llm/openai-llm.js';
import type { Directory } from '../core/directory/directory-schema.js';
import type { ClassifierPort } from '../core/ports/classifier-port.js';
import type { UnderstandingPort } from '../core/ports/understanding-port.js';
import { createUnderstanding as compose } from '../core/understanding/understand.js';
import type { Logger } from './logger.js';

/** A model file written by `hotline train`; unset → the shipped model when it exists; `off` → none. */
export const CLASSIFIER_ENV = 'HOTLINE_CLASSIFIER';

export interface UnderstandingOptions {
  readonly directory: Directory;
  /** The raw environment: `LLM_*` and `HOTLINE_CLASSIFIER` are read from it. */
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly logger: Logger;
  /** Relative model paths are resolved against this (default: the process's). */
  readonly cwd?: string;
}

export interface Understanding {
  readonly port: UnderstandingPort;
  /** The model file in use, if any. */
  readonly classifierFile?: string;
  /** Whether an LLM is configured (only then can anything leave the machine). */
  readonly llm: boolean;
}

/** Which model file to load, or undefined for none. An explicit file must exist; the shipped one may not. */
function classifierFile(options: UnderstandingOptions): string | undefined {
  const configured = options.env[CLASSIFIER_ENV]?.trim();
  if (configured === 'off' || configured === 'none') return undefined;
  if (configured) return path.resolve(options.cwd ?? process.cwd(), configured);
  return existsSync(DEFAULT_MODEL_PATH) ? DEFAULT_MODEL_PATH : undefined;
}

/**
 * Rules, the trained classifier when a model file is there, and an LLM only when the environment
 * configures one. The app and `hotline extract` both build their understanding here, so the CLI
 * reads a message exactly as the bot does.
 */
export async function buildUnderstanding(options: UnderstandingOptions): Promise<Understanding> {
  const file = classifierFile(options);
  // A model that is configured or shipped but unreadable stops startup: it is a broken install.
  const classifier: ClassifierPort | undefined = file ? await loadClassifier(file) : undefined;
  const llmConfig = parseLlmConfig(options.env);
  options.logger.info(
    { classifier: file ?? 'none', llm: describeLlmConfig(llmConfig) },
    'understanding configured',
  );
  const llm = llmConfig
    ? createOpenAiLlm(llmConfig, { logger: options.logger.child({ component: 'llm' }) })
    : undefined;
  const port = compose({
    directory: options.directory,
    ...(classifier ? { classifier } : {}),
    ...(llm ? { llm } : {}),
  });
  return { port, ...(file ? { classifierFile: file } : {}), llm: llm !== undefined };
}

/** The understanding port the app uses. */
export async function createUnderstanding(options: UnderstandingOptions): Promise<UnderstandingPort> {
  return (await buildUnderstanding(options)).port;
}
