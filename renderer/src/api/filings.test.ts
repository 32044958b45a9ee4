import { describe, expect, test } from 'vitest';
import { FailureCode, FilingMaterialInput } from '../../../main/ipc/contract';
import { filingFailureText, materialInput, toBase64 } from './filings';

describe('materials in their wire form', () => {
  test('base64 of every byte value and of lengths around the chunk size matches the standard encoding', () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    expect(toBase64(all)).toBe(btoa(String.fromCharCode(...all)));
    for (const n of [0, 1, 2, 3, 0x8000 - 1, 0x8000, 0x8000 + 1, 3 * 0x8000 + 2]) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 131 + 7) & 0xff);
      const b64 = toBase64(bytes);
      const back = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      expect(back).toEqual(bytes);
    }
  });

  test('a material built by the page passes the contract', () => {
    const m = materialInput({
      name: '身份证正面.jpg',
      kind: 'idCardCopy',
      contentType: 'image/jpeg',
      bytes: Uint8Array.of(0xff, 0xd8, 0xff, 0xe0, 1, 2, 3),
    });
    expect(FilingMaterialInput.safeParse(m).success).toBe(true);
  });
});

describe('what the citizen reads when a submission fails', () => {
  test('every failure code has Chinese and English text', () => {
    for (const code of FailureCode.options) {
      const t = filingFailureText({ code, message: 'x' });
      expect(t.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(t.en).toMatch(/^[A-Z][^\u4e00-\u9fff]+$/);
    }
  });

  test('refusals say what to do, and only a lost answer invites sending the same filing again', () => {
    expect(filingFailureText({ code: 'tooLarge', message: '', detail: 'materials.1' }).zh).toMatch(
      /有一份材料/,
    );
    expect(filingFailureText({ code: 'tooLarge', message: '', detail: 'materials' }).zh).toMatch(/总大小/);
    expect(filingFailureText({ code: 'contentMismatch', message: '' }).zh).toMatch(/重新拍摄/);
    expect(filingFailureText({ code: 'notConfigured', message: '' }).zh).toMatch(/人工窗口/);
    const resubmit = FailureCode.options.filter((code) => filingFailureText({ code, message: '' }).resubmit);
    expect(resubmit.sort()).toEqual(['notConnected', 'timeout']);
  });
});
