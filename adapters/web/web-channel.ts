import type pg from 'pg';
import type { DirectoryIndex } from '../../core/directory/directory-index.js';
import type { ChannelPort } from '../../core/ports/channel-port.js';
import { decodeWebKey, encodeWebKey } from './web-keys.js';

/**
 * The web channel: every group of the directory has a web chat, so the whole loop can be played in a
 * browser. Sending is writing to `web_messages`; the pages poll it. Idempotent per outbox key.
 */
export function createWebChannel(pool: pg.Pool, directory: DirectoryIndex): ChannelPort {
  return {
    name: 'web',
    groupConversation: (group) => encodeWebKey(directory.webChat(group)),
    groupOf(conversation) {
      const chat = decodeWebKey(conversation);
      return chat === undefined ? undefined : directory.groupByWebChat(chat);
    },
    identify: (group, sender) => group.members.find((m) => m.id === sender.id),
    mentionIds: (people) => people.map((p) => p.id),
    async send(message, key) {
      const chat = decodeWebKey(message.conversation);
      if (chat === undefined) throw new Error(`not a web conversation: ${message.conversation}`);
      const body = {
        text: message.text,
        ...(message.actions?.length
          ? {
              actions: message.actions.map((a) => ({
                label: a.label,
                command: a.command,
                ...(a.needsText ? { needsText: true } : {}),
              })),
            }
          : {}),
        ...(message.mentions?.length ? { mentions: message.mentions } : {}),
      };
      await pool.query(
        'INSERT INTO hotline.web_messages (chat, body, outbox_key) VALUES ($1, $2, $3) ON CONFLICT (outbox_key) DO NOTHING',
        [chat, JSON.stringify(body), key],
      );
    },
  };
}

export interface WebMessageView {
  readonly id: string;
  readonly chat: string;
  readonly text: string;
  readonly actions?: readonly { label: string; command: string; needsText?: boolean }[];
  readonly mentions?: readonly string[];
  readonly at: string;
}

/** Everything the bot sent into a chat after the cursor (a message id), oldest first. */
export async function listWebMessages(
  pool: pg.Pool,
  chat: string,
  after: string | undefined,
): Promise<{ messages: WebMessageView[]; cursor: string }> {
  const { rows } = await pool.query<{
    id: string;
    body: { text: string; actions?: []; mentions?: [] };
    at: Date;
  }>('SELECT id, body, at FROM hotline.web_messages WHERE chat = $1 AND id > $2 ORDER BY id LIMIT 500', [
    chat,
    after ?? '0',
  ]);
  const messages = rows.map((r) => ({
    id: String(r.id),
    chat,
    text: r.body.text,
    ...(r.body.actions ? { actions: r.body.actions } : {}),
    ...(r.body.mentions ? { mentions: r.body.mentions } : {}),
    at: new Date(r.at).toISOString(),
  }));
  return { messages, cursor: messages.at(-1)?.id ?? after ?? '0' };
}
