import type { AppealType, Flag, HandlingMode, Urgency } from '../domain/vocabulary.js';

export interface ExtractedLocation {
  /** The place as the resident wrote it (kept even when no town is recognised). */
  readonly text: string;
  /** Town/street (乡镇/街道) from the gazetteer, canonical name. */
  readonly town?: string;
  /** 村/社区/小区 where recognised. */
  readonly village?: string;
}

/** What the understanding layers read from a resident's text. Absent = unknown. */
export interface Extraction {
  readonly appealType?: AppealType;
  /** `一级` or `一级/二级`, always a path of the directory's category tree. */
  readonly category?: string;
  readonly categoryConfidence?: number;
  readonly urgency?: Urgency;
  readonly flags?: readonly Flag[];
  readonly mode?: HandlingMode;
  readonly title?: string;
  /** Normalised phone number (digits only, landlines with area code where given). */
  readonly phone?: string;
  readonly name?: string;
  readonly location?: ExtractedLocation;
  readonly occurredAt?: Date;
  /** How long the problem has lasted, as written (e.g. 一个星期). */
  readonly duration?: string;
  /** Life-threatening emergency: which number to call. */
  readonly emergency?: { readonly kind: string; readonly call: '110' | '119' | '120' };
  readonly hasIdNumber?: boolean;
}
