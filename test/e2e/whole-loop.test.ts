import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MODES, startTestHotline, type TestHotline } from '../support/test-hotline.js';

const NUMBER = /PY\d{12}/;

async function ticket(t: TestHotline, number: string) {
  const found = await t.hotline.store.transaction((tx) => tx.getTicket(number));
  if (!found) throw new Error(`no ticket ${number}`);
  return found;
}

describe.each(MODES)('the whole loop over the web channel (%s)', (mode) => {
  let t: TestHotline;
  beforeAll(async () => {
    t = await startTestHotline(mode);
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('takes a complaint from a resident to a closed order, through return, re-dispatch, reply, redo and survey', async () => {
    const { web, directory } = t;
    const resident = `r-loop-${mode}`;
    await web.post(resident, resident, '城东街道阳光小区3号楼前的路灯坏了一个星期了，晚上很黑');
    await web.expectMessage(resident, /电话/);
    await web.post(resident, resident, '13812345678');
    const readBack = await web.expectMessage(resident, /确认/);
    expect(readBack.text).toContain('138****5678');
    expect(readBack.text).not.toContain('13812345678');
    await web.post(resident, resident, '确认');
    const filed = await web.expectMessage(resident, NUMBER);
    const number = NUMBER.exec(filed.text)![0];
    expect(filed.text).toMatch(/\d+月\d+日/);

    const order = await ticket(t, number);
    const dept = directory.departments.find((d) => d.id === order.department)!;
    const deptChat = dept.chat.web ?? dept.id;
    const dispatch = await web.expectMessage(deptChat, new RegExp(number));
    expect(dispatch.text).toContain('138****5678');
    expect(dispatch.text).not.toContain('13812345678');
    expect(dispatch.actions?.map((a) => a.label)).toEqual(expect.arrayContaining(['签收', '退回', '办结']));

    // Someone of another department, in their own group, is refused and nothing changes.
    const other = directory.departments.find((d) => d.id !== dept.id && d.officials.length > 0)!;
    const otherChat = other.chat.web ?? other.id;
    await web.post(otherChat, other.officials[0]!.id, `签收 ${number}`);
    await web.expectMessage(otherChat, /不属于本单位/);
    expect((await ticket(t, number)).status).toBe('dispatched');

    // 退回 → the staff group re-dispatches with 改派.
    const official = dept.officials[0]!;
    await web.post(deptChat, official.id, `退回 ${number} 不属于我单位职责`);
    const staffChat = directory.staff.chat.web ?? directory.staff.id;
    const returned = await web.expectMessage(staffChat, new RegExp(`${number}[\\s\\S]*改派`));
    expect(returned.text).toContain('不属于我单位职责');
    await web.post(staffChat, directory.staff.members[0]!.id, `改派 ${number} ${other.name}`);
    await web.expectMessage(otherChat, new RegExp(`改派工单[\\s\\S]*${number}|${number}[\\s\\S]*改派`));
    expect((await ticket(t, number)).department).toBe(other.id);

    // 签收 → the resident hears it is being handled; 办结 → the resident gets the reply.
    const handler = other.officials[0]!;
    await web.post(otherChat, handler.id, `签收 ${number}`);
    await web.expectMessage(resident, /签收|正在办理/);
    await web.post(otherChat, handler.id, `办结 ${number} 已更换灯泡，路灯恢复照明`);
    await web.expectMessage(resident, /已更换灯泡/);

    // The survey comes after the (shortened) delay; 3 reopens the order to the same department.
    await web.expectMessage(resident, /1 满意/);
    await web.post(resident, resident, '3 灯还是不亮');
    await web.expectMessage(resident, /解决了吗/);
    await web.post(resident, resident, '否');
    await web.expectMessage(otherChat, new RegExp(`重办[\\s\\S]*${number}[\\s\\S]*灯还是不亮`));
    const reopened = await ticket(t, number);
    expect(reopened.status).toBe('reopened');
    expect(reopened.reopenCount).toBe(1);
    expect(reopened.survey?.result).toBe('不满意');

    // Second round: reply again, the resident is satisfied, the order closes.
    await web.post(otherChat, handler.id, `办结 ${number} 已更换整套灯具`);
    await web.expectMessage(resident, /已更换整套灯具/);
    await web.expectMessage(resident, /1 满意/);
    await web.post(resident, resident, '1');
    await web.expectMessage(resident, /解决了吗/);
    await web.post(resident, resident, '是的');
    await web.expectMessage(resident, /意见或建议/);
    await web.post(resident, resident, '没有');
    await web.expectMessage(resident, /感谢/);
    const closed = await ticket(t, number);
    expect(closed.status).toBe('closed');
    expect(closed.survey?.result).toBe('满意');

    // 查询: the resident sees the essentials, the latest steps and the answer; another resident learns nothing.
    await web.post(resident, resident, `查询 ${number}`);
    const status = await web.expectMessage(resident, /状态：已办结/);
    expect(status.text).toMatch(/\n· .+ 回访\n· .+ 办结归档\n答复：已更换整套灯具$/);
    expect(status.text.length).toBeLessThanOrEqual(200);
    const stranger = `r-stranger-${mode}`;
    await web.post(stranger, stranger, `查询 ${number}`);
    await web.expectMessage(stranger, /没有找到/);
    // An official of an unrelated department cannot look at it either.
    const third = directory.departments.find(
      (d) => d.id !== dept.id && d.id !== other.id && d.officials.length,
    )!;
    await web.post(third.chat.web ?? third.id, third.officials[0]!.id, `查询 ${number}`);
    await web.expectMessage(third.chat.web ?? third.id, /不属于本单位/);
  });

  it('lets a resident withdraw their own order but not someone else’s', async () => {
    const { web } = t;
    const owner = `r-withdraw-${mode}`;
    await web.post(owner, owner, '平邑街道东关社区门口的垃圾好几天没人清运了，臭味很大');
    await web.expectMessage(owner, /电话/);
    await web.post(owner, owner, '不留');
    await web.expectMessage(owner, /确认/);
    await web.post(owner, owner, '确认');
    const number = NUMBER.exec((await web.expectMessage(owner, NUMBER)).text)![0];
    const stranger = `r-other-${mode}`;
    await web.post(stranger, stranger, `撤销 ${number}`);
    await web.expectMessage(stranger, /没有找到/);
    expect((await ticket(t, number)).status).toBe('dispatched');
    await web.post(owner, owner, `撤销 ${number}`);
    await web.expectMessage(owner, /已撤销/);
    expect((await ticket(t, number)).status).toBe('withdrawn');
  });
});
