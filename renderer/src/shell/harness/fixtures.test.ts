import { describe, expect, test } from 'vitest';
import { CatalogueView, FlowView } from '../../../../main/ipc/contract/flow';
import { CATALOGUE, SCREENS } from './fixtures';

describe('harness fixtures', () => {
  test('every fixed view is what the host could send', () => {
    for (const [name, view] of Object.entries(SCREENS))
      expect(FlowView.safeParse(view).error, name).toBeUndefined();
    expect(CatalogueView.safeParse(CATALOGUE).error).toBeUndefined();
  });
});
