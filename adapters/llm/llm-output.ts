import { z } from 'zod';
import { APPEAL_TYPES, URGENCIES } from '../../core/domain/vocabulary.js';
import type { LlmProposal } from '../../core/ports/llm-port.js';

export type ProposalField = keyof LlmProposal;

/** Bounds are generous: the guard trims and checks; these only stop runaway output. */
const FIELD_SCHEMAS = {
  appealType: z.enum(APPEAL_TYPES),
  category: z.string().max(80),
  urgency: z.enum(URGENCIES),
  title: z.string().max(200),
  phone: z.string().max(40),
  name: z.string().max(40),
  locationText: z.string().max(200),
} satisfies Record<ProposalField, z.ZodType>;

const FIELD_ENUMS: Partial<Record<ProposalField, readonly string[]>> = {
  appealType: APPEAL_TYPES,
  urgency: URGENCIES,
};

/** The fields to ask for, each once, in a stable order. */
export function requestedFields(missing: readonly ProposalField[]): ProposalField[] {
  return (Object.keys(FIELD_SCHEMAS) as ProposalField[]).filter((field) => missing.includes(field));
}

/**
 * JSON Schema of the answer, for `json_schema` and `tools`. Every field is required but nullable,
 * as OpenAI's strict mode wants; `null` means "not in the text".
 */
export function outputJsonSchema(fields: readonly ProposalField[]): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  for (const field of fields) {
    const values = FIELD_ENUMS[field];
    properties[field] =
      values === undefined
        ? { type: ['string', 'null'] }
        : { type: ['string', 'null'], enum: [...values, null] };
  }
  return { type: 'object', properties, required: [...fields], additionalProperties: false };
}

export type OutputResult =
  | { readonly ok: true; readonly proposal: LlmProposal }
  | { readonly ok: false; readonly error: string };

const MAX_ERROR_CHARS = 400;

/**
 * Validates what the model wrote. Keys that were not asked for are dropped; `null` and empty
 * strings mean "unknown". The error is written for the model (it is sent back once to repair).
 */
export function parseOutput(raw: string, fields: readonly ProposalField[]): OutputResult {
  let json: unknown;
  try {
    json = JSON.parse(stripCodeFence(raw));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, error: cap(`输出不是合法的 JSON：${reason}`) };
  }
  const shape: Record<string, z.ZodType> = {};
  for (const field of fields) shape[field] = FIELD_SCHEMAS[field].nullable().optional();
  const parsed = z.object(shape).safeParse(json);
  if (!parsed.success) return { ok: false, error: cap(`输出不符合要求：\n${z.prettifyError(parsed.error)}`) };

  const proposal: Record<string, string> = {};
  for (const field of fields) {
    const value = parsed.data[field];
    if (typeof value === 'string' && value.trim() !== '') proposal[field] = value.trim();
  }
  // Safe: every key was validated by the field's own schema above.
  return { ok: true, proposal: proposal as LlmProposal };
}

/** Some models wrap JSON in a Markdown fence even when asked not to. */
function stripCodeFence(raw: string): string {
  const fenced = /^\s*```(?:json)?\s*([\s\S]*?)\s*```\s*$/i.exec(raw);
  return fenced?.[1] ?? raw;
}

function cap(text: string): string {
  return text.length <= MAX_ERROR_CHARS ? text : `${text.slice(0, MAX_ERROR_CHARS)}…`;
}
