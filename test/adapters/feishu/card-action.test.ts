import { readFile } from 'node:fs/promises';
import path from 'node:path';
import * as lark from '@larksuiteoapi/node-sdk';
import { describe, expect, it } from 'vitest';
import { CARD_TOASTS, cardActionToInbound } from '../../../adapters/feishu/card-action.js';

const FIXTURES = path.resolve(import.meta.dirname, '../../fixtures/feishu');
const NOW = new Date('2026-11-26T02:00:00Z');
const quiet = { error() {}, warn() {}, info() {}, debug() {}, trace() {} };

/** The callback as the SDK's dispatcher hands it to the `card.action.trigger` handler. */
async function delivered(name: string): Promise<Record<string, unknown>> {
  const envelope: unknown = JSON.parse(await readFile(path.join(FIXTURES, `${name}.json`), 'utf8'));
  let data: Record<string, unknown> = {};
  await new lark.EventDispatcher({ logger: quiet })
    .register({
      'card.action.trigger': async (d: Record<string, unknown>) => {
        data = d;
      },
    })
    .invoke(envelope, { needCheck: false });
  return data;
}

describe('cardActionToInbound: recorded callbacks', () => {
  it('a 签收 press is a group command from the operator in the card’s chat, keyed by the event id', async () => {
    const data = await delivered('card-action-button');
    const decision = cardActionToInbound(data, NOW);
    expect(decision).toMatchObject({
      kind: 'command',
      chatId: 'oc_5b1cadb1a240f1cd0240b5aac5667502',
      message: {
        channel: 'feishu',
        conversation: 'feishu:oc_5b1cadb1a240f1cd0240b5aac5667502',
        isGroup: true,
        id: data.event_id,
        sender: {
          id: 'ou_966955c3fc90aa3c8bed7b616f80ff4b',
          altIds: ['5e1f2a3b', 'on_966955c3fc90aa3c8bed7b616f80ff4b'],
        },
        text: '签收 PY202611260007',
        mentionsBot: true,
        attachments: [],
        receivedAt: NOW,
      },
    });
  });

  it('a submitted form adds the typed text to the command', async () => {
    const decision = cardActionToInbound(await delivered('card-action-form'), NOW);
    expect(decision).toMatchObject({
      kind: 'command',
      message: { text: '办结 PY202611260007 已更换灯泡，路灯恢复照明' },
    });
  });

  it('without an event id, the message id is made of the card and the callback token', async () => {
    const { event_id: _dropped, ...data } = await delivered('card-action-button');
    const decision = cardActionToInbound(data, NOW);
    expect(decision.kind === 'command' && decision.message.id).toBe(
      'card-om_x100b4c5d6e7f8a9b0c1d2e3f4a5b6c7d-c-0a1b2c3d4e5f60718293a4b5c6d7e8f9a0b1c2d3',
    );
  });

  it.each([
    ['no value', { value: undefined }],
    ['a value of someone else’s card', { value: { key: 'approve' } }],
    ['a value that is no command', { value: { cmd: '你好' } }],
  ])('refuses %s with a toast', async (_label, action) => {
    const data = await delivered('card-action-button');
    const decision = cardActionToInbound({ ...data, action: { tag: 'button', ...action } }, NOW);
    expect(decision).toEqual({ kind: 'refuse', toast: CARD_TOASTS.unknown });
  });

  it('refuses a callback without operator or context', () => {
    expect(cardActionToInbound({ action: { value: { cmd: '签收 PY202611260007' } } }, NOW).kind).toBe(
      'refuse',
    );
  });
});
