import { describe, expect, it } from 'vitest';
import type { ExtractedLocation } from '../../../../core/understanding/extraction.js';
import { LexiconSchema } from '../../../../core/understanding/lexicon.js';
import { findPlace } from '../../../../core/understanding/rules/place.js';
import { PINGYI_TOWNS } from './pingyi-towns.js';

describe('findPlace', () => {
  const found: { text: string; place: ExtractedLocation }[] = [
    {
      text: '仲村镇东关村的路灯坏了三天了',
      place: { text: '仲村镇东关村', town: '仲村镇', village: '东关村' },
    },
    {
      text: '我家住在仲村东关村，路灯不亮',
      place: { text: '仲村东关村', town: '仲村镇', village: '东关村' },
    },
    {
      text: '平邑县仲村镇西关村3组有人倒垃圾',
      place: { text: '平邑县仲村镇西关村3组', town: '仲村镇', village: '西关村' },
    },
    {
      text: '平邑莲花山社区门口积水',
      place: { text: '平邑莲花山社区门口', town: '平邑街道', village: '莲花山社区' },
    },
    // A village the directory knows gives its town even when the town is not written.
    { text: '反映一下东关村的问题', place: { text: '东关村', town: '仲村镇', village: '东关村' } },
    { text: '温水镇政府门口的路灯', place: { text: '温水镇', town: '温水镇' } },
    { text: '卞桥镇，卞桥村大街上', place: { text: '卞桥镇，卞桥村', town: '卞桥镇', village: '卞桥村' } },
    // Not in the gazetteer: kept as written.
    {
      text: '城东街道阳光小区3号楼前有个大坑',
      place: { text: '城东街道阳光小区3号楼前', village: '阳光小区' },
    },
    {
      text: '阳光小区3号楼2单元301室楼上漏水',
      place: { text: '阳光小区3号楼2单元301室', village: '阳光小区' },
    },
    { text: '东阳路12号门口垃圾没人清', place: { text: '东阳路12号门口' } },
    { text: '东阳路与莲花路交叉口红绿灯坏了', place: { text: '东阳路与莲花路交叉口' } },
    { text: '3号楼楼道灯坏了', place: { text: '3号楼楼道' } },
    // Full-width digits stay as the resident wrote them.
    { text: '阳光小区３号楼', place: { text: '阳光小区３号楼', village: '阳光小区' } },
  ];
  it.each(found)('$text', ({ text, place }) => {
    expect(findPlace(text, PINGYI_TOWNS)).toEqual(place);
  });

  const none = [
    '平邑县城的路灯晚上不亮', // the county, not 平邑街道
    '平邑县教育局不作为',
    '地方政府不作为', // 地方 is a word, not 地方镇
    '用温水洗了还是不行', // nor 温水镇
    '我们小区停电了',
    '马路上有个大坑',
    '全村停水三天了',
    '这条街道太脏了',
    '打造美丽乡村',
    '农村低保怎么申请',
    '一栋楼都没有暖气',
    '网络线路不通',
    '',
  ];
  it.each(none)('no place in %s', (text) => {
    expect(findPlace(text, PINGYI_TOWNS)).toBeUndefined();
  });

  it('prefers the most specific place, whatever comes first', () => {
    expect(findPlace('仲村镇政府不管，东关村的路还没修', PINGYI_TOWNS)).toEqual({
      text: '东关村',
      town: '仲村镇',
      village: '东关村',
    });
  });

  it('uses the directory lexicon for words that are not places', () => {
    const lexicon = LexiconSchema.parse({ places: { notPlaces: ['阳光小区'] } });
    expect(findPlace('阳光小区停电', PINGYI_TOWNS)).toBeDefined();
    expect(findPlace('阳光小区停电', PINGYI_TOWNS, lexicon)).toBeUndefined();
  });

  it('works without a gazetteer', () => {
    expect(findPlace('仲村镇东关村', [])).toEqual({ text: '仲村镇东关村', village: '东关村' });
  });
});
