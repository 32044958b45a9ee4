// The page has a text (and, where it waits, a voice prompt) for every word of the host's flow
// vocabulary (main/ipc/contract/flow.ts): what the terminal is busy with, why a step failed, what
// the citizen may do about it.
import { describe, expect, test } from 'vitest';
import { BusyKey, FaultOption, FlowFailure } from '../../../main/ipc/contract/flow';
import { FAULT_ACTION_LABEL } from '../ui/fault-actions';
import { VOICE_PROMPTS } from '../voice/prompts';
import { catalogues, LOCALES } from './messages';

const has = (key: string) => LOCALES.every((l) => Boolean((catalogues[l] as Record<string, string>)[key]));

describe('texts for the flow vocabulary', () => {
  test('every busy key has a text in both languages and a voice prompt', () => {
    for (const k of BusyKey.options) {
      expect(has(`busy.${k}`), k).toBe(true);
      expect(Object.keys(VOICE_PROMPTS), k).toContain(`busy.${k}`);
    }
  });

  test('every failure has a citizen text in both languages', () => {
    for (const code of FlowFailure.options) expect(has(`fault.${code}`), code).toBe(true);
  });

  test('every fault option has an action label', () => {
    for (const option of FaultOption.options) expect(has(FAULT_ACTION_LABEL[option]), option).toBe(true);
  });

  test('no busy or fault text is left over from an older vocabulary', () => {
    const keys = Object.keys(catalogues['zh-CN']);
    const busy = new Set(BusyKey.options.map((k) => `busy.${k}`));
    const fault = new Set(FlowFailure.options.map((k) => `fault.${k}`));
    expect(keys.filter((k) => k.startsWith('busy.') && !busy.has(k))).toEqual([]);
    expect(keys.filter((k) => k.startsWith('fault.') && !fault.has(k))).toEqual([]);
  });
});
