import type pg from 'pg';

/**
 * Which message holds the card of an order in a chat, so that a later change updates that card in
 * place (`hotline.feishu_cards`). The latest card posted for the order in that chat wins.
 */
export interface FeishuCardStore {
  find(chatId: string, ticket: string): Promise<string | undefined>;
  remember(chatId: string, ticket: string, messageId: string): Promise<void>;
}

export function createPgCardStore(pool: pg.Pool): FeishuCardStore {
  return {
    async find(chatId, ticket) {
      const { rows } = await pool.query<{ message_id: string }>(
        'SELECT message_id FROM hotline.feishu_cards WHERE chat_id = $1 AND ticket = $2',
        [chatId, ticket],
      );
      return rows[0]?.message_id;
    },
    async remember(chatId, ticket, messageId) {
      await pool.query(
        `INSERT INTO hotline.feishu_cards (chat_id, ticket, message_id) VALUES ($1, $2, $3)
         ON CONFLICT (chat_id, ticket) DO UPDATE SET message_id = EXCLUDED.message_id, posted_at = now()`,
        [chatId, ticket, messageId],
      );
    },
  };
}

/** For tests and a database-less trial: the same contract in memory. */
export function createMemoryCardStore(): FeishuCardStore {
  const cards = new Map<string, string>();
  return {
    find: async (chatId, ticket) => cards.get(`${chatId}\u0000${ticket}`),
    remember: async (chatId, ticket, messageId) => void cards.set(`${chatId}\u0000${ticket}`, messageId),
  };
}
