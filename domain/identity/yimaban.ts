/**
 * 一码办 codes: the personal QR code the province's app shows on the citizen's phone. The code is a
 * bearer token (whoever holds it is the person until it expires), so it is only ever resolved by
 * the back office's citizen-data provider and never written anywhere in clear (maskCode in mask.ts).
 * The format tells a 一码办 code from the other QR codes a kiosk scans (receipt QR, pickup code).
 */

/** `YMB1` (platform and version) followed by 20–120 base64url characters. */
export const YIMABAN_CODE = /^YMB1[A-Za-z0-9_-]{20,120}$/;

export const isYimabanCode = (text: string): boolean => YIMABAN_CODE.test(text);
