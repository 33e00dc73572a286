import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { encryptFeishuPayload } from '../../../adapters/feishu/feishu-crypto.js';
import { createMemoryDedupeStore } from '../../../adapters/feishu/memory-dedupe-store.js';
import {
  createWebhookGuard,
  type DedupeStore,
  type FeishuWebhookConfigInput,
  type FeishuWebhookEvent,
} from '../../../adapters/feishu/webhook-guard.js';
import { toNodeListener } from '../../../adapters/feishu/webhook-node-listener.js';
import { buildEnvelope } from '../../fakes/fake-feishu/event-envelopes.js';
import { buildWebhookRequest, signBody } from '../../fakes/fake-feishu/webhook-delivery.js';

const APP_ID = 'cli_a1b2c3d4e5f60718';
const TOKEN = 'verification-token-1';
const KEY = 'encrypt-key-1';
const PATH = '/feishu/events';
const NOW_MS = 1_750_000_000_000;
const NOW_S = NOW_MS / 1000;

interface Reply {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

interface Sent {
  readonly method?: string;
  readonly path?: string;
  readonly headers?: Record<string, string>;
  readonly body?: string | Buffer;
}

const servers: Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise<void>((resolve) => s.close(() => resolve()));
  }
});

async function startGuarded(config: Partial<FeishuWebhookConfigInput> = {}, dedupe?: DedupeStore) {
  const delivered: FeishuWebhookEvent[] = [];
  const errors: unknown[] = [];
  const guard = createWebhookGuard({
    config: { path: PATH, appId: APP_ID, encryptKey: KEY, verificationToken: TOKEN, ...config },
    dedupe: dedupe ?? createMemoryDedupeStore(),
    onEvent: (event) => void delivered.push(event),
    now: () => NOW_MS,
    logger: { warn: () => {}, error: (fields) => void errors.push(fields) },
  });
  const server = createServer(toNodeListener(guard));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  const send = (req: Sent): Promise<Reply> =>
    new Promise((resolve, reject) => {
      const r = request(
        {
          host: '127.0.0.1',
          port,
          method: req.method ?? 'POST',
          path: req.path ?? PATH,
          headers: req.headers,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              headers: res.headers,
              body: Buffer.concat(chunks).toString(),
            }),
          );
        },
      );
      r.on('error', reject);
      r.end(req.body);
    });

  /** Lets `onEvent` (scheduled after the answer) run before counting deliveries. */
  const settle = () => new Promise((resolve) => setTimeout(resolve, 30));
  return { port, send, delivered, errors, settle };
}

const ctx = { appId: APP_ID, verificationToken: TOKEN, tenantKey: 'tenant-1' };
const message = {
  message: { message_id: 'om_1', chat_id: 'oc_1', message_type: 'text', content: '{"text":"你好"}' },
};

/** A request exactly as Feishu sends it with an Encrypt Key configured. */
function feishuEvent(
  options: { eventId?: string; token?: string; appId?: string; timestamp?: number } = {},
): Sent {
  const envelope = buildEnvelope(
    { ...ctx, verificationToken: options.token ?? TOKEN, appId: options.appId ?? APP_ID },
    'im.message.receive_v1',
    message,
    options.eventId === undefined ? {} : { eventId: options.eventId },
  );
  const built = buildWebhookRequest(envelope, { encryptKey: KEY, timestamp: options.timestamp ?? NOW_S });
  return { headers: { ...built.headers }, body: built.body };
}

/** Signed with our key over whatever body is given (what only Feishu could produce). */
function signed(body: string): Sent {
  const ts = String(NOW_S);
  return {
    headers: {
      'content-type': 'application/json',
      'x-lark-request-timestamp': ts,
      'x-lark-request-nonce': 'n1',
      'x-lark-signature': signBody(ts, 'n1', KEY, body),
    },
    body,
  };
}

describe('Feishu webhook guard: hostile requests', () => {
  it('answers each with the right status, delivers none of them, and stays up', async () => {
    const g = await startGuarded();
    const good = feishuEvent();
    const cases: [string, Sent, number][] = [
      ['wrong method', { method: 'GET', path: PATH }, 405],
      ['wrong path', { ...feishuEvent(), path: '/feishu/other' }, 404],
      ['path with a suffix', { ...feishuEvent(), path: `${PATH}/x` }, 404],
      ['other path whose query names ours', { ...feishuEvent(), path: `/x?next=${PATH}` }, 404],
      ['query string, unsigned event', { path: `${PATH}?x=y`, body: good.body }, 401],
      ['empty body', { headers: good.headers, body: '' }, 400],
      ['not JSON', { headers: good.headers, body: 'hello there' }, 400],
      ['a JSON array', { headers: good.headers, body: '[1,2]' }, 400],
      [
        'bad signature',
        { headers: { ...good.headers, 'x-lark-signature': 'ab'.repeat(32) }, body: good.body },
        401,
      ],
      ['body changed after signing', { headers: good.headers, body: feishuEvent().body }, 401],
      ['no signature', { headers: { 'content-type': 'application/json' }, body: good.body }, 401],
      ['signed, encrypt is garbage', signed(JSON.stringify({ encrypt: 'bm90IGEgY2lwaGVydGV4dA==' })), 400],
      [
        'signed, encrypted with another key',
        signed(JSON.stringify({ encrypt: encryptFeishuPayload('{}', 'x') })),
        400,
      ],
      [
        'signed, decrypts to non-JSON',
        signed(JSON.stringify({ encrypt: encryptFeishuPayload('nope', KEY) })),
        400,
      ],
      ['signed, unknown shape', signed(JSON.stringify({ hello: 'world' })), 400],
      ['wrong verification token', feishuEvent({ token: 'guessed' }), 403],
      ['wrong app id', feishuEvent({ appId: 'cli_0000000000000000' }), 403],
      ['stale timestamp (6 min old)', feishuEvent({ timestamp: NOW_S - 6 * 60 }), 401],
      ['timestamp from the future (6 min)', feishuEvent({ timestamp: NOW_S + 6 * 60 }), 401],
    ];
    for (const [label, req, status] of cases) {
      const reply = await g.send(req);
      expect({ label, status: reply.status }).toEqual({ label, status });
    }
    expect((await g.send({ method: 'GET' })).headers.allow).toBe('POST');
    await g.settle();
    expect(g.delivered).toEqual([]);

    const ok = await g.send(feishuEvent({ eventId: 'evt-final' }));
    expect(ok.status).toBe(200);
    await g.settle();
    expect(g.delivered.map((e) => e.eventId)).toEqual(['evt-final']);
  });

  it('a replayed event is answered 200 but delivered once', async () => {
    const g = await startGuarded();
    const first = feishuEvent({ eventId: 'evt-1' });
    expect((await g.send(first)).status).toBe(200);
    expect((await g.send(first)).status).toBe(200); // byte-identical replay
    expect((await g.send(feishuEvent({ eventId: 'evt-1' }))).status).toBe(200); // Feishu's own resend
    await g.settle();
    expect(g.delivered).toHaveLength(1);
    expect(g.delivered[0]).toMatchObject({
      eventId: 'evt-1',
      eventType: 'im.message.receive_v1',
      schema: '2.0',
    });
    expect(g.delivered[0]?.payload).toMatchObject({ header: { event_id: 'evt-1' }, event: message });
  });

  it('a query string on our path is ignored: matched on the path alone', async () => {
    const g = await startGuarded();
    expect((await g.send({ ...feishuEvent({ eventId: 'evt-q' }), path: `${PATH}?from=feishu` })).status).toBe(
      200,
    );
    await g.settle();
    expect(g.delivered.map((e) => e.eventId)).toEqual(['evt-q']);
  });

  it('refuses a huge body from its Content-Length without reading it', async () => {
    const g = await startGuarded();
    const status = await new Promise<number>((resolve, reject) => {
      const r = request({
        host: '127.0.0.1',
        port: g.port,
        method: 'POST',
        path: PATH,
        headers: { 'content-type': 'application/json', 'content-length': String(50 * 1024 * 1024) },
      });
      r.on('response', (res) => {
        resolve(res.statusCode ?? 0);
        r.destroy();
      });
      r.on('error', (e) => reject(e));
      r.write(Buffer.alloc(16 * 1024, 0x20));
    });
    expect(status).toBe(413);
  });

  it('refuses a streamed body once it passes the limit, before the sender is done', async () => {
    const g = await startGuarded();
    const cap = 8 * 1024 * 1024;
    const result = await new Promise<{ status: number; written: number }>((resolve, reject) => {
      let written = 0;
      let answered = false;
      const r = request({ host: '127.0.0.1', port: g.port, method: 'POST', path: PATH });
      r.on('response', (res) => {
        answered = true;
        resolve({ status: res.statusCode ?? 0, written });
        r.destroy();
      });
      r.on('error', (e) => (answered ? undefined : reject(e)));
      const pump = () => {
        while (!answered && written < cap) {
          written += 64 * 1024;
          if (!r.write(Buffer.alloc(64 * 1024, 0x20))) return void r.once('drain', pump);
        }
        if (!answered) r.end();
      };
      pump();
    });
    expect(result.status).toBe(413);
    expect(result.written).toBeLessThan(cap);
    expect((await g.send(feishuEvent())).status).toBe(200);
  });
});

describe('Feishu webhook guard: URL verification', () => {
  const challenge = { type: 'url_verification', challenge: 'ch-123', token: TOKEN };

  it.each([
    ['plain → 200', { body: JSON.stringify(challenge) }, 200],
    [
      'encrypted → 200',
      { body: JSON.stringify({ encrypt: encryptFeishuPayload(JSON.stringify(challenge), KEY) }) },
      200,
    ],
    ['wrong token → 403', { body: JSON.stringify({ ...challenge, token: 'guessed' }) }, 403],
    [
      'encrypted with another key → 400',
      { body: JSON.stringify({ encrypt: encryptFeishuPayload('{}', 'other') }) },
      400,
    ],
  ] as const)('%s', async (_label, req, status) => {
    const g = await startGuarded();
    const reply = await g.send({ headers: { 'content-type': 'application/json' }, ...req });
    expect(reply.status).toBe(status);
    if (status === 200) expect(JSON.parse(reply.body)).toEqual({ challenge: 'ch-123' });
  });
});

describe('Feishu webhook guard: without an Encrypt Key (token only)', () => {
  const plain = (payload: unknown): Sent => {
    const built = buildWebhookRequest(payload, { timestamp: NOW_S });
    return { headers: { ...built.headers }, body: built.body };
  };

  it('delivers a plain 2.0 event with the right token and refuses a wrong or missing one', async () => {
    const g = await startGuarded({ encryptKey: undefined });
    const ok = buildEnvelope(ctx, 'im.message.receive_v1', message, { eventId: 'p-1' });
    expect((await g.send(plain(ok))).status).toBe(200);
    expect(
      (await g.send(plain({ ...ok, header: { ...ok.header, event_id: 'p-2', token: 'x' } }))).status,
    ).toBe(403);
    const { token: _dropped, ...noToken } = ok.header;
    expect((await g.send(plain({ ...ok, header: { ...noToken, event_id: 'p-3' } }))).status).toBe(403);
    expect((await g.send(plain({ encrypt: encryptFeishuPayload('{}', KEY) }))).status).toBe(400);
    await g.settle();
    expect(g.delivered.map((e) => e.eventId)).toEqual(['p-1']);
  });

  it('delivers a 1.0 event keyed by its uuid', async () => {
    const g = await startGuarded({ encryptKey: undefined });
    const v1 = {
      uuid: 'u-1',
      token: TOKEN,
      ts: '1',
      type: 'event_callback',
      event: { type: 'message', app_id: APP_ID },
    };
    expect((await g.send(plain(v1))).status).toBe(200);
    expect((await g.send(plain({ ...v1, event: { ...v1.event, app_id: 'cli_other' } }))).status).toBe(403);
    await g.settle();
    expect(g.delivered).toMatchObject([{ eventId: 'u-1', eventType: 'message', schema: '1.0' }]);
  });

  it('refuses a configuration with neither key nor token', () => {
    expect(() =>
      createWebhookGuard({
        config: { path: PATH, appId: APP_ID },
        dedupe: createMemoryDedupeStore(),
        onEvent: () => {},
      }),
    ).toThrow(/encrypt key or a verification token/);
  });
});

describe('Feishu webhook guard: acknowledge first, work after', () => {
  it('answers before a slow handler finishes and survives a failing one', async () => {
    let release: () => void = () => {};
    const started: string[] = [];
    const guard = createWebhookGuard({
      config: { path: PATH, appId: APP_ID, encryptKey: KEY, verificationToken: TOKEN },
      dedupe: createMemoryDedupeStore(),
      now: () => NOW_MS,
      onEvent: async (event) => {
        started.push(event.eventId);
        if (event.eventId === 'slow') await new Promise<void>((resolve) => (release = resolve));
        if (event.eventId === 'bad') throw new Error('handler bug');
      },
      logger: { warn: () => {}, error: () => {} },
    });
    const asGuardRequest = (s: Sent) => ({
      method: 'POST',
      url: PATH,
      headers: s.headers ?? {},
      body: Buffer.from(s.body ?? ''),
    });
    const slow = await guard.handle(asGuardRequest(feishuEvent({ eventId: 'slow' })));
    expect(slow.status).toBe(200);
    expect(started).toEqual([]); // not even started when the answer was ready
    expect((await guard.handle(asGuardRequest(feishuEvent({ eventId: 'bad' })))).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(started).toEqual(['slow', 'bad']);
    release();
    expect((await guard.handle(asGuardRequest(feishuEvent({ eventId: 'after' })))).status).toBe(200);
  });

  it('logs a failing handler with the event id', async () => {
    const errors: object[] = [];
    const guard = createWebhookGuard({
      config: { path: PATH, appId: APP_ID, encryptKey: KEY, verificationToken: TOKEN },
      dedupe: createMemoryDedupeStore(),
      now: () => NOW_MS,
      onEvent: () => {
        throw new Error('sync bug');
      },
      logger: { warn: () => {}, error: (fields) => void errors.push(fields) },
    });
    const s = feishuEvent({ eventId: 'boom' });
    const reply = await guard.handle({
      method: 'POST',
      url: PATH,
      headers: s.headers ?? {},
      body: Buffer.from(s.body ?? ''),
    });
    expect(reply.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(errors).toMatchObject([{ eventId: 'boom' }]);
  });

  it('answers 503 when the dedupe store fails, so that Feishu resends later', async () => {
    const g = await startGuarded({}, { seen: () => Promise.reject(new Error('redis down')) });
    expect((await g.send(feishuEvent())).status).toBe(503);
    await g.settle();
    expect(g.delivered).toEqual([]);
  });
});
