import { execFile, spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import vm from 'node:vm';
import { afterEach, describe, expect, it } from 'vitest';
import { chatPageHtml } from '../../../adapters/web/pages/chat-page.js';
import { consolePageHtml } from '../../../adapters/web/pages/console-page.js';
import { pageHelpersScript } from '../../../adapters/web/pages/page-helpers-script.js';
import { FAKE_DIRECTORY, type FakeWebApi, startFakeWebApi } from '../../fakes/fake-web-api.js';

const FAKE_DEPARTMENT_NAMES = FAKE_DIRECTORY.departments.map((d) => d.name);

const PAGES = [
  { name: 'resident chat', html: chatPageHtml, routes: ['/api/web/messages'] },
  { name: 'console', html: consolePageHtml, routes: ['/api/web/messages', '/api/web/directory'] },
];

function inlineScripts(html: string): string[] {
  return [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1] ?? '');
}

interface FetchCall {
  url: string;
  init: { method: string; body?: string };
}

/** Runs the shared helpers in a sandbox with a scripted `fetch`, returning the page's `hl` object. */
function loadHelpers(respond: (call: FetchCall) => { status: number; body: unknown }, crypto: object = {}) {
  const calls: FetchCall[] = [];
  const saved = new Map<string, string>();
  const context = vm.createContext({
    window: { crypto },
    localStorage: {
      getItem: (key: string) => saved.get(key) ?? null,
      setItem: (key: string, value: string) => saved.set(key, value),
      removeItem: (key: string) => saved.delete(key),
    },
    fetch: async (url: string, init: FetchCall['init']) => {
      calls.push({ url, init });
      const { status, body } = respond({ url, init });
      return { ok: status < 300, status, json: async () => body };
    },
  });
  vm.runInContext(pageHelpersScript, context);
  return { hl: vm.runInContext('hl', context) as Record<string, (...args: unknown[]) => unknown>, calls };
}

const noFetch = () => ({ status: 500, body: null });

describe.each(PAGES)('$name page', ({ html, routes }) => {
  it('has one inline script that parses as JavaScript', () => {
    const scripts = inlineScripts(html);
    expect(scripts).toHaveLength(1);
    expect(() => new vm.Script(scripts[0] ?? '')).not.toThrow();
  });

  it('loads nothing from elsewhere', () => {
    expect(html).not.toMatch(/<script[^>]+src=|<link\b|https?:\/\/|@import/);
  });

  it('talks to the contract routes', () => {
    for (const route of routes) expect(html).toContain(route);
  });

  it('never renders text through innerHTML', () => {
    expect(html).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write/);
  });
});

describe('page helpers', () => {
  const { hl } = loadHelpers(noFetch);

  it.each([
    ['工单号 PY202611260007 已受理', ['PY202611260007']],
    ['PY202611260007、AB2026112600081', ['PY202611260007', 'AB2026112600081']],
    ['ABCDE202611260007 is five letters', []],
    ['PY2026 is too short', []],
    ['py202611260007 lower case', []],
    ['电话13812345678', []],
  ])('finds order numbers in %s', (text, numbers) => {
    const parts = hl.splitOrderNumbers!(text) as { text: string; number?: string }[];
    expect(parts.map((p) => p.text).join('')).toBe(text);
    expect(parts.filter((p) => p.number).map((p) => p.number)).toEqual(numbers);
  });

  it.each([
    [{ command: '签收 PY202611260007' }, false],
    [{ command: '查询 PY202611260007' }, false],
    [{ command: '退回 PY202611260007 理由' }, true],
    [{ command: '延期 PY202611260007 天数 理由' }, true],
    [{ command: '办结 PY202611260007 答复内容' }, true],
    [{ command: '改派 PY202611260007 单位名称' }, true],
    [{ command: '补充 PY202611260007 补充内容' }, true],
    [{ command: '督办 PY202611260007', needsText: true }, true],
  ])('decides whether %o must be completed before sending', (action, expected) => {
    expect(hl.needsText!(action)).toBe(expected);
  });

  it('finds the next placeholder after the cursor', () => {
    const command = '延期 PY202611260007 天数 理由';
    expect(hl.placeholderRange!(command, 0)).toEqual({ start: 18, end: 20 });
    expect(hl.placeholderRange!(command, 20)).toEqual({ start: 21, end: 23 });
  });

  it('keeps only well-formed actions from a message', () => {
    const message = hl.normalizeMessage!({
      id: 7,
      text: '<b>hi</b>',
      at: '2026-11-26T08:00:00Z',
      actions: [
        { label: '签收', command: '签收 X' },
        { label: 3 },
        null,
        { label: '坏', command: '', style: 'evil' },
      ],
    });
    expect(JSON.parse(JSON.stringify(message))).toEqual({
      id: '7',
      text: '<b>hi</b>',
      at: '2026-11-26T08:00:00Z',
      actions: [
        { label: '签收', command: '签收 X', needsText: false, style: 'default' },
        { label: '坏', command: '', needsText: false, style: 'default' },
      ],
    });
    expect(hl.normalizeMessage!({ text: 'no id' })).toBeNull();
  });

  it('makes UUIDs without randomUUID (plain http on a LAN address)', () => {
    const { hl: insecure } = loadHelpers(noFetch, { getRandomValues: (b: Uint8Array) => b.fill(171) });
    expect(insecure.newId!()).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });
});

describe('page transcript store', () => {
  interface Store {
    items: { id: string; divider?: boolean }[];
    cursor: unknown;
    add(item: object): void;
    has(id: string): boolean;
    restart(): object;
  }

  it('survives a reload and forgets old ids once the server rejects its cursor', () => {
    const { hl } = loadHelpers(noFetch);
    const store = hl.createStore!('k', 10) as Store;
    store.add({ id: 'm1', mine: false, text: 'a' });
    store.cursor = '1';
    const reloaded = hl.createStore!('k', 10) as Store;
    expect([reloaded.has('m1'), reloaded.cursor]).toEqual([true, '1']);
    reloaded.restart();
    expect(reloaded.has('m1')).toBe(false);
    expect(reloaded.cursor).toBeNull();
    expect(reloaded.items.map((i) => i.divider === true)).toEqual([false, true]);
    expect((hl.createStore!('k', 10) as Store).has('m1')).toBe(false);
  });

  it('keeps only the newest items', () => {
    const { hl } = loadHelpers(noFetch);
    const store = hl.createStore!('k', 3) as Store;
    for (const id of ['a', 'b', 'c', 'd', 'e']) store.add({ id });
    expect(store.items.map((i) => i.id)).toEqual(['c', 'd', 'e']);
  });
});

describe('page helpers over HTTP', () => {
  it('polls with the cursor it was given and keeps it when the server sends none', async () => {
    const { hl, calls } = loadHelpers(() => ({
      status: 200,
      body: { messages: [{ id: 'a', text: 'x' }], cursor: null },
    }));
    const first = (await hl.fetchMessages!('web-g-1', null)) as { cursor: unknown; messages: unknown[] };
    const next = (await hl.fetchMessages!('r-a&b', 'c 1')) as { cursor: unknown };
    expect(calls.map((c) => c.url)).toEqual([
      '/api/web/messages?chat=web-g-1',
      '/api/web/messages?chat=r-a%26b&after=c%201',
    ]);
    expect(first.messages).toHaveLength(1);
    expect(next.cursor).toBe('c 1');
  });

  it('posts the message with its client id and surfaces the error message on 4xx', async () => {
    const { hl, calls } = loadHelpers(() => ({
      status: 403,
      body: { error: { code: 'not_member', message: '您不是本群成员' } },
    }));
    const result = (await hl.sendMessage!('web-g-1', 'outsider', '签收 X', 'id-1')) as {
      ok: boolean;
      error: unknown;
    };
    expect(calls[0]?.init.method).toBe('POST');
    expect(JSON.parse(calls[0]?.init.body ?? '{}')).toEqual({
      chat: 'web-g-1',
      from: 'outsider',
      text: '签收 X',
      id: 'id-1',
    });
    expect(result.ok).toBe(false);
    expect(JSON.parse(JSON.stringify(result.error))).toEqual({
      code: 'not_member',
      message: '您不是本群成员',
    });
  });
});

describe('fake web api', () => {
  let api: FakeWebApi | undefined;
  afterEach(async () => {
    await api?.close();
    api = undefined;
  });

  async function pollUntil(chat: string, count: number): Promise<{ text: string; actions?: unknown[] }[]> {
    for (let i = 0; i < 50; i++) {
      const res = await fetch(`${api!.url}/api/web/messages?chat=${chat}`);
      const body = (await res.json()) as { messages: { text: string; actions?: unknown[] }[] };
      if (body.messages.length >= count) return body.messages;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error(`no ${count} messages in ${chat}`);
  }

  it('serves both pages and answers a resident once per message id', async () => {
    api = await startFakeWebApi({ replyDelayMs: 0 });
    const page = await fetch(`${api.url}/console`);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toBe(consolePageHtml);
    const post = () =>
      fetch(`${api!.url}/api/web/messages`, {
        method: 'POST',
        body: JSON.stringify({ chat: 'r-test', from: 'r-test', text: '路口积水', id: 'same' }),
      });
    expect((await post()).status).toBe(202);
    expect((await post()).status).toBe(202);
    const [answer] = await pollUntil('r-test', 1);
    expect(answer?.actions?.length).toBeGreaterThan(0);
    expect(api.posts).toHaveLength(1);
    expect(await pollUntil('web-g-zhifa', 1)).toHaveLength(1);
  });

  it('rejects a bad body and a bad cursor with the error shape', async () => {
    api = await startFakeWebApi();
    const bad = await fetch(`${api.url}/api/web/messages`, { method: 'POST', body: '{"chat":1}' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: 'invalid_body' } });
    const cursor = await fetch(`${api.url}/api/web/messages?chat=x&after=9`);
    expect(cursor.status).toBe(400);
  });
});

/** Optional: only where a chromium is installed (not in CI). Set CHROMIUM_PATH to pick one. */
const chromium = [process.env.CHROMIUM_PATH, 'chromium', 'chromium-browser', 'google-chrome'].find(
  (bin) => bin && spawnSync(bin, ['--version'], { stdio: 'ignore' }).status === 0,
);

describe.skipIf(!chromium)('console in a real headless browser', () => {
  let api: FakeWebApi | undefined;
  afterEach(async () => {
    await api?.close();
    api = undefined;
  });

  it('shows every group and renders bot messages as text with their buttons', async () => {
    api = await startFakeWebApi({ replyDelayMs: 0 });
    await fetch(`${api.url}/api/web/messages`, {
      method: 'POST',
      body: JSON.stringify({ chat: 'r-x', from: 'r-x', text: '<img src=x onerror=alert(1)>井盖丢了' }),
    });
    const profile = await mkdtemp(path.join(tmpdir(), 'hotline-chromium-'));
    try {
      const dom = await promisify(execFile)(
        chromium!,
        [
          '--headless=new',
          '--no-sandbox',
          '--disable-gpu',
          `--user-data-dir=${profile}`,
          '--virtual-time-budget=4000',
          '--dump-dom',
          `${api.url}/console`,
        ],
        { timeout: 45_000, maxBuffer: 10_000_000 },
      );
      const titles = [...dom.stdout.matchAll(/class="col-title">([^<]*)/g)].map((m) => m[1]);
      expect(titles).toEqual(['群众端', '热线办（工作人员群）', '督办领导群', ...FAKE_DEPARTMENT_NAMES]);
      expect(dom.stdout).toContain('&lt;img src=x onerror=alert(1)&gt;井盖丢了');
      expect(dom.stdout).not.toContain('<img');
      expect(dom.stdout).toMatch(/class="chip danger fill"[^>]*>退回</);
    } finally {
      await rm(profile, { recursive: true, force: true });
    }
  });
});
