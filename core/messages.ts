/**
 * Channel-neutral message types. Adapters translate platform payloads into these at the edge;
 * the platform payload survives only as `raw`.
 */

export type ChannelName = 'web' | 'wechat' | 'feishu';

export type AttachmentKind = 'image' | 'file' | 'video' | 'audio' | 'location' | 'sticker' | 'link';

export interface Attachment {
  readonly kind: AttachmentKind;
  /** Stored reference (path under ./data/attachments, platform key, or URL). */
  readonly ref: string;
  readonly name?: string;
  readonly size?: number;
  /** For locations: a human-readable address; for voice: a transcript the channel provides. */
  readonly text?: string;
}

export interface Sender {
  /** Channel-specific stable id (web id, WeChat contact id, Feishu open_id). */
  readonly id: string;
  readonly name?: string;
  /** Other ids the channel knows for this person (e.g. Feishu user_id, WeChat alias). */
  readonly altIds?: readonly string[];
}

export interface InboundMessage {
  readonly channel: ChannelName;
  /** Opaque conversation key, encoded and decoded only by the channel's adapter. */
  readonly conversation: string;
  /** Whether the conversation is a group chat (department/staff/supervisor room) or a private chat. */
  readonly isGroup: boolean;
  /** Platform message id; `(channel, id)` is processed once. */
  readonly id: string;
  readonly sender: Sender;
  readonly text: string;
  readonly mentionsBot: boolean;
  readonly attachments: readonly Attachment[];
  readonly receivedAt: Date;
  readonly raw?: unknown;
}

export interface MessageAction {
  readonly label: string;
  /** Command text that performs the action when sent as a message (channels without buttons show it). */
  readonly command: string;
  /** Whether the action needs free text from the official (a reason, a reply). */
  readonly needsText?: boolean;
  readonly style?: 'primary' | 'danger' | 'default';
}

export interface CardField {
  readonly label: string;
  readonly value: string;
}

/** A dispatch or status card; channels without cards render it as text + command lines. */
export interface CardContent {
  readonly title: string;
  readonly color?: 'blue' | 'orange' | 'red' | 'green' | 'grey';
  readonly fields: readonly CardField[];
  readonly note?: string;
  /** Ticket number the card is about, so a channel can update it in place later. */
  readonly ticketNumber?: string;
}

export interface OutboundMessage {
  readonly channel: ChannelName;
  readonly conversation: string;
  readonly text: string;
  readonly card?: CardContent;
  readonly actions?: readonly MessageAction[];
  /** Channel ids of people to @-mention (where the channel can). */
  readonly mentions?: readonly string[];
  /** When set, the channel may update an earlier card about the same ticket instead of posting anew. */
  readonly updatesCard?: boolean;
}
