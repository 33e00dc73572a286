import { z } from 'zod';
import type { APPEAL_TYPES } from '../domain/vocabulary.js';
import { isValidCue } from './rules/cue-pattern.js';

/**
 * Word lists the rules use. Every list has a default so a directory may override only what it needs
 * (`LexiconSchema.parse({})` is the full default lexicon). Cue notation (see rules/cue-pattern.ts):
 * `甲|乙` either word, `甲+乙` both in the same clause.
 */

const CueSchema = z.string().min(1).refine(isValidCue, 'a cue such as 停水|停电+整个小区 with no empty part');
/** Lists are written as words separated by white space; a cue never contains a space. */
const words = (list: string) => list.split(/\s+/).filter(Boolean);
const cues = (list: string) => z.array(CueSchema).default(words(list));

const GuardSchema = z.enum(['none', 'negation', 'full']);

export const CueRuleSchema = z.object({
  /** Said back as the reason (urgency) or kind (emergency): short Chinese. */
  label: z.string().min(1),
  cues: z.array(CueSchema).min(1),
  guard: GuardSchema.default('none'),
});
export type CueRule = z.infer<typeof CueRuleSchema>;

export const EmergencyRuleSchema = CueRuleSchema.extend({
  call: z.enum(['110', '119', '120']),
  guard: GuardSchema.default('full'),
});
export type EmergencyRule = z.infer<typeof EmergencyRuleSchema>;

const GuardWordsSchema = z.object({
  negators: cues(`
    没有 没 未 不是 并非 无 防止 预防 避免 以防 谨防 防 怕 害怕 担心 小心
    容易
  `),
  hypothetical: cues(`
    隐患 风险 的危险 演练 宣传 培训 检查 万一 一旦 如果 要是 假如 若是
    可能会 经常 多次 总是 老是
  `),
  past: cues(`
    上次 上回 之前 以前 去年 前年 曾经 曾 那次 那天 当天 当晚 当时 几次 多年 当年 昨天 昨晚 前天 前几天
    几天前 上周 上个月 后来
  `),
  present: cues(`现在 正在 还在 仍在 目前 此刻 马上`),
});

const AppealTypeCuesSchema = z.object({
  /** 表扬: praise needs more than a polite 谢谢 at the end of a complaint. */
  praise: cues(`
    表扬 点赞 称赞 赞扬 锦旗 感谢信
    感谢+为民办实事|办实事|解决了|修好了|帮我们解决|帮我解决|及时处理了|热心|耐心|负责任
  `),
  report: cues(`
    举报 偷排 违法 非法 违规 私自 偷倒 乱排 传销 赌博 黑作坊 无证经营 盗采
    偷采 违建 私搭乱建 骗取
  `),
  complaint: cues(`
    投诉 态度恶劣 态度差 态度很差 不作为 推诿 踢皮球 刁难 没人管 没人修
    无人管 一直没修 一直没有修 迟迟 多次反映 反映多次 反映过 打过电话 至今未
    至今没 还是没 仍未 不给办 不予办理 拖着不办 乱收费 扰民
  `),
  help: cues(`
    求助 帮帮 帮忙 救助 坏了 不亮 损坏 漏水 堵了 堵塞 停水 停电 没水 没电
    断水 断电 塌了 维修 修一下 修理 井盖 没有暖气 暖气不热
  `),
  suggestion: cues(`
    建议 提议 希望能
    能不能+增设|增加|设置|安装|修建|开通|延长
    能否+增设|增加|设置|安装|修建|开通|延长 增设 呼吁
  `),
  consult: cues(`
    咨询 请问 想问 想了解 怎么办理 如何办理 怎么申请 如何申请 怎么补办
    需要什么 什么材料 什么手续 哪个部门 在哪里办 去哪办 多少钱 收费标准 是否
    能否 能不能 可不可以 可以吗 有没有 什么时候 怎么办 吗
  `),
});

const rule = (label: string, guard: CueRule['guard'], list: string): CueRule => ({
  label,
  guard,
  cues: words(list),
});
const GAS =
  '燃气泄漏|煤气泄漏|天然气泄漏|液化气泄漏 煤气味|燃气味|天然气味|液化气味 漏气+燃气|煤气|天然气|液化气';
const FIRE = '着火|起火|失火|火灾|烧起来|冒烟起火|火很大';
// 老人被困高楼 (an elevator out of service) is not a rescue: the cues name being stuck somewhere now.
const TRAPPED = '被困在|被困电梯|被困住|被困了|困在电梯|关在电梯|电梯里出不来|卡在电梯里';

const DEFAULT_CRITICAL: CueRule[] = [
  rule('燃气泄漏', 'full', GAS),
  rule('火灾', 'full', `${FIRE}|浓烟`),
  rule('触电', 'full', '触电|被电击|电到人'),
  rule('人员被困', 'full', TRAPPED),
  // Threats are taken at their word, even when conditional (再不解决就跳楼); a boast (扬言有关系) is not one.
  rule(
    '扬言',
    'none',
    '扬言|放话|威胁+杀|砍|弄死|搞死|打死|报复|同归于尽|炸|跳楼|跳河|自杀|喝药 要跳楼|要跳河|同归于尽|报复社会|要炸|杀了他|弄死他 跳楼|跳河|喝药',
  ),
  rule('轻生', 'none', '轻生|自杀|不想活|活不下去'),
];

const OUTAGE = '停水|停电|断水|断电|没水|没电|没有水|没有电|停气|停暖|没暖气';
const WHOLE_AREA =
  '整个小区|全小区|全村|整个村|一大片|这一片|整片|整栋楼|整个楼|整条街|好几个小区|整个社区|整个片区|周边几个村';

const DEFAULT_URGENT: CueRule[] = [
  rule('大面积停水停电', 'negation', `${OUTAGE}+${WHOLE_AREA}`),
  rule('道路井盖缺失', 'negation', '井盖+丢|没了|被偷|缺失|不见|掀开|破损+路|街|道口|桥'),
  rule('电线掉落', 'negation', '电线|高压线|电缆|线缆+掉|落地|断了|垂下|耷拉'),
  rule('人员走失', 'negation', '走失|走丢|失联'),
  rule('路面塌陷', 'full', '路面塌陷|路面塌了|地面塌陷|塌了个大坑|塌了一个大坑|塌方'),
  rule('管道爆裂', 'negation', '水管爆|爆管|管道爆裂|水管破裂'),
];

const emergency = (label: string, call: EmergencyRule['call'], list: string): EmergencyRule => ({
  ...rule(label, 'full', list),
  call,
});

const DEFAULT_EMERGENCIES: EmergencyRule[] = [
  emergency('火灾', '119', FIRE),
  emergency('燃气泄漏', '119', GAS),
  emergency('人员被困', '119', TRAPPED),
  emergency(
    '医疗急救',
    '120',
    '有人受伤|受伤了|受了伤|晕倒|昏倒|昏迷|不省人事|心脏病犯了|心脏病发作|突发心脏病|呼吸困难|喘不上气|触电|大出血|流血不止|抽搐|中毒了|煤气中毒|一氧化碳中毒',
  ),
  emergency(
    '治安警情',
    '110',
    '持刀|拿刀|砍人|正在打人|在打人|打起来了|抢劫|抢钱|行凶|闯入|砸门 人身安全+受到威胁|受威胁|威胁我|威胁我们',
  ),
];

const FlagCuesSchema = z.object({
  /** 舆情: the resident speaks of media or of going public. */
  media: cues(`
    媒体 曝光 记者 电视台 报社 网上发 发网上 发到网上 发在网上 发抖音
    发到抖音 发快手 发微博 上热搜 舆论
  `),
  /** 群体: many people act or are affected together (a count such as 几十户 is recognised in code). */
  collective: cues(`
    集体 上访 联名 几十户 上百户 全村 多户 业主们 村民们 居民们 全体业主
    大家一起 群体
  `),
  /** 涉纪: the conduct of officials; handled by the discipline inspection group only. */
  conduct: cues(`
    吃拿卡要 不作为 乱作为 索贿 受贿 行贿 贪污 挪用 腐败 以权谋私 收红包
    收受礼品 吃回扣 公款吃喝 优亲厚友 公职人员
    态度恶劣+工作人员|干部|村干部|书记|主任|所长|局长|民警|办事员|窗口
  `),
});

const PlaceWordsSchema = z.object({
  /** Words that end a name but are not part of it (住在东关村 → 东关村). */
  stopWords: cues(`
    反映 位于 地处 住在 家住 居住 靠近 临近 路过 经过 属于 所在 附近 旁边
    对面 隔壁 周边 我们 你们 他们 咱们 一个 这个 那个 这里 那里 以前 之前
    以后 现在 目前 当时 今年 去年 前面 后面 里面 外面 通知 知道 组织 春天
    夏天 秋天 冬天
  `),
  /** Phrases that look like place names but are not (a phrase ending in one of these is dropped). */
  notPlaces: cues(`
    农村 乡村 城中村 隔壁村 邻村 行政村 自然村 贫困村 示范村 马路 道路 小路
    大路 土路 水泥路 柏油路 老小区 新小区 老旧小区 安置小区 回迁小区
    拆迁小区 商品房小区 居民小区 住宅小区 美丽家园 城乡 下乡 城镇 乡镇 古镇
    生路 活路 之路 顺路 指路 水路 铁路 公路 线路 电路 思路 套路 出路 门路
    车路 站路 十字路 小街 当地村 本地村 当地镇 大学生村 城市街道 城区街道
    主要街道
  `),
});

export const LexiconSchema = z.object({
  guards: GuardWordsSchema.prefault({}),
  appealTypes: AppealTypeCuesSchema.prefault({}),
  urgency: z
    .object({
      critical: z.array(CueRuleSchema).default(DEFAULT_CRITICAL),
      urgent: z.array(CueRuleSchema).default(DEFAULT_URGENT),
    })
    .prefault({}),
  flags: FlagCuesSchema.prefault({}),
  emergencies: z.array(EmergencyRuleSchema).default(DEFAULT_EMERGENCIES),
  places: PlaceWordsSchema.prefault({}),
});

export type Lexicon = z.infer<typeof LexiconSchema>;

/** Order in which appeal types are tried: the first with a cue in the text wins. */
export const APPEAL_TYPE_ORDER = [
  ['表扬', 'praise'],
  ['举报', 'report'],
  ['投诉', 'complaint'],
  ['求助', 'help'],
  ['建议', 'suggestion'],
  ['咨询', 'consult'],
] as const satisfies readonly (readonly [(typeof APPEAL_TYPES)[number], keyof Lexicon['appealTypes']])[];
