import type { Directory } from '../../../core/directory/directory-schema.js';
import { testDirectory } from '../../support/test-hotline.js';

export const STAFF_ROOM_ID = '20815443207@chatroom';
export const ZJJ_TOPIC = '平邑12345·县住建局';

/**
 * The shipped county with one change per way of binding: the staff room by id (the departments
 * stay bound by topic), and one 住建局 official known by name only.
 */
export async function wechatTestDirectory(overrides: Partial<Directory> = {}): Promise<Directory> {
  const shipped = await testDirectory(overrides);
  return {
    ...shipped,
    staff: { ...shipped.staff, chat: { ...shipped.staff.chat, wechat: { roomId: STAFF_ROOM_ID } } },
    departments: shipped.departments.map((d) =>
      d.id !== 'zjj'
        ? d
        : {
            ...d,
            officials: d.officials.map((o) => (o.id === 'zjj-wang' ? { ...o, wechat: { name: o.name } } : o)),
          },
    ),
  };
}
