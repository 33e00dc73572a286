import { beforeAll, describe, expect, it } from 'vitest';
import { createRoomBook } from '../../../adapters/wechat/room-book.js';
import { identifyMember } from '../../../adapters/wechat/wechat-channel.js';
import { type DirectoryIndex, indexDirectory } from '../../../core/directory/directory-index.js';
import { STAFF_ROOM_ID, wechatTestDirectory, ZJJ_TOPIC } from './wechat-directory.js';

describe('who is who in WeChat rooms', () => {
  let directory: DirectoryIndex;
  beforeAll(async () => {
    directory = indexDirectory(await wechatTestDirectory());
  });

  it.each([
    ['by WeChat id', { id: 'wxid_r6qp5ctgyxsj7k', name: '随便起的昵称' }, 'zjj-li'],
    ['by the stated name, for a member listed without an id', { id: 'wxid_new', name: '王海燕' }, 'zjj-wang'],
    [
      'by the stated name as the bot’s remark',
      { id: 'wxid_new', name: 'wang', altIds: ['王海燕'] },
      'zjj-wang',
    ],
    ['not by the name of a member listed with an id', { id: 'wxid_fake', name: '李建国' }, undefined],
    ['not a stranger', { id: 'wxid_stranger', name: '路人甲' }, undefined],
  ])('knows a member %s', (_how, sender, expected) => {
    const zjj = directory.group('zjj')!;
    expect(identifyMember(zjj, sender)?.id).toBe(expected);
  });

  it('does not take a member of one department for a member of another', () => {
    expect(identifyMember(directory.group('zfj')!, { id: 'wxid_r6qp5ctgyxsj7k' })).toBeUndefined();
  });
});

describe('which room is which group', () => {
  let directory: DirectoryIndex;
  beforeAll(async () => {
    directory = indexDirectory(await wechatTestDirectory());
  });

  it('knows a room bound by id at once', () => {
    const book = createRoomBook(directory);
    expect(book.groupOfRoom(STAFF_ROOM_ID)?.id).toBe('staff');
    expect(book.keyOf(directory.group('staff')!)).toBe(`wechat:room:${STAFF_ROOM_ID}`);
  });

  it('addresses a topic-bound group by topic until its room is seen, then by room id', () => {
    const book = createRoomBook(directory);
    const zjj = directory.group('zjj')!;
    expect(book.keyOf(zjj)).toBe(`wechat:topic:${ZJJ_TOPIC}`);
    expect(book.groupOfKey(`wechat:topic:${ZJJ_TOPIC}`)?.id).toBe('zjj');
    expect(book.unresolvedTopics()).toContain(ZJJ_TOPIC);
    expect(book.learn('111@chatroom', ZJJ_TOPIC)?.group.id).toBe('zjj');
    expect(book.keyOf(zjj)).toBe('wechat:room:111@chatroom');
    expect(book.groupOfKey('wechat:room:111@chatroom')?.id).toBe('zjj');
    expect(book.unresolvedTopics()).not.toContain(ZJJ_TOPIC);
  });

  it('needs the exact topic', () => {
    const book = createRoomBook(directory);
    expect(book.learn('222@chatroom', `${ZJJ_TOPIC} `)).toBeUndefined();
    expect(book.learn('333@chatroom', '平邑12345·住建局')).toBeUndefined();
    expect(book.groupOfRoom('222@chatroom')).toBeUndefined();
  });

  it('keeps a room after it is renamed, and follows the topic when another room takes it', () => {
    const book = createRoomBook(directory);
    book.learn('111@chatroom', ZJJ_TOPIC);
    expect(book.learn('111@chatroom', '住建局工作群')?.group.id).toBe('zjj');
    expect(book.learn('999@chatroom', ZJJ_TOPIC)).toMatchObject({
      group: { id: 'zjj' },
      replaced: '111@chatroom',
    });
    expect(book.groupOfRoom('111@chatroom')).toBeUndefined();
    expect(book.keyOf(directory.group('zjj')!)).toBe('wechat:room:999@chatroom');
  });

  it('moves a room renamed to another bound topic to that group only', () => {
    const book = createRoomBook(directory);
    book.learn('111@chatroom', ZJJ_TOPIC);
    expect(book.learn('111@chatroom', '平邑12345·县交通运输局')?.group.id).toBe('jtj');
    expect(book.keyOf(directory.group('zjj')!)).toBe(`wechat:topic:${ZJJ_TOPIC}`);
  });

  it('has no group for a private chat or another channel’s key', () => {
    const book = createRoomBook(directory);
    expect(book.groupOfKey('wechat:dm:wxid_r6qp5ctgyxsj7k')).toBeUndefined();
    expect(book.groupOfKey('web:dept-zjj')).toBeUndefined();
  });
});
