import { randomBytes } from 'node:crypto';

/**
 * The JSON Feishu delivers, identical over the long connection and the webhook (before the
 * webhook's optional encryption): schema 2.0, a `header` that carries the verification token and
 * the ids, and the `event` body.
 */

export interface EventHeader {
  readonly event_id: string;
  readonly token: string;
  /** Milliseconds since the epoch, as a string. A resend keeps the original value. */
  readonly create_time: string;
  readonly event_type: string;
  readonly tenant_key: string;
  readonly app_id: string;
}

export interface EventEnvelope {
  readonly schema: '2.0';
  readonly header: EventHeader;
  readonly event: unknown;
}

export interface EnvelopeContext {
  readonly appId: string;
  readonly verificationToken: string;
  readonly tenantKey: string;
}

export interface EnvelopeOptions {
  /** Reuse an id to imitate Feishu resending an event it thinks was not received. */
  readonly eventId?: string;
  readonly createTime?: number;
}

/** Feishu-looking random ids: `om_` messages, `ou_` users, `oc_` chats. */
export function fakeId(prefix: string, bytes = 16): string {
  return `${prefix}${randomBytes(bytes).toString('hex')}`;
}

export function buildEnvelope(
  ctx: EnvelopeContext,
  eventType: string,
  event: unknown,
  options: EnvelopeOptions = {},
): EventEnvelope {
  return {
    schema: '2.0',
    header: {
      event_id: options.eventId ?? randomBytes(16).toString('hex'),
      token: ctx.verificationToken,
      create_time: String(options.createTime ?? Date.now()),
      event_type: eventType,
      tenant_key: ctx.tenantKey,
      app_id: ctx.appId,
    },
    event,
  };
}

/** What a test says about a button press; everything else gets a plausible default. */
export interface CardActionInput {
  /** The button's `value` object as it was put into the card. */
  readonly value: Readonly<Record<string, unknown>>;
  readonly operatorOpenId: string;
  readonly openMessageId: string;
  readonly openChatId: string;
  readonly tag?: string;
  readonly name?: string;
  /** Values of a form container, when the button submits one. */
  readonly formValue?: Readonly<Record<string, unknown>>;
  readonly inputValue?: string;
  readonly operatorUserId?: string;
}

/** The `event` body of `card.action.trigger` (card JSON 2.0 callbacks). */
export function cardActionEvent(input: CardActionInput, tenantKey: string): Record<string, unknown> {
  return {
    operator: {
      tenant_key: tenantKey,
      open_id: input.operatorOpenId,
      ...(input.operatorUserId === undefined ? {} : { user_id: input.operatorUserId }),
      union_id: `on_${input.operatorOpenId.slice(3)}`,
    },
    // A short-lived token for delayed card updates; not the verification token.
    token: fakeId('c-', 20),
    action: {
      value: input.value,
      tag: input.tag ?? 'button',
      ...(input.name === undefined ? {} : { name: input.name }),
      ...(input.formValue === undefined ? {} : { form_value: input.formValue }),
      ...(input.inputValue === undefined ? {} : { input_value: input.inputValue }),
    },
    host: 'im_message',
    context: { open_message_id: input.openMessageId, open_chat_id: input.openChatId },
  };
}

/** A person or the bot mentioned in a message: `@_user_1` in the text stands for `mentions[0]`. */
export interface MentionInput {
  readonly openId: string;
  readonly name: string;
}

export interface MessageInput {
  readonly chatId: string;
  readonly chatType: 'p2p' | 'group';
  readonly senderOpenId: string;
  /** For `text`: the text, with `@_user_N` placeholders where `mentions` are. */
  readonly text?: string;
  readonly messageType?: string;
  /** Raw `content` object for non-text messages (`{ image_key }`, `{ file_key, file_name }`…). */
  readonly content?: Readonly<Record<string, unknown>>;
  readonly mentions?: readonly MentionInput[];
  readonly messageId?: string;
  readonly parentId?: string;
}

/** The `event` body of `im.message.receive_v1`. */
export function messageReceiveEvent(input: MessageInput, tenantKey: string): Record<string, unknown> {
  const now = String(Date.now());
  const messageType = input.messageType ?? 'text';
  const content = input.content ?? { text: input.text ?? '' };
  return {
    sender: {
      sender_id: { open_id: input.senderOpenId, union_id: `on_${input.senderOpenId.slice(3)}` },
      sender_type: 'user',
      tenant_key: tenantKey,
    },
    message: {
      message_id: input.messageId ?? fakeId('om_', 16),
      ...(input.parentId === undefined ? {} : { parent_id: input.parentId, root_id: input.parentId }),
      create_time: now,
      update_time: now,
      chat_id: input.chatId,
      chat_type: input.chatType,
      message_type: messageType,
      content: JSON.stringify(content),
      ...(input.mentions === undefined
        ? {}
        : {
            mentions: input.mentions.map((m, i) => ({
              key: `@_user_${i + 1}`,
              id: { open_id: m.openId, union_id: `on_${m.openId.slice(3)}` },
              name: m.name,
              tenant_key: tenantKey,
            })),
          }),
    },
  };
}
