import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { chatPageHtml } from '../../adapters/web/pages/chat-page.js';
import { consolePageHtml } from '../../adapters/web/pages/console-page.js';

/**
 * Serves the two web pages plus an in-memory fake of the web channel's three routes, with an echo bot:
 * a resident gets an "order number" with actions, and the first department's group gets a dispatch.
 * Run it by hand to try the pages: `npx tsx test/fakes/fake-web-api.ts` (PORT, default 8787).
 */

export interface FakeAction {
  readonly label: string;
  readonly command: string;
  readonly needsText?: boolean;
  readonly style?: 'primary' | 'danger' | 'default';
}

export interface FakeBotMessage {
  readonly id: string;
  readonly chat: string;
  readonly text: string;
  readonly actions?: readonly FakeAction[];
  readonly at: string;
}

export interface FakePost {
  readonly chat: string;
  readonly from: string;
  readonly text: string;
  readonly id: string;
}

export interface FakeWebApi {
  readonly url: string;
  /** Every accepted POST, duplicates (same id) excluded. */
  readonly posts: readonly FakePost[];
  botSays(chat: string, text: string, actions?: readonly FakeAction[]): void;
  messages(chat: string): readonly FakeBotMessage[];
  close(): Promise<void>;
}

export const FAKE_DIRECTORY = {
  departments: [
    {
      id: 'zhifa',
      name: '县综合行政执法局',
      chat: 'web-g-zhifa',
      officials: [
        { id: 'u-zf1', name: '王建国' },
        { id: 'u-zf2', name: '李芳' },
      ],
    },
    {
      id: 'zhujian',
      name: '县住房和城乡建设局',
      chat: 'web-g-zhujian',
      officials: [{ id: 'u-zj1', name: '赵磊' }],
    },
    {
      id: 'jiaotong',
      name: '县交通运输局',
      chat: 'web-g-jiaotong',
      officials: [{ id: 'u-jt1', name: '孙丽' }],
    },
    { id: 'shuiwu', name: '县水务局', chat: 'web-g-shuiwu', officials: [{ id: 'u-sw1', name: '周强' }] },
    {
      id: 'shichang',
      name: '县市场监督管理局',
      chat: 'web-g-shichang',
      officials: [{ id: 'u-sc1', name: '吴敏' }],
    },
  ],
  staff: {
    chat: 'web-g-staff',
    members: [
      { id: 'u-st1', name: '陈静' },
      { id: 'u-st2', name: '刘洋' },
    ],
  },
  supervisors: { chat: 'web-g-supervisors', members: [{ id: 'u-sv1', name: '郑主任' }] },
};

function officialActions(n: string): FakeAction[] {
  return [
    { label: '签收', command: `签收 ${n}`, style: 'primary' },
    { label: '退回', command: `退回 ${n} 理由`, needsText: true, style: 'danger' },
    { label: '申请延期', command: `延期 ${n} 天数 理由`, needsText: true },
    { label: '办结', command: `办结 ${n} 答复内容`, needsText: true },
  ];
}

function residentActions(n: string): FakeAction[] {
  return [
    { label: '查询进度', command: `查询 ${n}` },
    { label: '补充情况', command: `补充 ${n} 补充内容`, needsText: true },
    { label: '撤销', command: `撤销 ${n}`, style: 'danger' },
  ];
}

const groups = new Map<string, readonly { id: string; name: string }[]>([
  [FAKE_DIRECTORY.staff.chat, FAKE_DIRECTORY.staff.members],
  [FAKE_DIRECTORY.supervisors.chat, FAKE_DIRECTORY.supervisors.members],
  ...FAKE_DIRECTORY.departments.map((d) => [d.chat, d.officials] as const),
]);

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

function fail(res: ServerResponse, status: number, code: string, message: string): void {
  json(res, status, { error: { code, message } });
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

function asPost(body: unknown): (Omit<FakePost, 'id'> & { id?: string }) | undefined {
  if (!body || typeof body !== 'object') return undefined;
  const { chat, from, text, id } = body as Record<string, unknown>;
  if (typeof chat !== 'string' || !chat || typeof from !== 'string' || !from) return undefined;
  if (typeof text !== 'string' || !text.trim()) return undefined;
  if (id !== undefined && typeof id !== 'string') return undefined;
  return { chat, from, text, ...(id ? { id } : {}) };
}

export async function startFakeWebApi(
  options: { port?: number; replyDelayMs?: number } = {},
): Promise<FakeWebApi> {
  const delay = options.replyDelayMs ?? 200;
  const byChat = new Map<string, FakeBotMessage[]>();
  const seenIds = new Set<string>();
  const posts: FakePost[] = [];
  let sequence = 0;
  let orders = 0;

  const botSays = (chat: string, text: string, actions?: readonly FakeAction[]): void => {
    const list = byChat.get(chat) ?? [];
    byChat.set(chat, list);
    sequence += 1;
    list.push({
      id: `m${sequence}`,
      chat,
      text,
      ...(actions ? { actions } : {}),
      at: new Date().toISOString(),
    });
  };

  const reply = (post: FakePost): void => {
    const members = groups.get(post.chat);
    if (!members) {
      if (/^(查询|补充|撤销)/.test(post.text)) {
        botSays(post.chat, `（模拟）已收到：${post.text}`);
        return;
      }
      orders += 1;
      const n = `PY20261126${String(orders).padStart(4, '0')}`;
      const dept = FAKE_DIRECTORY.departments[0]!;
      botSays(
        post.chat,
        `已为您登记工单 ${n}，已转交${dept.name}办理。\n您反映的内容：\n${post.text}`,
        residentActions(n),
      );
      botSays(
        dept.chat,
        `【新派工单】${n}\n诉求内容：${post.text}\n操作（复制后发送）：\n签收 ${n}`,
        officialActions(n),
      );
      botSays(FAKE_DIRECTORY.staff.chat, `工单 ${n} 已派往${dept.name}。`);
      return;
    }
    const member = members.find((m) => m.id === post.from);
    if (!member) {
      botSays(post.chat, '您不是本群登记的工作人员，不能办理工单。');
      return;
    }
    botSays(post.chat, `（模拟）${member.name}：${post.text}`);
    const returned = /^退回\s+([A-Z]{1,4}\d{12,})/.exec(post.text);
    if (returned) {
      const n = returned[1]!;
      botSays(FAKE_DIRECTORY.staff.chat, `【退回待改派】${n}\n请改派：改派 ${n} 单位名称`, [
        { label: '改派', command: `改派 ${n} 单位名称`, needsText: true },
      ]);
    }
  };

  const server = createServer((req, res) => {
    void handle(req, res).catch(() => fail(res, 500, 'internal', '服务器错误'));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake.local');
    if (req.method === 'GET' && (url.pathname === '/' || url.pathname === '/console')) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(url.pathname === '/' ? chatPageHtml : consolePageHtml);
      return;
    }
    if (req.method === 'GET' && url.pathname === '/api/web/directory') return json(res, 200, FAKE_DIRECTORY);
    if (url.pathname === '/api/web/messages' && req.method === 'POST') {
      const post = asPost(await readJson(req));
      if (!post) return fail(res, 400, 'invalid_body', '需要 chat、from、text');
      const id = post.id ?? `p${Date.now()}-${posts.length}`;
      if (!seenIds.has(id)) {
        seenIds.add(id);
        const accepted = { ...post, id };
        posts.push(accepted);
        setTimeout(() => reply(accepted), delay);
      }
      return json(res, 202, { id });
    }
    if (url.pathname === '/api/web/messages' && req.method === 'GET') {
      const chat = url.searchParams.get('chat');
      if (!chat) return fail(res, 400, 'missing_chat', '缺少 chat 参数');
      const after = url.searchParams.get('after');
      const from = after === null ? 0 : Number(after);
      const list = byChat.get(chat) ?? [];
      if (!Number.isInteger(from) || from < 0 || from > list.length)
        return fail(res, 400, 'bad_cursor', '游标无效');
      return json(res, 200, { messages: list.slice(from), cursor: String(list.length) });
    }
    fail(res, 404, 'not_found', '没有这个地址');
  }

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    posts,
    botSays,
    messages: (chat) => byChat.get(chat) ?? [],
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const api = await startFakeWebApi({ port: Number(process.env.PORT ?? 8787) });
  process.stdout.write(`resident chat: ${api.url}/\nconsole:       ${api.url}/console\n`);
}
