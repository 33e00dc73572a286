import { setTimeout as sleep } from 'node:timers/promises';
import OpenAI from 'openai';
import type {
  ChatCompletion,
  ChatCompletionCreateParamsNonStreaming,
  ChatCompletionMessageParam,
} from 'openai/resources/chat/completions';
import type { LlmPort, LlmProposal, LlmRequest } from '../../core/ports/llm-port.js';
import { acceptProposal } from '../../core/understanding/llm-guard.js';
import type { LlmConfig } from './llm-config.js';
import { parseOutput } from './llm-output.js';
import { buildPrompt, type LlmPrompt, RESPONSE_FORMAT_NAME, TOOL_NAME } from './llm-prompt.js';

/** Structural, so a pino logger fits. Resident text and model output are never logged. */
export interface LlmLogger {
  warn(fields: Record<string, unknown>, message: string): void;
  debug(fields: Record<string, unknown>, message: string): void;
}

export interface OpenAiLlmDeps {
  readonly logger?: LlmLogger;
}

/** `calls` counts every HTTP request made (first answer, repair, retries), for tests and metrics. */
export type OpenAiLlm = LlmPort & { readonly calls: number };

/** Retries after a 429, 5xx or dropped connection, per `propose`, all inside the timeout. */
export const MAX_RETRIES = 2;
/** A server's `retry-after` is honoured up to this; beyond it we would rather answer offline. */
export const MAX_RETRY_WAIT_MS = 2_000;
const BASE_BACKOFF_MS = 250;
const MAX_OUTPUT_TOKENS = 512;
/** How much of an invalid answer is echoed back in the repair request. */
const MAX_ECHO_CHARS = 800;

class LlmFailure extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

export function createOpenAiLlm(config: LlmConfig, deps: OpenAiLlmDeps = {}): OpenAiLlm {
  const client = new OpenAI({
    baseURL: config.baseUrl,
    // Never fall back to OPENAI_API_KEY from the environment: it would be sent to a foreign server.
    apiKey: config.apiKey ?? 'none',
    organization: null,
    project: null,
    maxRetries: 0,
    timeout: config.timeoutMs,
    // The SDK's debug log prints request bodies, i.e. the resident's words.
    logLevel: 'off',
  });
  let calls = 0;

  async function send(
    body: ChatCompletionCreateParamsNonStreaming,
    budget: { deadline: number; signal: AbortSignal; retriesLeft: number },
  ): Promise<ChatCompletion> {
    for (let attempt = 0; ; attempt += 1) {
      const remaining = budget.deadline - Date.now();
      if (remaining <= 0) throw new LlmFailure('timeout');
      calls += 1;
      try {
        return await client.chat.completions.create(body, {
          signal: budget.signal,
          timeout: remaining,
          maxRetries: 0,
        });
      } catch (error) {
        const wait = retryWait(error, attempt);
        if (wait === undefined || budget.retriesLeft <= 0) throw new LlmFailure(failureReason(error));
        if (Date.now() + wait >= budget.deadline)
          throw new LlmFailure(`${failureReason(error)}-no-time-to-retry`);
        budget.retriesLeft -= 1;
        await sleep(wait, undefined, { signal: budget.signal });
      }
    }
  }

  async function propose(request: LlmRequest): Promise<LlmProposal | undefined> {
    const prompt = buildPrompt(request, config.mode);
    if (prompt.fields.length === 0) return {};
    const started = Date.now();
    const callsBefore = calls;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), config.timeoutMs);
    const budget = {
      deadline: started + config.timeoutMs,
      signal: controller.signal,
      retriesLeft: MAX_RETRIES,
    };
    const log = (fields: Record<string, unknown>) => ({
      ...fields,
      mode: config.mode,
      model: config.model,
      calls: calls - callsBefore,
      ms: Date.now() - started,
    });
    try {
      const messages: ChatCompletionMessageParam[] = [
        { role: 'system', content: prompt.system },
        { role: 'user', content: prompt.user },
      ];
      let answer = readAnswer(await send(requestBody(config, prompt, messages), budget), config, prompt);
      if (answer.kind === 'invalid') {
        deps.logger?.debug(log({ reason: 'invalid-output' }), 'LLM answer invalid; asking once to repair it');
        messages.push(...answer.repair);
        answer = readAnswer(await send(requestBody(config, prompt, messages), budget), config, prompt);
      }
      if (answer.kind !== 'ok')
        throw new LlmFailure(answer.kind === 'invalid' ? 'invalid-output' : answer.kind);
      const accepted = acceptProposal(answer.proposal, request.text, request.categories);
      const dropped = Object.keys(answer.proposal).filter((key) => !(key in accepted));
      deps.logger?.debug(log({ fields: Object.keys(accepted), dropped }), 'LLM proposal accepted');
      return accepted;
    } catch (error) {
      const reason = controller.signal.aborted ? 'timeout' : failureReason(error);
      deps.logger?.warn(log({ reason }), 'LLM proposal failed; the offline result stands');
      return undefined;
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    propose,
    get calls() {
      return calls;
    },
  };
}

function requestBody(
  config: LlmConfig,
  prompt: LlmPrompt,
  messages: ChatCompletionMessageParam[],
): ChatCompletionCreateParamsNonStreaming {
  const base = { model: config.model, messages: [...messages], max_tokens: MAX_OUTPUT_TOKENS };
  switch (config.mode) {
    case 'json_schema':
      return {
        ...base,
        response_format: {
          type: 'json_schema',
          json_schema: { name: RESPONSE_FORMAT_NAME, strict: true, schema: prompt.schema },
        },
      };
    case 'json_object':
      return { ...base, response_format: { type: 'json_object' } };
    case 'tools':
      return {
        ...base,
        tools: [
          {
            type: 'function',
            function: {
              name: TOOL_NAME,
              description: '提交从群众原话中整理出的字段',
              parameters: prompt.schema,
            },
          },
        ],
        tool_choice: { type: 'function', function: { name: TOOL_NAME } },
      };
  }
}

type Answer =
  | { readonly kind: 'ok'; readonly proposal: LlmProposal }
  | { readonly kind: 'invalid'; readonly repair: ChatCompletionMessageParam[] }
  | { readonly kind: 'refused' | 'no-answer' };

function readAnswer(completion: ChatCompletion, config: LlmConfig, prompt: LlmPrompt): Answer {
  const message = completion.choices?.[0]?.message;
  if (message === undefined) return { kind: 'no-answer' };
  if (message.refusal) return { kind: 'refused' };
  const toolCall = message.tool_calls?.find((call) => call.type === 'function');
  const raw = config.mode === 'tools' && toolCall ? toolCall.function.arguments : (message.content ?? '');
  const result = parseOutput(raw, prompt.fields);
  if (result.ok) return { kind: 'ok', proposal: result.proposal };

  const fix =
    config.mode === 'tools'
      ? `${result.error}\n请重新调用工具 ${TOOL_NAME}，参数只含要求的字段。`
      : `${result.error}\n请只输出符合要求的 JSON 对象。`;
  const echo = raw.length <= MAX_ECHO_CHARS ? raw : raw.slice(0, MAX_ECHO_CHARS);
  if (config.mode === 'tools' && toolCall) {
    return {
      kind: 'invalid',
      repair: [
        {
          role: 'assistant',
          content: null,
          tool_calls: [
            {
              id: toolCall.id,
              type: 'function',
              function: { name: toolCall.function.name, arguments: echo },
            },
          ],
        },
        { role: 'tool', tool_call_id: toolCall.id, content: fix },
      ],
    };
  }
  return {
    kind: 'invalid',
    repair: [
      { role: 'assistant', content: echo },
      { role: 'user', content: fix },
    ],
  };
}

/** How long to wait before retrying, or undefined when the error is not worth a retry. */
function retryWait(error: unknown, attempt: number): number | undefined {
  if (error instanceof OpenAI.APIUserAbortError || error instanceof OpenAI.APIConnectionTimeoutError)
    return undefined;
  const backoff = Math.min(BASE_BACKOFF_MS * 2 ** attempt, MAX_RETRY_WAIT_MS);
  if (error instanceof OpenAI.APIConnectionError) return backoff;
  if (!(error instanceof OpenAI.APIError) || error.status === undefined) return undefined;
  const status = error.status;
  if (status !== 408 && status !== 409 && status !== 429 && status < 500) return undefined;
  const asked = retryAfterMs(error.headers);
  return Math.min(asked ?? backoff, MAX_RETRY_WAIT_MS);
}

function retryAfterMs(headers: Headers | undefined): number | undefined {
  const ms = Number.parseFloat(headers?.get('retry-after-ms') ?? '');
  if (Number.isFinite(ms) && ms >= 0) return ms;
  const value = headers?.get('retry-after');
  if (!value) return undefined;
  const seconds = Number.parseFloat(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isFinite(date) ? Math.max(0, date - Date.now()) : undefined;
}

function failureReason(error: unknown): string {
  if (error instanceof LlmFailure) return error.reason;
  if (error instanceof OpenAI.APIUserAbortError || error instanceof OpenAI.APIConnectionTimeoutError)
    return 'timeout';
  if (error instanceof OpenAI.APIConnectionError) return 'connection';
  if (error instanceof OpenAI.APIError && error.status !== undefined) return `http-${error.status}`;
  if (error instanceof Error && error.name === 'AbortError') return 'timeout';
  return 'error';
}
