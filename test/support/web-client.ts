import { randomUUID } from 'node:crypto';

export interface WebMessage {
  readonly id: string;
  readonly chat: string;
  readonly text: string;
  readonly actions?: readonly { label: string; command: string }[];
  readonly at: string;
}

/** Drives the web channel's HTTP contract exactly as a browser or an outside check would. */
export function createWebClient(baseUrl: string) {
  const cursors = new Map<string, string>();
  const seen = new Map<string, WebMessage[]>();
  /** Read but not yet matched by expectMessage, per chat. */
  const unread = new Map<string, WebMessage[]>();

  async function post(chat: string, from: string, text: string, id: string = randomUUID()) {
    const res = await fetch(`${baseUrl}/api/web/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ chat, from, text, id }),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  }

  /** New messages in a chat since the last read. */
  async function read(chat: string): Promise<WebMessage[]> {
    const after = cursors.get(chat);
    const res = await fetch(
      `${baseUrl}/api/web/messages?chat=${encodeURIComponent(chat)}${after ? `&after=${after}` : ''}`,
    );
    const body = (await res.json()) as { messages: WebMessage[]; cursor: string };
    cursors.set(chat, body.cursor);
    seen.set(chat, [...(seen.get(chat) ?? []), ...body.messages]);
    unread.set(chat, [...(unread.get(chat) ?? []), ...body.messages]);
    return body.messages;
  }

  /** Waits for the next message in `chat` matching `pattern` (earlier unmatched ones are passed over). */
  async function expectMessage(chat: string, pattern: RegExp, timeoutMs = 15_000): Promise<WebMessage> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      await read(chat);
      const pending = unread.get(chat) ?? [];
      const index = pending.findIndex((m) => pattern.test(m.text));
      if (index >= 0) {
        unread.set(chat, pending.slice(index + 1));
        return pending[index]!;
      }
      if (Date.now() > deadline) {
        throw new Error(
          `no message matching ${pattern} in ${chat}; got:\n${pending.map((m) => m.text).join('\n---\n')}`,
        );
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  return { post, read, expectMessage, all: (chat: string) => seen.get(chat) ?? [] };
}

export type WebClient = ReturnType<typeof createWebClient>;
