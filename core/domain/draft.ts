import type { Attachment } from '../messages.js';
import type { ExtractedLocation } from '../understanding/extraction.js';
import type { AppealType, Flag, HandlingMode, Urgency } from './vocabulary.js';

/** A work order being put together in a conversation. */
export interface Draft {
  readonly description: string;
  readonly title?: string;
  readonly appealType?: AppealType;
  readonly category?: string;
  readonly urgency?: Urgency;
  readonly flags: readonly Flag[];
  readonly mode?: HandlingMode;
  readonly location?: ExtractedLocation;
  readonly occurredAt?: Date;
  readonly phone?: string;
  readonly phoneDeclined?: boolean;
  readonly name?: string;
  readonly attachments: readonly Attachment[];
  readonly startedAt: Date;
  readonly updatedAt: Date;
}
