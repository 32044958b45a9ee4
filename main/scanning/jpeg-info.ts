/** What the PDF builder needs to know about a JPEG, read from its headers (never decoded). */
export interface JpegInfo {
  width: number;
  height: number;
  /** 1 = gray, 3 = YCbCr, 4 = CMYK. */
  components: number;
}

// Start-of-frame markers that carry the frame size: SOF0..SOF15 except DHT (C4), JPG (C8), DAC (CC).
const isSof = (m: number): boolean => m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc;

/**
 * Walks the marker segments up to the first SOF. Returns null for anything that is not a
 * well-formed baseline/progressive JPEG header, so untrusted bytes are rejected before pdfkit sees them.
 */
export function readJpegInfo(bytes: Uint8Array): JpegInfo | null {
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8) return null;
  let p = 2;
  while (p + 4 <= bytes.length) {
    if (bytes[p] !== 0xff) return null;
    const marker = bytes[p + 1]!;
    if (marker === 0xff) {
      p++; // fill byte
      continue;
    }
    if (marker === 0xd9 || marker === 0xda) return null; // EOI or scan data before any SOF
    const length = (bytes[p + 2]! << 8) | bytes[p + 3]!;
    if (length < 2 || p + 2 + length > bytes.length) return null;
    if (isSof(marker)) {
      if (length < 8) return null;
      const height = (bytes[p + 5]! << 8) | bytes[p + 6]!;
      const width = (bytes[p + 7]! << 8) | bytes[p + 8]!;
      const components = bytes[p + 9]!;
      if (width === 0 || height === 0 || ![1, 3, 4].includes(components)) return null;
      return { width, height, components };
    }
    p += 2 + length;
  }
  return null;
}
