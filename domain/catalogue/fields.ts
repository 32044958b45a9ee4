/**
 * Forms as typed field lists, and the ONE function that turns a field list into the zod schema the
 * kiosk checks a form with before it promises anything and the back office checks it with on
 * receipt (issue #8: the kiosk answered "submitted" to a form the back office then refused).
 */
import { z } from 'zod';
import { ID_KINDS, isValidIdNumber, normalizeIdNumber, type IdKind } from '../identity';
import { boundedBefore } from '../json';
import { LocalText } from '../text';

/** The on-screen input a field opens (issue #10): no field ever needs a physical keyboard. */
export const INPUT_MODES = ['pinyin', 'digits', 'idNumber', 'phone', 'letters', 'none'] as const;
export const InputMode = z.enum(INPUT_MODES);
export type InputMode = z.infer<typeof InputMode>;

/** Identity facts a field may be prefilled from (the card that identified the citizen). */
export const PREFILL_SOURCES = ['name', 'idNumber', 'gender', 'birth', 'address'] as const;
export const PrefillSource = z.enum(PREFILL_SOURCES);
export type PrefillSource = z.infer<typeof PrefillSource>;

const fieldName = z.string().regex(/^[a-z][A-Za-z0-9]{0,39}$/, 'field names are lowerCamelCase identifiers');

const base = {
  name: fieldName,
  label: LocalText,
  hint: LocalText.optional(),
  required: z.boolean().default(true),
  input: InputMode.optional(),
  prefill: PrefillSource.optional(),
  /** A value prefilled from the card cannot be changed on screen (default for name and idNumber). */
  locked: z.boolean().optional(),
};

export const ChoiceOption = z.strictObject({
  value: z.string().min(1).max(60),
  label: LocalText,
});
export type ChoiceOption = z.infer<typeof ChoiceOption>;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const FormField = z.discriminatedUnion('kind', [
  z.strictObject({
    ...base,
    kind: z.literal('text'),
    minLength: z.int().min(0).max(2000).optional(),
    maxLength: z.int().min(1).max(2000).default(100),
    /** A regular expression the whole value must match (e.g. a licence number's shape). */
    pattern: z.string().max(200).optional(),
  }),
  z.strictObject({ ...base, kind: z.literal('address'), maxLength: z.int().min(4).max(200).default(200) }),
  z.strictObject({
    ...base,
    kind: z.literal('number'),
    min: z.number().optional(),
    max: z.number().optional(),
    integer: z.boolean().default(true),
    unit: LocalText.optional(),
  }),
  z.strictObject({ ...base, kind: z.literal('choice'), options: z.array(ChoiceOption).min(2).max(30) }),
  z.strictObject({
    ...base,
    kind: z.literal('multiChoice'),
    options: z.array(ChoiceOption).min(1).max(60),
    minItems: z.int().min(0).default(1),
    maxItems: z.int().min(1).max(60).default(20),
    /** Entries the citizen types beside the listed options (each 1–`otherMaxLength` characters). */
    allowOther: z.boolean().default(false),
    otherMaxLength: z.int().min(1).max(200).default(40),
  }),
  z.strictObject({ ...base, kind: z.literal('date'), min: isoDate.optional(), max: isoDate.optional() }),
  z.strictObject({ ...base, kind: z.literal('phone') }),
  z.strictObject({
    ...base,
    kind: z.literal('idNumber'),
    kinds: z.array(z.enum(ID_KINDS)).min(1).optional(),
  }),
]);
export type FormField = z.infer<typeof FormField>;
export type FieldKind = FormField['kind'];

/** The on-screen input of a field: its own, or the natural one for its kind. */
export function inputOf(field: FormField): InputMode {
  if (field.input) return field.input;
  switch (field.kind) {
    case 'number':
      return 'digits';
    case 'phone':
      return 'phone';
    case 'idNumber':
      return 'idNumber';
    case 'choice':
    case 'multiChoice':
    case 'date':
      return 'none';
    case 'text':
    case 'address':
      return 'pinyin';
  }
}

/** Whether a prefilled field may be edited on screen: name and ID number from a card may not. */
export const isLocked = (field: FormField): boolean =>
  field.locked ?? (field.prefill === 'name' || field.prefill === 'idNumber');

/** A form: its fields in screen order; `open` forms also keep keys they do not list. */
export const FormDefinition = z.strictObject({
  fields: z.array(FormField).min(1).max(60),
  open: z.boolean().default(false),
});
export type FormDefinition = z.infer<typeof FormDefinition>;

/**
 * An ID number of any kind the readers decode (resident, HK/Macau/Taiwan permit, both foreign
 * card generations), in canonical form: what the kiosk files and the back office accepts.
 */
export const IdNumber = z
  .string()
  .max(18)
  .refine((id) => id === normalizeIdNumber(id) && isValidIdNumber(id), 'not a valid ID number of any kind');

/**
 * The same rule for a number a person typed or a service sent: trimmed and upper-cased first (a
 * lowercase check 'x'), then IdNumber's. What the back office takes wherever a person is named.
 */
export const IdNumberInput = z
  .string()
  .max(24)
  .transform(normalizeIdNumber)
  .pipe(IdNumber)
  .describe(
    '证件号码: resident ID, HK/Macau/Taiwan residence permit, foreign permanent residence (2017: 15, 2023: 18)',
  );

/** Mainland mobile, or a landline with area code (the application-form template's rule). */
export const PHONE_PATTERN = /^1[3-9]\d{9}$|^0\d{2,3}-?\d{7,8}$/;

const realDate = (s: string): boolean => {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
};

function valueSchema(field: FormField): z.ZodType {
  switch (field.kind) {
    case 'text': {
      let s = z
        .string()
        .trim()
        .min(field.minLength ?? 1)
        .max(field.maxLength);
      if (field.pattern) s = s.regex(new RegExp(`^(?:${field.pattern})$`));
      return s;
    }
    case 'address':
      return z.string().trim().min(4).max(field.maxLength);
    case 'number': {
      let n = field.integer ? z.int() : z.number();
      if (field.min !== undefined) n = n.min(field.min);
      if (field.max !== undefined) n = n.max(field.max);
      return n;
    }
    case 'choice':
      return z.enum(field.options.map((o) => o.value) as [string, ...string[]]);
    case 'multiChoice': {
      const listed = field.options.map((o) => o.value) as [string, ...string[]];
      const item = field.allowOther ? z.string().trim().min(1).max(field.otherMaxLength) : z.enum(listed);
      return z
        .array(item)
        .min(field.minItems)
        .max(field.maxItems)
        .refine((a) => new Set(a).size === a.length, 'each entry once');
    }
    case 'date': {
      const { min, max } = field;
      return isoDate
        .refine(realDate, 'not a calendar date')
        .refine((s) => (min === undefined || s >= min) && (max === undefined || s <= max), 'out of range');
    }
    case 'phone':
      return z.string().trim().regex(PHONE_PATTERN);
    case 'idNumber': {
      const kinds: readonly (IdKind | undefined)[] = field.kinds ?? [undefined];
      return z
        .string()
        .transform(normalizeIdNumber)
        .refine((id) => kinds.some((k) => isValidIdNumber(id, k)), 'not a valid ID number');
    }
  }
}

/**
 * Bounds of a filled form as free-form JSON, checked first: an `open` form keeps keys it does not
 * list, and those must not nest or grow without limit (issue #12).
 */
export const FORM_BOUNDS = { maxDepth: 4, maxSize: 64_000 } as const;

/**
 * The schema of a filled form. Strict unless the form is `open`: a kiosk never files a key the
 * back office does not know, and the back office refuses one it was not given a field for. Every
 * text is storable as it is (isStorableText) and the whole form is bounded (FORM_BOUNDS).
 */
export function formSchema(form: FormDefinition): z.ZodType<Record<string, unknown>> {
  const shape = Object.fromEntries(
    form.fields.map((f) => [f.name, f.required ? valueSchema(f) : valueSchema(f).optional()]),
  );
  return boundedBefore(FORM_BOUNDS, form.open ? z.looseObject(shape) : z.strictObject(shape));
}
