import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { z } from 'zod';
import { FeatureConfigSchema } from '../../core/understanding/classifier/feature-config.js';
import {
  createLinearClassifier,
  type LinearClassifier,
  type LinearModel,
} from '../../core/understanding/classifier/linear-model.js';

/**
 * File layout: "HLCM" | uint32 LE header length | header JSON (UTF-8) | deflate-raw payload.
 * The payload holds only the buckets the model uses (a bitmap says which), their IDF as uint8 and
 * their weights as int8, each label with its own scale: a 2^20-bucket model stays a few MB.
 */
const MAGIC = 'HLCM';
export const MODEL_FILE_VERSION = 1;

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** The model shipped with the product; see docs/classifier.md for how it was trained. */
export const DEFAULT_MODEL_PATH = path.join(REPO_ROOT, 'config/models/classifier.bin');

const HeaderSchema = z.object({
  format: z.literal('hotline-classifier'),
  version: z.literal(MODEL_FILE_VERSION),
  labels: z.array(z.string().min(1)).min(2),
  features: FeatureConfigSchema,
  temperature: z.number().positive(),
  bias: z.array(z.number()),
  usedBuckets: z.number().int().nonnegative(),
  idfRange: z.tuple([z.number(), z.number()]),
  weightScales: z.array(z.number().nonnegative()),
  provenance: z
    .object({
      trainedAt: z.string(),
      examples: z.number().int(),
      source: z.string().optional(),
      algorithm: z.string(),
      hyperParameters: z.record(z.string(), z.union([z.number(), z.string(), z.boolean()])),
    })
    .optional(),
});

export class ModelFileError extends Error {
  override readonly name = 'ModelFileError';
}

export function serializeModel(model: LinearModel): Buffer {
  const k = model.labels.length;
  const dims = model.idf.length;
  const bitmap = new Uint8Array(Math.ceil(dims / 8));
  let used = 0;
  let idfMin = Infinity;
  let idfMax = -Infinity;
  for (let b = 0; b < dims; b++) {
    const idf = model.idf[b]!;
    if (idf === 0) continue;
    bitmap[b >> 3]! |= 1 << (b & 7);
    used++;
    idfMin = Math.min(idfMin, idf);
    idfMax = Math.max(idfMax, idf);
  }
  if (used === 0) idfMin = idfMax = 1;
  const weightScales = new Array<number>(k).fill(0);
  for (let b = 0; b < dims; b++) {
    if (model.idf[b] === 0) continue;
    for (let j = 0; j < k; j++)
      weightScales[j] = Math.max(weightScales[j]!, Math.abs(model.weights[b * k + j]!));
  }
  for (let j = 0; j < k; j++) weightScales[j] = weightScales[j]! / 127;
  const idfBytes = new Uint8Array(used);
  const weightBytes = new Int8Array(used * k);
  const idfStep = (idfMax - idfMin) / 254 || 1;
  let u = 0;
  for (let b = 0; b < dims; b++) {
    if (model.idf[b] === 0) continue;
    // 1..255: 0 would read as "unused"
    idfBytes[u] = 1 + Math.round((model.idf[b]! - idfMin) / idfStep);
    for (let j = 0; j < k; j++) {
      const scale = weightScales[j]!;
      weightBytes[u * k + j] = scale > 0 ? Math.round(model.weights[b * k + j]! / scale) : 0;
    }
    u++;
  }
  const header = Buffer.from(
    JSON.stringify({
      format: 'hotline-classifier',
      version: MODEL_FILE_VERSION,
      labels: [...model.labels],
      features: model.features,
      temperature: model.temperature,
      bias: Array.from(model.bias),
      usedBuckets: used,
      idfRange: [idfMin, idfMax],
      weightScales,
      provenance: model.provenance,
    } satisfies z.input<typeof HeaderSchema>),
    'utf8',
  );
  const payload = deflateRawSync(Buffer.concat([bitmap, idfBytes, new Uint8Array(weightBytes.buffer)]), {
    level: 9,
  });
  const prefix = Buffer.alloc(8);
  prefix.write(MAGIC, 0, 'latin1');
  prefix.writeUInt32LE(header.length, 4);
  return Buffer.concat([prefix, header, payload]);
}

export function deserializeModel(file: Buffer, name = 'model'): LinearModel {
  if (file.length < 8 || file.toString('latin1', 0, 4) !== MAGIC) {
    throw new ModelFileError(`${name}: not a hotline classifier model file`);
  }
  const headerLength = file.readUInt32LE(4);
  let json: unknown;
  try {
    json = JSON.parse(file.toString('utf8', 8, 8 + headerLength));
  } catch {
    throw new ModelFileError(`${name}: model header is not valid JSON`);
  }
  const parsed = HeaderSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ModelFileError(
      `${name}: unsupported model header (${issue?.path.join('.') || 'root'}: ${issue?.message ?? 'invalid'})`,
    );
  }
  const header = parsed.data;
  const k = header.labels.length;
  const dims = 2 ** header.features.hashBits;
  if (header.bias.length !== k || header.weightScales.length !== k) {
    throw new ModelFileError(`${name}: bias or scales do not match the ${k} labels`);
  }
  let payload: Buffer;
  try {
    payload = inflateRawSync(file.subarray(8 + headerLength));
  } catch {
    throw new ModelFileError(`${name}: model payload is corrupt`);
  }
  const bitmapLength = Math.ceil(dims / 8);
  const used = header.usedBuckets;
  if (payload.length !== bitmapLength + used + used * k) {
    throw new ModelFileError(`${name}: model payload has the wrong size`);
  }
  const idfBytes = payload.subarray(bitmapLength, bitmapLength + used);
  const weightBytes = new Int8Array(payload.buffer, payload.byteOffset + bitmapLength + used, used * k);
  const [idfMin, idfMax] = header.idfRange;
  const idfStep = (idfMax - idfMin) / 254 || 1;
  const idf = new Float32Array(dims);
  const weights = new Float32Array(dims * k);
  const scales = Float32Array.from(header.weightScales);
  let u = 0;
  for (let byte = 0; byte < bitmapLength; byte++) {
    const bits = payload[byte]!;
    if (bits === 0) continue;
    for (let bit = 0; bit < 8; bit++) {
      if ((bits & (1 << bit)) === 0) continue;
      if (u >= used) throw new ModelFileError(`${name}: model bitmap disagrees with its header`);
      const b = byte * 8 + bit;
      idf[b] = idfMin + (idfBytes[u]! - 1) * idfStep;
      for (let j = 0; j < k; j++) weights[b * k + j] = weightBytes[u * k + j]! * scales[j]!;
      u++;
    }
  }
  if (u !== used) throw new ModelFileError(`${name}: model bitmap disagrees with its header`);
  return {
    labels: header.labels,
    features: header.features,
    idf,
    weights,
    bias: Float32Array.from(header.bias),
    temperature: header.temperature,
    ...(header.provenance ? { provenance: header.provenance } : {}),
  };
}

/** Writes next to the target and renames, so a crash never leaves half a model where one was. */
export async function saveModel(file: string, model: LinearModel): Promise<number> {
  const bytes = serializeModel(model);
  await mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, bytes);
  await rename(temporary, file);
  return bytes.length;
}

export async function loadModel(file: string = DEFAULT_MODEL_PATH): Promise<LinearModel> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ModelFileError(
      code === 'ENOENT' ? `${file}: model file not found` : `${file}: cannot read model (${code})`,
    );
  }
  return deserializeModel(bytes, file);
}

export async function loadClassifier(file: string = DEFAULT_MODEL_PATH): Promise<LinearClassifier> {
  return createLinearClassifier(await loadModel(file));
}
