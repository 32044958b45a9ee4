// The capture screen (renderer) encodes each page to a byte budget and main/scanning checks it again,
// since the renderer is untrusted. The two sides cannot import each other (layer rules), so this test
// keeps their defaults equal: a drift would make main refuse pages the screen had accepted.
import { describe, expect, test } from 'vitest';
import { DEFAULT_PAGE_BUDGET as MAIN_BUDGET } from '../../../main/scanning';
import { DEFAULT_PAGE_BUDGET as SCREEN_BUDGET } from '../../../renderer/src/capture/imaging/jpeg-budget';

describe('per-page JPEG budget', () => {
  test('the capture screen and main/scanning use the same defaults', () => {
    expect(SCREEN_BUDGET).toEqual(MAIN_BUDGET);
    expect(MAIN_BUDGET).toEqual({ a4: 300_000, id1: 80_000 });
  });
});
