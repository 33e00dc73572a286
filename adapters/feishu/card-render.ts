import type { MessageAction, OutboundMessage } from '../../core/messages.js';

/**
 * Outbound messages as Feishu content. A message with a card becomes an interactive card (JSON
 * 2.0): a coloured header, the fields, the named handler @-mentioned, and the actions as buttons;
 * actions that need words (退回, 延期, 办结) share one form with a text box. Every button's callback
 * value carries the command it stands for. Anything that comes from people (fields, note) is put in
 * `plain_text`, never in markdown, so nobody can smuggle a mention or a link into a card.
 */

/** What a button sends back: the command (verb + order number), plus the form's text when `text`. */
export interface ButtonValue {
  readonly cmd: string;
  readonly text?: true;
}

export const FORM_NAME = 'ticket_form';
export const TEXT_INPUT = 'text';

export type CardColor = NonNullable<NonNullable<OutboundMessage['card']>['color']>;
export type CardJson = Readonly<Record<string, unknown>>;

export interface RenderedContent {
  readonly msgType: 'text' | 'interactive';
  /** The `content` field of the message API: a JSON string. */
  readonly content: string;
}

const plain = (content: string) => ({ tag: 'plain_text', content });

/** Splits an action's command template (`退回 PY… 理由`) into what is sent and what the official adds. */
export function commandParts(action: MessageAction): { readonly cmd: string; readonly hint: string } {
  if (!action.needsText) return { cmd: action.command.trim(), hint: '' };
  const tokens = action.command.trim().split(/\s+/);
  return { cmd: tokens.slice(0, 2).join(' '), hint: tokens.slice(2).join(' ') };
}

export function buttonValue(action: MessageAction): ButtonValue {
  const { cmd } = commandParts(action);
  return action.needsText ? { cmd, text: true } : { cmd };
}

function button(action: MessageAction, index: number, inForm: boolean): Record<string, unknown> {
  return {
    tag: 'button',
    name: `act_${index}`,
    text: plain(action.label),
    type: action.style ?? 'default',
    ...(inForm ? { form_action_type: 'submit' } : {}),
    behaviors: [{ type: 'callback', value: buttonValue(action) }],
  };
}

function buttonRow(actions: readonly MessageAction[], inForm: boolean): Record<string, unknown> {
  return {
    tag: 'column_set',
    flex_mode: 'flow',
    horizontal_spacing: '8px',
    columns: actions.map((action, index) => ({
      tag: 'column',
      width: 'auto',
      elements: [button(action, index, inForm)],
    })),
  };
}

function actionElements(actions: readonly MessageAction[]): Record<string, unknown>[] {
  if (!actions.length) return [];
  const wordy = actions.filter((a) => a.needsText);
  if (!wordy.length) return [buttonRow(actions, false)];
  const hint = wordy.map((a) => `${a.label}：${commandParts(a).hint || '说明'}`).join('；');
  return [
    {
      tag: 'form',
      name: FORM_NAME,
      elements: [
        {
          tag: 'input',
          name: TEXT_INPUT,
          input_type: 'multiline_text',
          rows: 2,
          max_length: 1000,
          width: 'fill',
          placeholder: plain(`先填写（${hint}），再点下方按钮`),
        },
        buttonRow(actions, true),
      ],
    },
  ];
}

/** Only ids the channel produced may go into a mention tag. */
const mentionTag = (id: string) => (/^[A-Za-z0-9_]+$/.test(id) ? `<at id=${id}></at>` : '');

export function renderCard(message: OutboundMessage): CardJson {
  const card = message.card;
  if (!card) throw new Error('renderCard needs a message with a card');
  const actions = message.actions ?? [];
  const tags = (message.mentions ?? []).map(mentionTag).filter(Boolean);
  const elements: Record<string, unknown>[] = [
    ...(tags.length ? [{ tag: 'markdown', content: `${tags.join(' ')} 请及时签收办理` }] : []),
    { tag: 'div', text: plain(card.fields.map((f) => `${f.label}：${f.value}`).join('\n')) },
    ...(card.note ? [{ tag: 'div', text: { ...plain(card.note), text_color: 'grey' } }] : []),
    ...(actions.length ? [{ tag: 'hr' }] : []),
    ...actionElements(actions),
    ...(actions.length
      ? [
          {
            tag: 'div',
            text: {
              ...plain(`也可在群里发送指令：\n${actions.map((a) => a.command).join('\n')}`),
              text_size: 'notation',
              text_color: 'grey',
            },
          },
        ]
      : []),
  ];
  return {
    schema: '2.0',
    config: { update_multi: true, width_mode: 'fill' },
    header: { title: plain(card.title), template: card.color ?? 'blue' },
    body: { elements },
  };
}

/** A text message: mentions first; an `<at>` written by someone is defused so it cannot ping anybody. */
export function renderText(message: OutboundMessage): { readonly text: string } {
  const tags = (message.mentions ?? [])
    .filter((id) => /^[A-Za-z0-9_]+$/.test(id))
    .map((id) => `<at user_id="${id}"></at>`);
  const body = message.text.replace(/<(\/?at)\b/gi, '＜$1');
  return { text: tags.length ? `${tags.join(' ')} ${body}` : body };
}

export function renderOutbound(message: OutboundMessage): RenderedContent {
  return message.card
    ? { msgType: 'interactive', content: JSON.stringify(renderCard(message)) }
    : { msgType: 'text', content: JSON.stringify(renderText(message)) };
}
