import { z } from 'zod';
import { isoDateTime, issuer, person, text, verification } from '../_shared/schema';

export const FormField = z.object({ label: text(30), value: z.string().max(500) });

/** The service a form belongs to, as its title prints it. */
export const FormService = z.object({ code: text(40), name: text(80), department: text(60) });

export const ApplicationFormData = z.object({
  /** Filing number assigned when the form was submitted. */
  caseNumber: text(40),
  service: FormService,
  applicant: person.extend({
    phone: z.string().regex(/^1\d{10}$|^0\d{2,3}-?\d{7,8}$/, '电话号码格式错误 / invalid phone number'),
    address: text(120).optional(),
  }),
  /** The service's own fields, grouped as the service defines them. */
  sections: z
    .array(z.object({ title: text(40), fields: z.array(FormField).min(1).max(60) }))
    .min(1)
    .max(20),
  materials: z.array(text(80)).max(40),
  issuedAt: isoDateTime,
  issuer,
  verification,
});

export type ApplicationForm = z.output<typeof ApplicationFormData>;
