import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Town } from '../../../../core/directory/directory-schema.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
export const sharedData = (...parts: string[]) => path.resolve(repoRoot, '../shared/data', ...parts);

// The 14 towns and streets of 平邑县, used when the gazetteer file is not on this machine.
const PINGYI_FALLBACK = [
  '平邑街道',
  '仲村镇',
  '武台镇',
  '保太镇',
  '柏林镇',
  '卞桥镇',
  '地方镇',
  '铜石镇',
  '温水镇',
  '流峪镇',
  '郑城镇',
  '白彦镇',
  '临涧镇',
  '丰阳镇',
];

const COUNTY = '平邑县';

function pingyiTownNames(): string[] {
  const file = sharedData('gazetteer/linyi-towns.json');
  if (!existsSync(file)) return PINGYI_FALLBACK;
  const gazetteer = JSON.parse(readFileSync(file, 'utf8')) as {
    counties: Record<string, { name: string }[]>;
  };
  return (gazetteer.counties[COUNTY] ?? []).map((town) => town.name);
}

// A few villages and communities, as a county directory would list them.
const VILLAGES: Record<string, string[]> = {
  仲村镇: ['东关村', '西关村', '仲村村'],
  平邑街道: ['莲花山社区', '东阳社区'],
  卞桥镇: ['卞桥村'],
};

export const PINGYI_TOWNS: Town[] = pingyiTownNames().map((name) => ({
  name,
  aliases: [],
  villages: VILLAGES[name] ?? [],
}));
