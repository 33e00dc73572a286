import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Directory } from '../../core/directory/directory-schema.js';
import { startTestHotline, type TestHotline, testDirectory } from '../support/test-hotline.js';

const NUMBER = /PY\d{12}/;

/** Survey timings in seconds so the whole 回访 cycle runs in a test. */
async function surveyDirectory(): Promise<Directory> {
  const base = await testDirectory();
  return { ...base, survey: { delay: 500, reminderAfter: 2_000, closeAfter: 4_000 } };
}

describe('回访: the survey conversation through the web channel and the real job queue', () => {
  let t: TestHotline;
  let official: { chat: string; id: string };

  beforeAll(async () => {
    t = await startTestHotline('embedded', await surveyDirectory());
  });
  afterAll(async () => {
    await t?.stop();
  });

  /** Files an order for `resident` and has its department answer it; returns the order number. */
  async function answeredOrder(resident: string): Promise<string> {
    const { web } = t;
    await web.post(resident, resident, '平邑街道东关社区3号楼下水道堵了，污水漫到路上，电话13812345678');
    await web.expectMessage(resident, /请核对/);
    await web.post(resident, resident, '确认');
    const number = NUMBER.exec((await web.expectMessage(resident, NUMBER)).text)![0];
    const order = await t.hotline.store.transaction((tx) => tx.getTicket(number));
    const dept = t.directory.departments.find((d) => d.id === order!.department)!;
    official = { chat: dept.chat.web ?? dept.id, id: dept.officials[0]!.id };
    await web.post(official.chat, official.id, `办结 ${number} 已疏通下水道`);
    await web.expectMessage(resident, /已疏通下水道/);
    return number;
  }

  const ticket = (number: string) => t.hotline.store.transaction((tx) => tx.getTicket(number));

  it.each([
    ['挺好的', '满意'],
    ['一般吧', '基本满意'],
    ['2', '基本满意'],
  ])('understands “%s” as %s and closes the order when solved', async (answer, result) => {
    const resident = `r-survey-${encodeURIComponent(answer)}`;
    const number = await answeredOrder(resident);
    await t.web.expectMessage(resident, /1 满意/);
    await t.web.post(resident, resident, answer);
    await t.web.expectMessage(resident, /解决了吗/);
    await t.web.post(resident, resident, '解决了');
    await t.web.expectMessage(resident, /意见或建议/);
    await t.web.post(resident, resident, '希望以后常来检查');
    await t.web.expectMessage(resident, /感谢/);
    const closed = await ticket(number);
    expect(closed?.status).toBe('closed');
    expect(closed?.survey).toMatchObject({ result, resolved: true, comment: '希望以后常来检查' });
  });

  it('asks once more when an answer cannot be read, and reopens on 根本没人来', async () => {
    const resident = 'r-survey-unclear';
    const number = await answeredOrder(resident);
    await t.web.expectMessage(resident, /1 满意/);
    await t.web.post(resident, resident, '嗯嗯那个');
    await t.web.expectMessage(resident, /请回复数字/);
    await t.web.post(resident, resident, '根本没人来');
    await t.web.expectMessage(resident, /解决了吗/);
    await t.web.post(resident, resident, '否');
    await t.web.expectMessage(resident, /重新办理/);
    await t.web.expectMessage(official.chat, new RegExp(`重办[\\s\\S]*${number}[\\s\\S]*根本没人来`));
    const reopened = await ticket(number);
    expect(reopened).toMatchObject({
      status: 'reopened',
      reopenCount: 1,
      survey: { result: '不满意', resolved: false },
    });

    // The second round: dissatisfied again → 督办 to supervisors and staff, and 专办.
    await t.web.post(official.chat, official.id, `办结 ${number} 已再次疏通`);
    await t.web.expectMessage(resident, /1 满意/);
    await t.web.post(resident, resident, '3 还是堵');
    await t.web.expectMessage(resident, /解决了吗/);
    await t.web.post(resident, resident, '没有');
    const supervisors = t.directory.supervisors.chat.web ?? t.directory.supervisors.id;
    await t.web.expectMessage(supervisors, new RegExp(`重办督办[\\s\\S]*${number}`));
    const staff = t.directory.staff.chat.web ?? t.directory.staff.id;
    await t.web.expectMessage(staff, new RegExp(`重办督办[\\s\\S]*${number}`));
    expect(await ticket(number)).toMatchObject({
      status: 'reopened',
      reopenCount: 2,
      mode: '专办',
      supervised: true,
    });
  });

  it('reminds once, then closes an unanswered survey as 未回复; a late answer becomes a comment', async () => {
    const resident = 'r-survey-silent';
    const number = await answeredOrder(resident);
    await t.web.expectMessage(resident, /1 满意/);
    await t.web.expectMessage(resident, /还没收到您的评价/, 10_000);
    await expect.poll(async () => (await ticket(number))?.status, { timeout: 10_000 }).toBe('closed');
    expect((await ticket(number))?.survey?.result).toBe('未回复');
    await t.web.post(resident, resident, '满意');
    await t.web.expectMessage(resident, /意见已记入工单/);
    const events = await t.hotline.store.transaction((tx) => tx.listEvents(number));
    expect(events.at(-1)?.note).toContain('回访结束后的评价');
  });

  it('lets staff send the survey again with 回访', async () => {
    const resident = 'r-survey-again';
    const number = await answeredOrder(resident);
    await t.web.expectMessage(resident, /1 满意/);
    const staff = t.directory.staff;
    await t.web.post(staff.chat.web ?? staff.id, staff.members[0]!.id, `回访 ${number}`);
    await t.web.expectMessage(staff.chat.web ?? staff.id, /重新发送/);
    await t.web.expectMessage(resident, /1 满意/);
  });

  it('gives staff the survey figures with 回访统计', async () => {
    const staff = t.directory.staff;
    const chat = staff.chat.web ?? staff.id;
    await t.web.post(chat, staff.members[0]!.id, '回访统计 today');
    const stats = await t.web.expectMessage(chat, /回访统计/);
    expect(stats.text).toMatch(/全县：受理 \d+，回访率 [\d.]+%/);
    await t.web.post(chat, staff.members[0]!.id, '回访统计 去年');
    await t.web.expectMessage(chat, /统计周期可选/);
  });
});
