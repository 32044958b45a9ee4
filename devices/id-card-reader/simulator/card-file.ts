import { z } from 'zod';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');

/**
 * A card the simulator serves. Same shape as `yizhan device idcard read --json` prints, so a read
 * can be replayed; derived fields (nation, idNumberValid, samId) are accepted and ignored.
 */
export const simulatedCardSchema = z.object({
  cardType: z.enum(['resident', 'hkmotw', 'foreign2017', 'foreign2023']),
  name: z.string(),
  nameEn: z.string().optional(),
  gender: z.enum(['male', 'female', 'unknown', 'unspecified']),
  nation: z.string().optional(),
  nationCode: z
    .string()
    .regex(/^\d{2}$/)
    .optional(),
  birthDate: isoDate,
  address: z.string().optional(),
  idNumber: z.string(),
  idNumberValid: z.boolean().optional(),
  authority: z.string().optional(),
  validFrom: isoDate,
  validTo: z.union([isoDate, z.literal('长期')]),
  passNumber: z.string().optional(),
  issueCount: z.number().int().min(0).max(99).optional(),
  nationality: z.string().optional(),
  extraAddress: z.string().optional(),
  photoWlt: z.string().optional(),
  /** Base64 of two 512-byte templates; absent means the card answers 91 to 30 10. */
  fingerprint: z.string().optional(),
  samId: z.string().optional(),
});

export type SimulatedCard = z.input<typeof simulatedCardSchema>;
