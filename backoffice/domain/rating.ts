import { z } from 'zod';

// 好差评 per GB/T 39734-2020 《政务服务"一次一评""一事一评"工作规范》: five levels, evaluation
// options that depend on the level (差评 options for 不满意 and 非常不满意), optional text.
//
// This is the back office's interim copy: the shared definition is being written as the pure
// `domain/rating` module. When it lands, this file becomes a re-export of it and nothing else
// changes (every back office use goes through the names below). Options are grouped under the
// standard's on-site indicators (整体满意度, 服务效率, 服务水平, 服务态度); the wording is ours, not
// the standard's annex verbatim.

export const RATING_LEVELS = [
  { level: 5, zh: '非常满意', en: 'Very satisfied' },
  { level: 4, zh: '满意', en: 'Satisfied' },
  { level: 3, zh: '基本满意', en: 'Fairly satisfied' },
  { level: 2, zh: '不满意', en: 'Dissatisfied' },
  { level: 1, zh: '非常不满意', en: 'Very dissatisfied' },
] as const;

export type RatingLevel = (typeof RATING_LEVELS)[number]['level'];

export type RatingIndicator = 'overall' | 'efficiency' | 'competence' | 'attitude';

export interface RatingOption {
  code: string;
  zh: string;
  en: string;
  indicator: RatingIndicator;
}

const PRAISE: readonly RatingOption[] = [
  { code: 'oneVisit', zh: '一次办好，不用再跑', en: 'Done in one visit', indicator: 'overall' },
  { code: 'fewMaterials', zh: '材料简便', en: 'Few documents needed', indicator: 'overall' },
  { code: 'fastService', zh: '办理快捷', en: 'Quick to get done', indicator: 'efficiency' },
  { code: 'noWaiting', zh: '无需排队等候', en: 'No waiting', indicator: 'efficiency' },
  { code: 'clearGuide', zh: '办事指南清楚', en: 'Clear guidance', indicator: 'competence' },
  { code: 'easyTerminal', zh: '终端操作简单', en: 'Terminal easy to use', indicator: 'competence' },
  { code: 'helpfulStaff', zh: '工作人员热情', en: 'Helpful staff', indicator: 'attitude' },
];

/** 差评 options: what went wrong, so the hall can classify, call back (回访) and fix it. */
const COMPLAINTS: readonly RatingOption[] = [
  { code: 'multipleVisits', zh: '需要多次跑动', en: 'Had to come more than once', indicator: 'overall' },
  {
    code: 'tooManyMaterials',
    zh: '材料要求过多或重复提交',
    en: 'Too many or repeated documents',
    indicator: 'overall',
  },
  { code: 'slowService', zh: '办理时间过长', en: 'Took too long', indicator: 'efficiency' },
  { code: 'longWait', zh: '排队等候时间过长', en: 'Waited too long', indicator: 'efficiency' },
  { code: 'unclearGuide', zh: '办事指南不清楚', en: 'Guidance unclear', indicator: 'competence' },
  {
    code: 'notToldAtOnce',
    zh: '未一次性告知所需材料',
    en: 'Not told everything at once',
    indicator: 'competence',
  },
  {
    code: 'terminalProblem',
    zh: '终端故障或操作困难',
    en: 'Terminal faulty or hard to use',
    indicator: 'competence',
  },
  { code: 'poorAttitude', zh: '服务态度差', en: 'Unfriendly service', indicator: 'attitude' },
  { code: 'other', zh: '其他（请填写意见）', en: 'Other (please explain)', indicator: 'overall' },
];

export const COMMENT_MAX = 200;

/** 差评: 不满意 and 非常不满意; each is called back (回访) by the hall. */
export const isBadRating = (level: number): boolean => level <= 2;

export const ratingOptions = (level: number): readonly RatingOption[] =>
  isBadRating(level) ? COMPLAINTS : PRAISE;

export const levelName = (level: number): string =>
  RATING_LEVELS.find((l) => l.level === level)?.zh ?? String(level);

export const optionLabel = (code: string): string =>
  [...PRAISE, ...COMPLAINTS].find((o) => o.code === code)?.zh ?? code;

/** What a citizen submits: a level, options of that level (at least one for 差评), optional text. */
export const ratingSubmission = z
  .object({
    level: z.number().int().min(1).max(5),
    options: z.array(z.string().min(1).max(40)).max(10).default([]),
    comment: z.string().trim().max(COMMENT_MAX).optional(),
  })
  .superRefine((r, issue) => {
    const allowed = new Set(ratingOptions(r.level).map((o) => o.code));
    r.options.forEach((code, i) => {
      if (!allowed.has(code)) {
        issue.addIssue({
          code: 'custom',
          path: ['options', i],
          message: `not an option of level ${r.level}`,
        });
      }
    });
    if (new Set(r.options).size !== r.options.length) {
      issue.addIssue({ code: 'custom', path: ['options'], message: 'options repeat' });
    }
    if (isBadRating(r.level) && r.options.length === 0) {
      issue.addIssue({ code: 'custom', path: ['options'], message: '差评 needs at least one option' });
    }
    if (r.options.includes('other') && !r.comment) {
      issue.addIssue({ code: 'custom', path: ['comment'], message: '"other" needs a comment' });
    }
  });
export type RatingSubmission = z.output<typeof ratingSubmission>;
