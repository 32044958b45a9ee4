import type { Quad } from './imaging/geometry';
import type { Orientation, PaperKind } from './imaging/paper';

/** One finished page as handed to the host (main/scanning assembles the PDF from these). */
export interface CapturedPage {
  paper: PaperKind;
  orientation: Orientation;
  /** Pixel size of the JPEG. */
  width: number;
  height: number;
  jpeg: Uint8Array;
  quality: number;
  /** Page outline in the camera frame that was used for the crop. */
  quad: Quad;
  /** How the outline was obtained: automatically, or adjusted by the user. */
  outline: 'detected' | 'adjusted';
}
