import { FileBox } from 'file-box';
import { types } from 'wechaty';
import { mock, PuppetMock } from 'wechaty-puppet-mock';

type ContactMock = mock.ContactMock;
type RoomMock = mock.RoomMock;

/** A message the bot's account said, as the mock WeChat received it. */
export interface Said {
  /** Room id, or the contact id of a private chat. */
  readonly to: string;
  readonly text: string;
  /** `Date.now()` when WeChat received it. */
  readonly at: number;
}

/**
 * WeChat played by wechaty-puppet-mock: people, rooms, and everything the bot says. `who.says(…)`
 * reads like the chat it plays.
 */
export interface MockWechat {
  readonly mocker: mock.Mocker;
  readonly puppet: PuppetMock;
  readonly bot: ContactMock;
  readonly said: readonly Said[];
  person(id: string, name: string, alias?: string): ContactMock;
  room(topic: string, members: readonly ContactMock[], id?: string): RoomMock;
  /** A private message to the bot, or a room message (mentioning the bot when `mentionBot`). */
  says(from: ContactMock, text: string, where?: RoomMock, mentionBot?: boolean): void;
  /** A file in a private chat; its kind follows the extension (jpg/png image, mp4 video, silk voice). */
  sendsFile(from: ContactMock, name: string, bytes: number | Buffer): void;
  /** A message of a kind a contact cannot type in the mock (link, location …), with a fixed id. */
  sendsKind(from: ContactMock, type: types.Message, id: string, text?: string): void;
  /** Delivers a message WeChat already delivered once. */
  redeliver(messageId: string): void;
  lastMessageId(): string;
  login(): void;
  logout(): Promise<void>;
  /** The first message said to `to` after `from` (an index into `said`) that matches. */
  waitForSaid(to: string, pattern: RegExp, options?: { from?: number; timeoutMs?: number }): Promise<Said>;
}

const FILE_TYPES: Record<string, types.Message> = {
  jpg: types.Message.Image,
  png: types.Message.Image,
  mp4: types.Message.Video,
  silk: types.Message.Audio,
};

export function createMockWechat(botName = '平邑12345热线'): MockWechat {
  const mocker = new mock.Mocker();
  const puppet = new PuppetMock({ mocker });
  const bot = mocker.createContact({ id: 'wxid_hotline_bot', name: botName });
  const said: Said[] = [];
  let lastId = '';
  let files = 0;
  puppet.on('message', ({ messageId }) => {
    lastId = messageId;
    const payload = mocker.cacheMessagePayload.get(messageId);
    if (payload?.talkerId !== bot.id) return;
    const to =
      'roomId' in payload && payload.roomId
        ? payload.roomId
        : 'listenerId' in payload
          ? payload.listenerId
          : '';
    said.push({ to: to ?? '', text: payload.text ?? '', at: Date.now() });
  });

  return {
    mocker,
    puppet,
    bot,
    said,
    person: (id, name, alias) => mocker.createContact({ id, name, ...(alias ? { alias } : {}) }),
    room: (topic, members, id) =>
      mocker.createRoom({
        ...(id ? { id } : {}),
        topic,
        memberIdList: [bot.id, ...members.map((m) => m.id)],
      }),
    says(from, text, where, mentionBot = false) {
      const mentions = mentionBot ? [bot] : [];
      const body = mentionBot ? `@${botName}\u2005${text}` : text;
      from.say(body, mentions).to(where ?? bot);
    },
    sendsFile(from, name, bytes) {
      // The mock types a file by its media type first, which leaves most documents "unknown".
      const buffer = typeof bytes === 'number' ? Buffer.alloc(bytes, 7) : bytes;
      const id = `file-${++files}-${name}`;
      mocker.cacheFileBoxPayload.set(id, FileBox.fromBase64(buffer.toString('base64'), name).toJSON());
      const ext = name.split('.').pop()?.toLowerCase() ?? '';
      this.sendsKind(from, FILE_TYPES[ext] ?? types.Message.Attachment, id);
    },
    sendsKind(from, type, id, text = '') {
      mocker.MessageMock.create({
        id,
        type,
        talkerId: from.id,
        listenerId: bot.id,
        text,
        timestamp: Date.now(),
      });
      puppet.emit('message', { messageId: id });
    },
    redeliver: (messageId) => puppet.emit('message', { messageId }),
    lastMessageId: () => lastId,
    login: () => mocker.login(bot),
    logout: () => puppet.logout(),
    async waitForSaid(to, pattern, options = {}) {
      const deadline = Date.now() + (options.timeoutMs ?? 20_000);
      for (;;) {
        const found = said.slice(options.from ?? 0).find((s) => s.to === to && pattern.test(s.text));
        if (found) return found;
        if (Date.now() > deadline) {
          const seen = said.filter((s) => s.to === to).map((s) => s.text.slice(0, 80));
          throw new Error(
            `nothing matching ${pattern} was said to ${to}; said there: ${JSON.stringify(seen)}`,
          );
        }
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    },
  };
}
