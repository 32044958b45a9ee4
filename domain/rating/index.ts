/**
 * 好差评 as GB/T 39734-2020 《政务服务"一次一评""一事一评"工作规范》 defines it (journeys.md): five
 * levels, 非常满意 (5) to 非常不满意 (1), the last two being 差评; options offered depend on the level
 * (reasons for a 差评, what went well otherwise); optional text. The back office records the rating
 * with the case number, the service, the terminal and the channel, and calls every 差评 back.
 */
import { z } from 'zod';
import { t, type LocalText } from '../text';

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
export const isPoorRating = (level: RatingLevel): boolean => level <= 2;

const GOOD = {
  guideClear: t('办事指南清晰准确', 'The guide was clear and accurate'),
  simpleProcess: t('办理流程简便', 'The steps were simple'),
  fewMaterials: t('所需材料精简', 'Few materials were needed'),
  fast: t('办理速度快', 'It was quick'),
  doneInOneVisit: t('一次办成', 'Done in one visit'),
  easyTerminal: t('自助设备操作方便', 'The terminal was easy to use'),
  clearPrompts: t('提示清楚、字大易读', 'Clear prompts, easy to read'),
} as const;

/** Reasons for a 差评, as the rating platforms of the 好差评 system ask for them. */
const POOR = {
  guideUnclear: t('办事指南不清晰、不准确', 'The guide was unclear or wrong'),
  complicatedProcess: t('办理流程繁琐', 'Too many steps'),
  tooManyMaterials: t('材料要求多或重复提交', 'Too many materials, or asked for again'),
  slow: t('办理时间长', 'It took too long'),
  notDone: t('未能办成，需另行跑动', 'Not done; I must come back or go elsewhere'),
  terminalFault: t('设备故障或不好用', 'The terminal failed or was hard to use'),
  privacy: t('个人信息保护不到位', 'My personal data did not feel protected'),
  unreasonableFees: t('收费不合理', 'Unreasonable fees'),
} as const;

export const RATING_OPTIONS: Readonly<Record<string, LocalText>> = { ...GOOD, ...POOR };
export type RatingOption = keyof typeof GOOD | keyof typeof POOR;
const OPTION_IDS = Object.keys(RATING_OPTIONS) as [RatingOption, ...RatingOption[]];

const GOOD_IDS = Object.keys(GOOD) as RatingOption[];
const POOR_IDS = Object.keys(POOR) as RatingOption[];
/** 基本满意 is not a 差评, but what could be better matters as much as what went well. */
const FAIR_IDS: RatingOption[] = [
  'guideClear',
  'fast',
  'easyTerminal',
  'guideUnclear',
  'complicatedProcess',
  'slow',
];

/** The options offered for a level, in the order they are shown. */
export function optionsFor(level: RatingLevel): readonly RatingOption[] {
  if (isPoorRating(level)) return POOR_IDS;
  return level === 3 ? FAIR_IDS : GOOD_IDS;
}

export const RATING_TEXT_MAX = 200;

/** The channel recorded with every rating made here (国办发〔2019〕51号: 自助服务端). */
export const RATING_CHANNEL = {
  id: 'selfServiceTerminal',
  label: t('自助终端', 'Self-service terminal'),
} as const;

/** A citizen's rating as the kiosk submits it; the case number and service travel beside it. */
export const RatingSubmission = z
  .strictObject({
    level: z.union(RATING_LEVELS.map((l) => z.literal(l))),
    options: z.array(z.enum(OPTION_IDS)).max(OPTION_IDS.length),
    text: z.string().trim().max(RATING_TEXT_MAX).optional(),
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
  });
export type RatingSubmission = z.infer<typeof RatingSubmission>;
