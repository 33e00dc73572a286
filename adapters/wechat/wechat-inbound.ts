import type { Message } from 'wechaty';
import type { InboundMessage } from '../../core/messages.js';
import type { LoggerPort } from '../../core/ports/logger-port.js';
import type { AttachmentStore } from './attachment-store.js';
import { snapshotMessage } from './message-snapshot.js';
import type { RoomBook } from './room-book.js';
import { toInbound } from './to-inbound.js';

export interface InboundDeps {
  readonly book: RoomBook;
  readonly attachments: AttachmentStore;
  readonly maxAttachmentBytes: number;
  readonly logger: LoggerPort;
  /** Hands a message to the app. */
  readonly receive: (message: InboundMessage) => Promise<unknown>;
  /** Answers a resident directly (for what never reaches the app, e.g. a file that is too large). */
  readonly notify: (conversation: string, text: string, key: string) => Promise<void>;
}

const REMEMBERED_IDS = 1_000;

const MB = 1_048_576;
const sizeText = (bytes: number) =>
  bytes >= MB ? `${Math.round((bytes / MB) * 10) / 10}MB` : `${Math.max(1, Math.round(bytes / 1_024))}KB`;
const tooLargeText = (maxBytes: number) =>
  `抱歉，文件太大（超过 ${sizeText(maxBytes)}），没能收下。请压缩后重发，或用文字描述情况。`;

/**
 * Every WeChat message: dedupe, then in order per chat, then an error boundary. A failure is logged
 * with the message id and never stops the bot.
 */
export function createInboundHandler(deps: InboundDeps): (message: Message) => Promise<void> {
  const seen = new Set<string>();
  const chains = new Map<string, Promise<void>>();
  const unboundRooms = new Set<string>();

  async function handle(raw: Message): Promise<void> {
    const snapshot = await snapshotMessage(raw);
    const plan = toInbound(snapshot, {
      roomBound: (room) => {
        const learned = deps.book.learn(room.id, room.topic);
        if (learned?.replaced) {
          deps.logger.warn(
            { group: learned.group.id, roomId: room.id },
            'another WeChat room now has the bound topic',
          );
        }
        return learned !== undefined;
      },
    });
    if (plan.action === 'ignore') {
      deps.logger.debug({ messageId: snapshot.id, reason: plan.reason }, 'wechat message ignored');
      if (plan.reason === 'unbound-room' && snapshot.room && !unboundRooms.has(snapshot.room.id)) {
        // Once per room: this is how an operator finds the id to bind a room by.
        unboundRooms.add(snapshot.room.id);
        deps.logger.info(
          { roomId: snapshot.room.id, topic: snapshot.room.topic },
          'WeChat room not bound to any group',
        );
      }
      return;
    }
    let message = plan.message;
    const first = message.attachments[0];
    if (plan.download && first) {
      try {
        const result = await deps.attachments.save(await raw.toFileBox(), snapshot.id);
        if (!result.saved) {
          deps.logger.info(
            { messageId: snapshot.id, size: result.size },
            'wechat attachment over the size limit',
          );
          await deps.notify(
            message.conversation,
            tooLargeText(deps.maxAttachmentBytes),
            `too-large-${snapshot.id}`,
          );
          return;
        }
        message = {
          ...message,
          attachments: [{ ...first, ref: result.ref, name: result.name, size: result.size }],
        };
      } catch (error) {
        // The message still counts; its content stays reachable by the platform key.
        deps.logger.warn({ messageId: snapshot.id, err: error }, 'wechat attachment not saved');
      }
    }
    await deps.receive(message);
  }

  return (raw) => {
    if (seen.has(raw.id)) return Promise.resolve();
    seen.add(raw.id);
    if (seen.size > REMEMBERED_IDS) seen.delete(seen.values().next().value!);
    let chat: string;
    try {
      chat = raw.room()?.id ?? raw.talker().id;
    } catch {
      chat = '';
    }
    const previous = chains.get(chat) ?? Promise.resolve();
    const next = previous
      .then(() => handle(raw))
      .catch((error: unknown) =>
        deps.logger.error({ messageId: raw.id, err: error }, 'wechat message failed'),
      )
      .finally(() => {
        if (chains.get(chat) === next) chains.delete(chat);
      });
    chains.set(chat, next);
    return next;
  };
}
