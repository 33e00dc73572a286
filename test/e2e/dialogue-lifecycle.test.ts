import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type DialogueHotline,
  expectNoReply,
  expectOrder,
  expectOrderCount,
  expectReply,
  expectShortReplies,
  type Line,
  play,
  says,
  startDialogueHotline,
  step,
  timePasses,
} from '../support/dialogue.js';

const NUMBER = /PY\d{12}/;
const MINUTE = 60_000;

let d: DialogueHotline;
beforeAll(async () => {
  d = await startDialogueHotline({ quietWindow: 300, intake: { ordersPerDay: 2, messagesPerMinute: 8 } });
});
afterAll(async () => {
  await d?.stop();
});

/** Files a complete order in three lines: place and phone given at once, then 确认. */
const fileOne = (text: string): Line[] => [
  says(text),
  expectReply(/请核对/),
  says('确认'),
  expectReply(NUMBER),
];

/** Over time and around the draft: idle drafts, commands in the middle, long messages, limits. */
const scripts: [string, Line[]][] = [
  [
    'a draft left idle is offered back; 继续 goes on with the message that came in',
    [
      says('路灯坏了好几天了'),
      expectReply(/哪里/),
      timePasses(31 * MINUTE),
      says('平邑街道东关社区'),
      expectReply(/上次反映的“路灯坏了好几天了”还没提交，继续吗？回复“继续”或“重新开始”/),
      says('继续'),
      expectReply(/联系电话/),
      says('不留'),
      expectReply(/请核对[\s\S]*东关社区/),
    ],
  ],
  [
    'after an idle draft, 重新开始 starts from the new message',
    [
      says('路灯坏了好几天了'),
      expectReply(/哪里/),
      timePasses(40 * MINUTE),
      says('平邑街道东关社区门口垃圾没人清运'),
      expectReply(/还没提交，继续吗/),
      says('重新开始'),
      expectReply(/重新开始。[\s\S]*联系电话/),
      says('不留'),
      expectReply(/请核对[\s\S]*垃圾/),
    ],
  ],
  [
    'a draft older than a day is dropped with a note',
    [
      says('路灯坏了好几天了'),
      expectReply(/哪里/),
      timePasses(25 * 60 * MINUTE),
      says('你好'),
      expectReply(/上次未提交的内容已过期/),
      expectReply(/平邑12345热线/),
    ],
  ],
  [
    'commands work in the middle of a draft without losing it',
    (() => {
      let number = '';
      return [
        says('查询'),
        expectReply(/还没有工单/),
        says('平邑街道东关社区3号楼下水道堵了，电话13812345678'),
        expectReply(/请核对/),
        says('确认'),
        step(async ({ resident }) => {
          number = NUMBER.exec(await resident.expectReply(NUMBER))![0];
        }),
        says('仲村镇王家庄村的路灯坏了'),
        expectReply(/联系电话/),
        says('查询'),
        step(async ({ resident }) => expect(await resident.expectReply(NUMBER)).toContain('已派单')),
        expectReply(/正在登记的内容还在/),
        step(({ resident }) => resident.says(`查询 ${number}`)),
        step(async ({ resident }) => expect(await resident.expectReply(/状态：已派单/)).toContain(number)),
        expectReply(/正在登记的内容还在/),
        timePasses(MINUTE),
        step(({ resident }) => resident.says(`补充 ${number} 晚上污水味道特别大`)),
        expectReply(/已将补充内容转给承办单位/),
        expectReply(/正在登记的内容还在/),
        step(async ({ d }) => {
          const order = await d.hotline.store.transaction((tx) => tx.getTicket(number));
          await d.expectGroupMessage(order!.department, new RegExp(`【群众补充】${number}[\\s\\S]*污水味道`));
        }),
        step(({ resident }) => resident.says(`撤销 ${number}`)),
        expectReply(/已撤销/),
        expectReply(/正在登记的内容还在/),
        says('签收 PY202611260001'),
        expectReply(/供办理单位使用/),
        expectReply(/正在登记的内容还在/),
        says('13812345678'),
        expectReply(/请核对[\s\S]*王家庄村[\s\S]*路灯/),
      ];
    })(),
  ],
  [
    'text that starts with a command word is still free text',
    [says('查询一下灵活就业人员的社保怎么交？'), expectReply(/联系电话/)],
  ],
  [
    'a long message is kept whole, with a word that it was long',
    (() => {
      const long = '平邑街道东关社区3号楼下水道堵了，污水漫到路上，'.repeat(90);
      return [
        says(long),
        expectReply(/比较长，已完整记录。[\s\S]*联系电话/),
        says('不留'),
        expectReply(/请核对/),
        says('确认'),
        expectReply(NUMBER),
        expectOrder((o) => expect(o.description).toBe(long.trim())),
      ];
    })(),
  ],
  [
    'at most N new orders a day',
    [
      ...fileOne('平邑街道东关社区3号楼下水道堵了，电话13812345678'),
      ...fileOne('平邑街道东关社区门口垃圾没人清运，电话13812345678'),
      says('查询'),
      step(async ({ resident }) => {
        // Own orders, newest first.
        const lines = (await resident.expectReply(NUMBER)).split('\n');
        const numbers = lines.map((line) => NUMBER.exec(line)?.[0] ?? '');
        expect(numbers).toHaveLength(2);
        expect(numbers[0]! > numbers[1]!).toBe(true);
        expect(lines[1]).toContain('下水道');
      }),
      timePasses(MINUTE),
      says('平邑街道东关社区路灯坏了，电话13812345678'),
      expectReply(/今天已提交 2 个工单，已达当日上限/),
      expectOrderCount(2),
      // A question the FAQ answers is still answered.
      says('请问居住证怎么办理？'),
      expectReply(/派出所/),
      expectReply(/已记录/),
    ],
  ],
  [
    'at most M messages a minute, then one polite limit message',
    [
      ...Array.from({ length: 8 }, (_, i) => [says(i % 2 ? '谢谢' : '你好'), expectReply(/./)]).flat(),
      says('你好'),
      expectReply(/太频繁/),
      says('你好'),
      expectNoReply(800),
      timePasses(MINUTE + 1_000),
      says('你好'),
      expectReply(/平邑12345热线/),
    ],
  ],
];

describe('resident dialogue over time (web, embedded database, quiet window 300 ms, no LLM)', () => {
  it.each(scripts)('%s', async (_name, script) => {
    expectShortReplies(await play(d, script));
  });
});
