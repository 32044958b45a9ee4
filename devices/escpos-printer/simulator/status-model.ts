// The simulated printer's own status bytes, written from the vendor documents (Epson ESC/POS
// Application Programming Guide, "DLE EOT n"; Cashino KP628E manual for the presenter bit) apart from
// the driver's decoding table (protocol/profiles.ts): were a bit wrong in the driver's table, the
// simulator would not mirror it, and the tests would see the wrong status.

/** What the simulated mechanism is doing. */
export interface MechanismState {
  /** Printing stopped: paper out, cover open, offline button, autocutter error. */
  stopped: boolean;
  coverOpen: boolean;
  paperOut: boolean;
  paperNearEnd: boolean;
  cutterError: boolean;
  /** A printed receipt still lies in the presenter (models with a sensor). */
  receiptInPresenter: boolean;
}

/** Models whose DLE EOT 1 carries the presenter sensor in bit 7 (KP628E); the rest keep bit 7 at 0. */
const PRESENTER_BIT_MODELS = new Set(['kp628']);

/** Whether the model has a presenter that holds a receipt until it is taken. */
export const hasPresenter = (model: string): boolean => PRESENTER_BIT_MODELS.has(model);

/**
 * The reply to DLE EOT n. Every reply has bits 1 and 4 set and bit 0 clear (0x12).
 * n=1 printer:     bit 3 offline; bit 7 receipt in presenter (KP628E only).
 * n=2 off-line:    bit 2 cover open; bit 5 printing stopped by paper end; bit 6 error occurred.
 * n=3 error:       bit 3 autocutter error.
 * n=4 roll paper:  bits 2–3 near end; bits 5–6 paper end.
 */
export function dleEotReply(n: 1 | 2 | 3 | 4, s: MechanismState, model: string): number {
  switch (n) {
    case 1:
      return (
        0x12 | (s.stopped ? 0x08 : 0) | (s.receiptInPresenter && PRESENTER_BIT_MODELS.has(model) ? 0x80 : 0)
      );
    case 2:
      return 0x12 | (s.coverOpen ? 0x04 : 0) | (s.paperOut ? 0x20 : 0) | (s.cutterError ? 0x40 : 0);
    case 3:
      return 0x12 | (s.cutterError ? 0x08 : 0);
    case 4:
      return 0x12 | (s.paperNearEnd ? 0x0c : 0) | (s.paperOut ? 0x60 : 0);
  }
}
