import { z } from 'zod';
import { isoDateTime, text } from '../_shared/schema';
import { FormService } from '../application-form/data.schema';

export const BlankField = z.object({
  label: text(30),
  /** What to write, in grey in the empty cell, e.g. 填写开户银行全称. */
  hint: text(60).optional(),
});

export const BlankFormData = z.object({
  service: FormService,
  /** The service's own fields, grouped as its filled form groups them (application-form). */
  sections: z
    .array(z.object({ title: text(40), fields: z.array(BlankField).min(1).max(60) }))
    .min(1)
    .max(20),
  /** Materials to bring, each with a box to tick. */
  materials: z.array(text(80)).max(40),
  /** When it was printed: the document's date (a blank form carries no verification code). */
  printedAt: isoDateTime,
  /** The service's guide online (办事指南), printed as a QR code. */
  guideUrl: z.url({ protocol: /^https$/ }).optional(),
});

export type BlankForm = z.output<typeof BlankFormData>;
