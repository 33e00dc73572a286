/** Closed vocabularies of the work order, in the Chinese terms the county uses. */

export const APPEAL_TYPES = ['咨询', '求助', '投诉', '举报', '建议', '表扬', '其他'] as const;
export type AppealType = (typeof APPEAL_TYPES)[number];

export const URGENCIES = ['一般', '紧急', '特急'] as const;
export type Urgency = (typeof URGENCIES)[number];

export const FLAGS = ['舆情', '群体', '重复', '涉纪'] as const;
export type Flag = (typeof FLAGS)[number];

export const HANDLING_MODES = ['速办', '研办', '专办', '联办', '专题受理', '直接答复'] as const;
export type HandlingMode = (typeof HANDLING_MODES)[number];

export const SURVEY_RESULTS = ['满意', '基本满意', '不满意', '未回复'] as const;
export type SurveyResult = (typeof SURVEY_RESULTS)[number];
