import type { CardText } from './text';

/**
 * One card as the driver reports it and as `yizhan device idcard read --json --reveal` prints it: the text
 * fields, then the extra address (when the card has one), the raw WLT photo (base64) and the SAM ID.
 * This is personal data: never log it; log `maskName`/`maskIdNumber` forms only.
 */
export type IdCardRecord = CardText & {
  extraAddress?: string;
  /** 1024 bytes of WLT, base64. Decoding needs a licensed library (see `WltDecoder`). */
  photoWlt: string;
  samId?: string;
};
