import { z } from 'zod';
import { parseCommand } from '../../core/domain/commands.js';
import type { InboundMessage } from '../../core/messages.js';
import { TEXT_INPUT } from './card-render.js';
import { encodeFeishuKey } from './feishu-keys.js';

/**
 * `card.action.trigger` (a button of one of our cards pressed, or its form submitted) → the group
 * command it stands for, sent by the person who pressed it in the chat the card is in. Pure.
 * A press that cannot make a complete command (a form submitted empty, 延期 without a number of
 * days) is answered at once with what is missing, and nothing is queued.
 */

export type CardActionDecision =
  | { readonly kind: 'command'; readonly chatId: string; readonly message: InboundMessage }
  | { readonly kind: 'refuse'; readonly toast: string };

const CardActionSchema = z.looseObject({
  event_id: z.string().min(1).optional(),
  token: z.string().optional(),
  operator: z.looseObject({
    open_id: z.string().min(1),
    user_id: z.string().optional(),
    union_id: z.string().optional(),
  }),
  action: z.looseObject({
    value: z.unknown(),
    form_value: z.record(z.string(), z.unknown()).optional(),
    input_value: z.string().optional(),
  }),
  context: z.looseObject({ open_message_id: z.string().min(1), open_chat_id: z.string().min(1) }),
});

const ButtonValueSchema = z.object({ cmd: z.string().trim().min(1).max(200), text: z.boolean().optional() });

export const CARD_TOASTS = {
  unknown: '无法识别此操作，请在群里发送指令。',
  accepted: '已提交，处理结果稍后显示在卡片上。',
  duplicate: '已提交，请勿重复点击。',
  unbound: '本群尚未绑定办理单位，无法操作。',
  starting: '系统正在启动，请稍后再试。',
  failed: '系统繁忙，请稍后再试或在群里发送指令。',
} as const;

const MAX_TEXT = 2000;

export function cardActionToInbound(data: unknown, now: Date): CardActionDecision {
  const parsed = CardActionSchema.safeParse(data);
  if (!parsed.success) return { kind: 'refuse', toast: CARD_TOASTS.unknown };
  const { operator, action, context } = parsed.data;
  const value = ButtonValueSchema.safeParse(action.value);
  if (!value.success) return { kind: 'refuse', toast: CARD_TOASTS.unknown };

  const typed = action.form_value?.[TEXT_INPUT] ?? action.input_value;
  const words = typeof typed === 'string' ? typed.trim().slice(0, MAX_TEXT) : '';
  const text = value.data.text && words ? `${value.data.cmd} ${words}` : value.data.cmd;
  const command = parseCommand(text);
  if (!command) return { kind: 'refuse', toast: CARD_TOASTS.unknown };
  if (!command.ok) {
    const where = value.data.text ? '：请先在卡片的输入框里填写，再点按钮' : '';
    return { kind: 'refuse', toast: `${command.problem}${where}。` };
  }

  const altIds = [operator.user_id, operator.union_id].filter((id): id is string => !!id);
  const id = parsed.data.event_id ?? `card-${context.open_message_id}-${parsed.data.token ?? now.getTime()}`;
  return {
    kind: 'command',
    chatId: context.open_chat_id,
    message: {
      channel: 'feishu',
      conversation: encodeFeishuKey(context.open_chat_id),
      isGroup: true,
      id,
      sender: { id: operator.open_id, ...(altIds.length ? { altIds } : {}) },
      text,
      // Pressing the bot's own card is addressing the bot.
      mentionsBot: true,
      attachments: [],
      receivedAt: now,
      raw: data,
    },
  };
}
