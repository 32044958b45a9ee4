import { describe, expect, it } from 'vitest';
import { DeviceCondition } from '../../../main/ipc/contract';
import { translate } from '../i18n/messages';
import { deviceStateKey } from './device-state';

const zh = (d: Parameters<typeof deviceStateKey>[0]) => translate('zh-CN', deviceStateKey(d));
const en = (d: Parameters<typeof deviceStateKey>[0]) => translate('en', deviceStateKey(d));

describe("the citizen's device status line", () => {
  it('names the printer’s real condition, not the health it maps to (paper out is not 离线)', () => {
    // The ESC/POS driver reports paper out, paper end and an open cover as health `offline`.
    expect(zh({ health: 'offline', condition: 'paperOut' })).toBe('缺纸');
    expect(zh({ health: 'online', condition: 'paperLow' })).toBe('纸将尽');
    expect(zh({ health: 'offline', condition: 'coverOpen' })).toBe('开盖');
    expect(en({ health: 'offline', condition: 'paperOut' })).toBe('Paper out');
  });

  it('says 正常 for a ready device and falls back to the health without a condition', () => {
    expect(zh({ health: 'online', condition: 'ready' })).toBe('正常');
    expect(zh({ health: 'offline' })).toBe('离线');
  });

  it('has words in both languages for every condition the contract knows', () => {
    for (const condition of DeviceCondition.options)
      for (const locale of ['zh-CN', 'en'] as const) {
        const key = deviceStateKey({ health: 'offline', condition });
        expect(translate(locale, key), `${locale} ${condition}`).not.toBe(key);
      }
  });
});
