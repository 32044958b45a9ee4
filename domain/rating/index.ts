/**
 * 好差评 as GB/T 39734-2020 《政务服务"一次一评""一事一评"工作规范》 defines it (journeys.md): five
 * levels, 非常满意 (5) to 非常不满意 (1), the last two being 差评; options offered depend on the level
 * (reasons for a 差评, what went well otherwise); optional text. The back office records the rating
 * with the case number, the service, the terminal and the channel, and calls every 差评 back.
 *
 * The one definition for the kiosk (flow engine, page) and the back office (API, storage, console,
 * forwarding). Options are grouped under the standard's four on-site indicators (整体满意度, 服务效率,
 * 服务水平, 服务态度); the wording is ours, not the standard's annex verbatim. Option ids are stored:
 * renaming one needs a data migration (backoffice/db/migrations.ts 7 renamed the back office's old ids).
 */
import { z } from 'zod';
import { StorableText, t, type LocalText } from '../text';

export const RATING_LEVELS = [5, 4, 3, 2, 1] as const;
export type RatingLevel = (typeof RATING_LEVELS)[number];

export const LEVEL_LABELS: Readonly<Record<RatingLevel, LocalText>> = {
  5: t('非常满意', 'Very satisfied'),
  4: t('满意', 'Satisfied'),
  3: t('基本满意', 'Fairly satisfied'),
  2: t('不满意', 'Dissatisfied'),
  1: t('非常不满意', 'Very dissatisfied'),
};

/** 差评: levels 2 and 1; each is called back and verified (回访核实). */
export const isPoorRating = (level: number): boolean => level <= 2;

/** The standard's on-site evaluation indicators, in the order options are shown. */
export const RATING_INDICATORS = ['overall', 'efficiency', 'competence', 'attitude'] as const;
export type RatingIndicator = (typeof RATING_INDICATORS)[number];
export const INDICATOR_LABELS: Readonly<Record<RatingIndicator, LocalText>> = {
  overall: t('整体满意度', 'Overall satisfaction'),
  efficiency: t('服务效率', 'Efficiency'),
  competence: t('服务水平', 'Quality of service'),
  attitude: t('服务态度', 'Attitude'),
};

type OptionDef = readonly [RatingIndicator, LocalText];

const GOOD = {
  doneInOneVisit: ['overall', t('一次办成，不用再跑', 'Done in one visit')],
  fewMaterials: ['overall', t('所需材料精简', 'Few materials were needed')],
  fast: ['efficiency', t('办理速度快', 'It was quick')],
  noWaiting: ['efficiency', t('无需排队等候', 'No waiting')],
  guideClear: ['competence', t('办事指南清晰准确', 'The guide was clear and accurate')],
  simpleProcess: ['competence', t('办理流程简便', 'The steps were simple')],
  easyTerminal: ['competence', t('自助设备操作方便', 'The terminal was easy to use')],
  clearPrompts: ['competence', t('提示清楚、字大易读', 'Clear prompts, easy to read')],
  helpfulStaff: ['attitude', t('工作人员热情周到', 'Helpful staff')],
} as const satisfies Record<string, OptionDef>;

/** Reasons for a 差评, as the rating platforms of the 好差评 system ask for them. */
const POOR = {
  notDone: ['overall', t('未能办成，需另行跑动', 'Not done; I must come back or go elsewhere')],
  tooManyMaterials: ['overall', t('材料要求多或重复提交', 'Too many materials, or asked for again')],
  unreasonableFees: ['overall', t('收费不合理', 'Unreasonable fees')],
  slow: ['efficiency', t('办理时间过长', 'It took too long')],
  longWait: ['efficiency', t('排队等候时间过长', 'Waited too long')],
  guideUnclear: ['competence', t('办事指南不清晰、不准确', 'The guide was unclear or wrong')],
  notToldAtOnce: ['competence', t('未一次性告知所需材料', 'Not told everything at once')],
  complicatedProcess: ['competence', t('办理流程繁琐', 'Too many steps')],
  terminalFault: ['competence', t('终端故障或操作困难', 'The terminal failed or was hard to use')],
  privacy: ['competence', t('个人信息保护不到位', 'My personal data did not feel protected')],
  poorAttitude: ['attitude', t('服务态度差', 'Unfriendly service')],
  other: ['overall', t('其他（请填写意见）', 'Other (please explain)')],
} as const satisfies Record<string, OptionDef>;

export type RatingOption = keyof typeof GOOD | keyof typeof POOR;
const DEFS: Readonly<Record<RatingOption, OptionDef>> = { ...GOOD, ...POOR };

/** Each option's label (zh and en). */
export const RATING_OPTIONS = Object.fromEntries(
  Object.entries(DEFS).map(([id, [, label]]) => [id, label]),
) as Readonly<Record<RatingOption, LocalText>>;

/** Each option's indicator: how the hall and the province group what citizens said. */
export const INDICATOR_OF = Object.fromEntries(
  Object.entries(DEFS).map(([id, [indicator]]) => [id, indicator]),
) as Readonly<Record<RatingOption, RatingIndicator>>;

const OPTION_IDS = Object.keys(DEFS) as [RatingOption, ...RatingOption[]];

/** Grouped by indicator (the standard's order), then in the order written above. */
const byIndicator = (ids: readonly RatingOption[]): RatingOption[] =>
  RATING_INDICATORS.flatMap((i) => ids.filter((id) => INDICATOR_OF[id] === i));

const GOOD_IDS = byIndicator(Object.keys(GOOD) as RatingOption[]);
const POOR_IDS = byIndicator(Object.keys(POOR) as RatingOption[]);
/** 基本满意 is not a 差评, but what could be better matters as much as what went well. */
const FAIR_IDS = byIndicator([
  'fast',
  'noWaiting',
  'guideClear',
  'easyTerminal',
  'slow',
  'longWait',
  'guideUnclear',
  'complicatedProcess',
]);

/** The options offered for a level, in the order they are shown. */
export function optionsFor(level: RatingLevel): readonly RatingOption[] {
  if (isPoorRating(level)) return POOR_IDS;
  return level === 3 ? FAIR_IDS : GOOD_IDS;
}

/** The option that asks for the text. */
export const OTHER_OPTION: RatingOption = 'other';

export const RATING_TEXT_MAX = 200;

/** The channel recorded with every rating made here (国办发〔2019〕51号: 自助服务端). */
export const RATING_CHANNEL = {
  id: 'selfServiceTerminal',
  label: t('自助终端', 'Self-service terminal'),
} as const;

/** Chinese name of a level, for records and exports; the number itself for anything else. */
export const levelNameZh = (level: number): string =>
  (LEVEL_LABELS as Record<number, LocalText | undefined>)[level]?.zh ?? String(level);

/** Chinese label of an option id, for records and exports; the id itself when it is unknown. */
export const optionLabelZh = (id: string): string =>
  (RATING_OPTIONS as Record<string, LocalText | undefined>)[id]?.zh ?? id;

/**
 * A citizen's rating as the kiosk submits it and the back office takes it; the case number and
 * service travel beside it. A 差评 needs a reason (an option or the text); `other` needs the text.
 */
export const RatingSubmission = z
  .strictObject({
    level: z.union(RATING_LEVELS.map((l) => z.literal(l))),
    options: z.array(z.enum(OPTION_IDS)).max(OPTION_IDS.length).default([]),
    text: StorableText.trim().max(RATING_TEXT_MAX).optional(),
  })
  .superRefine((r, ctx) => {
    const allowed = optionsFor(r.level);
    r.options.forEach((o, i) => {
      if (!allowed.includes(o))
        ctx.addIssue({
          code: 'custom',
          path: ['options', i],
          message: `option ${o} is not offered for level ${r.level}`,
        });
      if (r.options.indexOf(o) !== i)
        ctx.addIssue({ code: 'custom', path: ['options', i], message: 'duplicate option' });
    });
    if (isPoorRating(r.level) && r.options.length === 0 && !r.text)
      ctx.addIssue({
        code: 'custom',
        path: ['options'],
        message: 'a 差评 needs a reason: an option or a text',
      });
    if (r.options.includes(OTHER_OPTION) && !r.text)
      ctx.addIssue({ code: 'custom', path: ['text'], message: '"other" needs the text' });
  });
export type RatingSubmission = z.infer<typeof RatingSubmission>;
export type RatingSubmissionInput = z.input<typeof RatingSubmission>;
