/** The card photo is 1024 bytes of proprietary WLT wavelet data (protocols.md §1.10). */
export const WLT_BYTES = 1024;
/** Decoded photos are 102 × 126 pixels, 24-bit. */
export const PHOTO_WIDTH = 102;
export const PHOTO_HEIGHT = 126;

/**
 * Seam for a licensed WLT decoder (vendor DLL/.so behind a helper process). None ships with Yizhan:
 * no open-source decoder exists and the vendor libraries need a licence and often an attached reader.
 * Implementations must reject with a DeviceError (`unsupported` / `hardware`) rather than throw raw.
 */
export interface WltDecoder {
  decode(wlt: Uint8Array, signal?: AbortSignal): Promise<{ width: number; height: number; rgb: Uint8Array }>;
}
