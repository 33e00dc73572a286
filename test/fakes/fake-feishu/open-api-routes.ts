import type { ApiFailure, FakeFeishuState } from './fake-feishu-state.js';

/**
 * The Open API endpoints the hotline uses, answered the way Feishu answers: business errors are
 * `{ code != 0, msg }`, auth errors come with HTTP 400, successes are `{ code: 0, msg, data }`.
 * Error codes other than the token ones are plausible stand-ins, not a catalogue.
 */

export interface ApiRequest {
  readonly method: string;
  readonly pathname: string;
  readonly query: Readonly<Record<string, string>>;
  readonly authorization: string | undefined;
  readonly body: unknown;
}

export interface ApiResponse {
  readonly status: number;
  readonly json?: unknown;
  readonly bytes?: { readonly data: Buffer; readonly contentType: string };
}

const RECEIVE_ID_TYPES = new Set(['open_id', 'union_id', 'user_id', 'email', 'chat_id']);
const MSG_TYPES = new Set([
  'text',
  'post',
  'image',
  'file',
  'audio',
  'media',
  'sticker',
  'interactive',
  'share_chat',
  'share_user',
]);

const ok = (data: unknown): ApiResponse => ({ status: 200, json: { code: 0, msg: 'success', data } });
const fail = (status: number, failure: ApiFailure): ApiResponse => ({ status, json: failure });
const invalid = (msg: string): ApiResponse => fail(400, { code: 230001, msg });

export function handleOpenApi(state: FakeFeishuState, req: ApiRequest): ApiResponse {
  const { identity } = state;
  if (req.method === 'POST' && req.pathname === '/open-apis/auth/v3/tenant_access_token/internal') {
    if (!credentialsMatch(state, req.body)) return fail(200, { code: 10014, msg: 'app secret invalid' });
    return {
      status: 200,
      json: { code: 0, msg: 'ok', tenant_access_token: state.tenantToken(), expire: 7200 },
    };
  }
  if (req.method === 'POST' && req.pathname === '/open-apis/auth/v3/app_access_token/internal') {
    if (!credentialsMatch(state, req.body)) return fail(200, { code: 10014, msg: 'app secret invalid' });
    const token = state.tenantToken();
    return {
      status: 200,
      json: {
        code: 0,
        msg: 'ok',
        app_access_token: token.replace('t-', 'a-'),
        tenant_access_token: token,
        expire: 7200,
      },
    };
  }

  const denied = state.checkAuthorization(req.authorization);
  if (denied !== undefined) return fail(denied.status, denied.failure);

  if (req.method === 'GET' && req.pathname === '/open-apis/bot/v3/info') {
    return {
      status: 200,
      json: {
        code: 0,
        msg: 'ok',
        // Not under `data`: this older endpoint puts the bot at the top level.
        bot: {
          activate_status: 2,
          app_name: identity.botName,
          avatar_url: 'https://example.invalid/avatar.png',
          ip_white_list: [],
          open_id: identity.botOpenId,
        },
      },
    };
  }
  if (req.method === 'POST' && req.pathname === '/open-apis/im/v1/messages') {
    return createMessage(state, req);
  }
  const reply = /^\/open-apis\/im\/v1\/messages\/([^/]+)\/reply$/.exec(req.pathname);
  if (req.method === 'POST' && reply?.[1] !== undefined) return replyMessage(state, reply[1], req.body);

  const resource = /^\/open-apis\/im\/v1\/messages\/([^/]+)\/resources\/([^/]+)$/.exec(req.pathname);
  if (req.method === 'GET' && resource?.[2] !== undefined) {
    const type = req.query.type;
    if (type !== 'image' && type !== 'file')
      return fail(400, { code: 234001, msg: 'Invalid request param: type' });
    const found = state.resource(decodeURIComponent(resource[2]), type);
    return { status: 200, bytes: { data: found.bytes, contentType: found.contentType } };
  }

  const patch = /^\/open-apis\/im\/v1\/messages\/([^/]+)$/.exec(req.pathname);
  if (req.method === 'PATCH' && patch?.[1] !== undefined) return patchMessage(state, patch[1], req.body);

  return { status: 404, json: { code: 404, msg: `the fake has no ${req.method} ${req.pathname}` } };
}

function credentialsMatch(state: FakeFeishuState, body: unknown): boolean {
  const b = asRecord(body);
  return b.app_id === state.identity.appId && b.app_secret === state.identity.appSecret;
}

function createMessage(state: FakeFeishuState, req: ApiRequest): ApiResponse {
  const receiveIdType = req.query.receive_id_type ?? '';
  if (!RECEIVE_ID_TYPES.has(receiveIdType)) {
    return fail(400, { code: 99992402, msg: 'field validation failed: receive_id_type' });
  }
  const body = asRecord(req.body);
  const parsed = parseMessageBody(body);
  if (typeof parsed === 'string') return invalid(parsed);
  if (typeof body.receive_id !== 'string' || body.receive_id === '') return invalid('receive_id is required');
  const failure = state.takeFailure();
  if (failure !== undefined) return fail(200, failure);

  const uuid = typeof body.uuid === 'string' ? body.uuid : undefined;
  const chatId = receiveIdType === 'chat_id' ? body.receive_id : `oc_p2p_${body.receive_id}`;
  const existing = state.existingByUuid(uuid);
  if (existing !== undefined) return ok(messageData(state, existing, chatId, parsed));

  const messageId = state.newMessageId(parsed.msgType, uuid);
  state.sent.push({
    message_id: messageId,
    receive_id: body.receive_id,
    receive_id_type: receiveIdType,
    msg_type: parsed.msgType,
    content: parsed.content,
    ...(uuid === undefined ? {} : { uuid }),
  });
  return ok(messageData(state, messageId, chatId, parsed));
}

function replyMessage(state: FakeFeishuState, parentId: string, rawBody: unknown): ApiResponse {
  const body = asRecord(rawBody);
  const parsed = parseMessageBody(body);
  if (typeof parsed === 'string') return invalid(parsed);
  const failure = state.takeFailure();
  if (failure !== undefined) return fail(200, failure);
  const uuid = typeof body.uuid === 'string' ? body.uuid : undefined;
  const existing = state.existingByUuid(uuid);
  if (existing !== undefined) return ok(messageData(state, existing, undefined, parsed));
  const messageId = state.newMessageId(parsed.msgType, uuid);
  state.replied.push({
    message_id: messageId,
    reply_to: parentId,
    msg_type: parsed.msgType,
    content: parsed.content,
    reply_in_thread: body.reply_in_thread === true,
    ...(uuid === undefined ? {} : { uuid }),
  });
  return ok({ ...messageData(state, messageId, undefined, parsed), parent_id: parentId, root_id: parentId });
}

function patchMessage(state: FakeFeishuState, messageId: string, rawBody: unknown): ApiResponse {
  const body = asRecord(rawBody);
  const content = parseContent(body.content);
  if (content === undefined) return invalid('content must be a JSON string');
  const msgType = state.msgTypeOf(messageId);
  if (msgType === undefined) return invalid(`message ${messageId} was not sent by this bot`);
  if (msgType !== 'interactive') return invalid('only interactive (card) messages can be patched');
  const failure = state.takeFailure();
  if (failure !== undefined) return fail(200, failure);
  state.patched.push({ message_id: messageId, content });
  return { status: 200, json: { code: 0, msg: 'success', data: {} } };
}

interface ParsedBody {
  readonly msgType: string;
  readonly content: unknown;
  readonly rawContent: string;
}

function parseMessageBody(body: Record<string, unknown>): ParsedBody | string {
  const msgType = body.msg_type;
  if (typeof msgType !== 'string' || !MSG_TYPES.has(msgType)) return 'msg_type is missing or unknown';
  const content = parseContent(body.content);
  if (content === undefined) return 'content must be a JSON string';
  return { msgType, content, rawContent: body.content as string };
}

function parseContent(value: unknown): unknown {
  if (typeof value !== 'string') return undefined;
  try {
    return JSON.parse(value);
  } catch {
    return undefined;
  }
}

function messageData(
  state: FakeFeishuState,
  messageId: string,
  chatId: string | undefined,
  body: ParsedBody,
) {
  const now = String(Date.now());
  return {
    message_id: messageId,
    ...(chatId === undefined ? {} : { chat_id: chatId }),
    msg_type: body.msgType,
    create_time: now,
    update_time: now,
    deleted: false,
    updated: false,
    sender: {
      id: state.identity.appId,
      id_type: 'app_id',
      sender_type: 'app',
      tenant_key: state.identity.tenantKey,
    },
    body: { content: body.rawContent },
  };
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}
