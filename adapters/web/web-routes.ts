import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { z } from 'zod';
import type { HotlineApp } from '../../core/app/hotline-app.js';
import type { DirectoryIndex } from '../../core/directory/directory-index.js';
import { type HealthCheck, healthRoute } from './health-route.js';
import { errorResponse, HttpError, type HttpRequest, html, json } from './http-kit.js';
import type { Route } from './http-server.js';
import { chatPageHtml } from './pages/chat-page.js';
import { consolePageHtml } from './pages/console-page.js';
import { listWebMessages } from './web-channel.js';
import { encodeWebKey } from './web-keys.js';

const MAX_TEXT = 5_000;
const PostSchema = z.object({
  chat: z.string().min(1).max(200),
  from: z.string().min(1).max(200),
  text: z.string().max(MAX_TEXT, `text over ${MAX_TEXT} characters`),
  id: z.string().min(1).max(200).optional(),
});

async function parseJson(request: HttpRequest): Promise<unknown> {
  const raw = await request.body(64 * 1024);
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    throw new HttpError(400, 'BAD_JSON', 'body is not JSON');
  }
}

export interface WebRoutesDeps {
  readonly app: HotlineApp;
  readonly pool: pg.Pool;
  readonly directory: DirectoryIndex;
  readonly health: HealthCheck;
  readonly clock: () => Date;
}

/** The web channel's HTTP contract and its two pages. */
export function webRoutes(deps: WebRoutesDeps): Route[] {
  const { directory } = deps;
  return [
    { method: 'GET', path: '/', handle: async () => html(chatPageHtml) },
    { method: 'GET', path: '/console', handle: async () => html(consolePageHtml) },
    healthRoute(deps.health),
    {
      method: 'GET',
      path: '/api/web/directory',
      handle: async () => {
        const members = (list: readonly { id: string; name: string }[]) =>
          list.map((p) => ({ id: p.id, name: p.name }));
        const staff = directory.group(directory.directory.staff.id)!;
        const supervisors = directory.group(directory.directory.supervisors.id)!;
        return json(200, {
          departments: directory.groups
            .filter((g) => g.kind === 'department')
            .map((g) => ({
              id: g.id,
              name: g.name,
              chat: directory.webChat(g),
              officials: members(g.members),
            })),
          staff: { chat: directory.webChat(staff), members: members(staff.members) },
          supervisors: { chat: directory.webChat(supervisors), members: members(supervisors.members) },
        });
      },
    },
    {
      method: 'GET',
      path: '/api/web/messages',
      handle: async (request) => {
        const chat = request.url.searchParams.get('chat');
        const after = request.url.searchParams.get('after') ?? undefined;
        if (!chat) return errorResponse(400, 'MISSING_FIELD', 'query parameter "chat" is required');
        if (after !== undefined && !/^\d{1,18}$/.test(after))
          return errorResponse(400, 'BAD_CURSOR', 'cursor is invalid');
        return json(200, await listWebMessages(deps.pool, chat, after));
      },
    },
    {
      method: 'POST',
      path: '/api/web/messages',
      handle: async (request) => {
        const parsed = PostSchema.safeParse(await parseJson(request));
        if (!parsed.success) {
          const issue = parsed.error.issues[0];
          const field = issue?.path.join('.') || 'body';
          return errorResponse(400, 'INVALID_FIELD', `${field}: ${issue?.message ?? 'invalid'}`);
        }
        const { chat, from, text } = parsed.data;
        const group = directory.groupByWebChat(chat);
        // A stranger in a group chat is rejected here; a known person of another group gets the bot's refusal.
        if (group && !directory.person(from)) {
          return errorResponse(400, 'UNKNOWN_SENDER', `"${from}" is not in the directory`);
        }
        const id = parsed.data.id ?? randomUUID();
        await deps.app.receive({
          channel: 'web',
          conversation: encodeWebKey(chat),
          isGroup: group !== undefined,
          id,
          sender: { id: from },
          text,
          mentionsBot: true,
          attachments: [],
          receivedAt: deps.clock(),
        });
        return json(202, { id });
      },
    },
  ];
}
