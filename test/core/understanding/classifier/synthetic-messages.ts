import type { TrainingExample } from '../../../../core/understanding/classifier/train-linear-model.js';

/** Messages made from a few topic words per category plus words every category uses. */
const TOPICS: Record<string, readonly string[]> = {
  道路: ['路灯不亮', '马路坑洼', '公交站台', '红绿灯坏了', '桥面开裂', '井盖丢失'],
  教育: ['学校收费', '老师补课', '学生午餐', '幼儿园入学', '校车超载', '课本费用'],
  医疗: ['医院排队', '医生态度', '药价太贵', '医保报销', '疫苗接种', '诊所无证'],
};
const FILLER = [
  '请领导重视',
  '希望尽快解决',
  '已经很久了',
  '多次反映',
  '谢谢',
  '您好',
  '我们小区',
  '附近居民',
];

/** A tiny deterministic generator so the data is the same on every run. */
function pick<T>(items: readonly T[], seed: number): T {
  return items[Math.abs(Math.imul(seed, 2654435761) >>> 7) % items.length]!;
}

/** `mislabelEvery`: every n-th message carries another category's label, as real orders sometimes do. */
export function syntheticMessages(count: number, offset = 0, mislabelEvery = 0): TrainingExample[] {
  const labels = Object.keys(TOPICS);
  return Array.from({ length: count }, (_, n) => {
    const i = n + offset;
    const category = labels[i % labels.length]!;
    const topic = TOPICS[category]!;
    const body = [
      pick(FILLER, i * 7 + 1),
      pick(topic, i * 3 + 2),
      pick(FILLER, i * 5 + 3),
      pick(topic, i * 11 + 4),
      pick(FILLER, i * 13 + 5),
    ].join('，');
    const label = mislabelEvery > 0 && i % mislabelEvery === 0 ? labels[(i + 1) % labels.length]! : category;
    return { title: i % 4 === 0 ? pick(topic, i) : null, body, category: label };
  });
}
