import { describe, expect, it } from 'vitest';
import { createMemoryDedupeStore } from '../../../adapters/feishu/memory-dedupe-store.js';
import { createWebhookGuard, type FeishuWebhookEvent } from '../../../adapters/feishu/webhook-guard.js';
import { buildEnvelope, cardActionEvent } from '../../fakes/fake-feishu/event-envelopes.js';
import { buildWebhookRequest } from '../../fakes/fake-feishu/webhook-delivery.js';

const APP_ID = 'cli_a1b2c3d4e5f60718';
const KEY = 'encrypt-key-1';
const TOKEN = 'verification-token-1';
const PATH = '/feishu/events';
const ctx = { appId: APP_ID, verificationToken: TOKEN, tenantKey: 't1' };

const press = (eventId?: string) =>
  buildEnvelope(
    ctx,
    'card.action.trigger',
    cardActionEvent(
      {
        value: { cmd: '签收 PY202611260007' },
        operatorOpenId: 'ou_1',
        openMessageId: 'om_1',
        openChatId: 'oc_1',
      },
      't1',
    ),
    eventId ? { eventId } : {},
  );

function guarded(onCallback: (event: FeishuWebhookEvent) => Promise<unknown>, callbackTimeoutMs?: number) {
  const events: FeishuWebhookEvent[] = [];
  const errors: object[] = [];
  const guard = createWebhookGuard({
    config: { path: PATH, appId: APP_ID, encryptKey: KEY, verificationToken: TOKEN },
    dedupe: createMemoryDedupeStore(),
    onEvent: (event) => void events.push(event),
    onCallback,
    ...(callbackTimeoutMs === undefined ? {} : { callbackTimeoutMs }),
    logger: { warn: () => {}, error: (fields) => void errors.push(fields) },
  });
  const post = async (payload: unknown) => {
    const request = buildWebhookRequest(payload, { encryptKey: KEY });
    const answer = await guard.handle({
      method: 'POST',
      url: PATH,
      headers: request.headers,
      body: Buffer.from(request.body),
    });
    return { status: answer.status, json: JSON.parse(answer.body) as unknown };
  };
  return { post, events, errors };
}

describe('webhook guard: answering card callbacks in the HTTP answer', () => {
  it('answers a button press with what the handler returns, once per event id', async () => {
    let calls = 0;
    const { post, events } = guarded(async (event) => {
      calls += 1;
      return { toast: { type: 'success', content: `已提交 ${event.eventType}` } };
    });
    const envelope = press('evt-1');
    expect(await post(envelope)).toEqual({
      status: 200,
      json: { toast: { type: 'success', content: '已提交 card.action.trigger' } },
    });
    expect(await post(envelope)).toEqual({ status: 200, json: {} });
    expect(calls).toBe(1);
    expect(events).toEqual([]);
  });

  it('answers {} when the handler is too slow or fails, and logs the failure', async () => {
    const slow = guarded(() => new Promise((resolve) => setTimeout(() => resolve({ toast: {} }), 500)), 50);
    expect(await slow.post(press())).toEqual({ status: 200, json: {} });
    const failing = guarded(async () => {
      throw new Error('boom');
    });
    expect(await failing.post(press())).toEqual({ status: 200, json: {} });
    expect(failing.errors).toHaveLength(1);
  });

  it('still hands other events to onEvent after answering', async () => {
    const { post, events } = guarded(async () => ({ toast: {} }));
    const message = buildEnvelope(ctx, 'im.message.receive_v1', { message: { message_id: 'om_9' } });
    expect(await post(message)).toEqual({ status: 200, json: {} });
    await new Promise((resolve) => setImmediate(resolve));
    expect(events.map((e) => e.eventType)).toEqual(['im.message.receive_v1']);
  });
});
