import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Env, parseEnv } from '../../bots/config/env.js';
import { type Hotline, startHotline } from '../../bots/hotline.js';
import { createLogger } from '../../bots/logger.js';
import { testDirectory } from '../support/test-hotline.js';

/** A free port, held until released: while held, a hotline that tried to listen there would fail to start. */
async function holdPort(): Promise<{ port: number; release(): Promise<void> }> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    release: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** An embedded hotline in `role` with WORKER_HEALTH_PORT set (the test-hotline helper sets no such variable). */
async function startWithHealthPort(role: Env['HOTLINE_ROLE'], healthPort: number) {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'hotline-worker-health-'));
  const env = parseEnv({
    PORT: '0',
    WORKER_HEALTH_PORT: String(healthPort),
    DATA_DIR: dataDir,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    HOTLINE_ROLE: role,
  });
  const hotline = await startHotline({
    env,
    rawEnv: {},
    directory: await testDirectory(),
    logger: createLogger(env.LOG_LEVEL, false),
    channels: async () => [],
  });
  return {
    hotline,
    async stop() {
      await hotline.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

describe('a worker with WORKER_HEALTH_PORT', () => {
  let worker: { hotline: Hotline; stop(): Promise<void> } | undefined;
  let base = '';

  beforeAll(async () => {
    const free = await holdPort();
    await free.release();
    base = `http://127.0.0.1:${free.port}`;
    worker = await startWithHealthPort('worker', free.port);
  });
  afterAll(async () => {
    await worker?.stop();
  });

  it('answers GET /healthz on that port, with the gateway’s shape less the channels', async () => {
    expect(worker?.hotline.healthUrl).toBe(base);
    expect(worker?.hotline.url).toBe('');
    const res = await fetch(`${base}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      status: 'ok',
      role: 'worker',
      database: 'embedded',
      queue: 'postgres',
    });
  });

  it('serves no web chat, console, API or webhook there: 404', async () => {
    const post = await fetch(`${base}/api/web/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ chat: 'r-1', from: 'r-1', text: '路灯不亮' }),
    });
    expect(post.status).toBe(404);
    expect(await post.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
    for (const pathname of ['/', '/console', '/api/web/directory', '/api/web/messages?chat=r-1']) {
      expect((await fetch(`${base}${pathname}`)).status, pathname).toBe(404);
    }
    expect((await fetch(`${base}/feishu/events`, { method: 'POST', body: '{}' })).status).toBe(404);
  });
});

describe('WORKER_HEALTH_PORT in the other roles', () => {
  it('is ignored: the health check stays on PORT, the worker port is left alone', async () => {
    const held = await holdPort();
    const all = await startWithHealthPort('all', held.port);
    try {
      expect(all.hotline.healthUrl).toBe(all.hotline.url);
      expect(all.hotline.url).not.toContain(`:${held.port}`);
      const health = (await (await fetch(`${all.hotline.url}/healthz`)).json()) as Record<string, unknown>;
      expect(health).toMatchObject({ status: 'ok', role: 'all', database: 'embedded', queue: 'postgres' });
      expect(health.channels).toEqual({ web: { state: 'online' } });
    } finally {
      await all.stop();
      await held.release();
    }
  });
});
