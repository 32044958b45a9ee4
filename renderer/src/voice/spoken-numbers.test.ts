import { describe, expect, test } from 'vitest';
import { cardinal, digitByDigit, numbersToHanzi, spokenMandarin } from './spoken-numbers';

describe('numbers read aloud in Mandarin', () => {
  test('cardinals keep 零 where espeak-ng would drop it', () => {
    const cases: Array<[number, string]> = [
      [0, '零'],
      [7, '七'],
      [10, '十'],
      [15, '十五'],
      [20, '二十'],
      [108, '一百零八'],
      [110, '一百一十'],
      [1008, '一千零八'],
      [1010, '一千零一十'],
      [2026, '二千零二十六'],
      [10000, '一万'],
      [10086, '一万零八十六'],
      [20015, '二万零一十五'],
      [105000, '十万五千'],
      [1_000_001, '一百万零一'],
      [99_999_999, '九千九百九十九万九千九百九十九'],
    ];
    for (const [n, spoken] of cases) expect(cardinal(n), String(n)).toBe(spoken);
    expect(() => cardinal(1e8)).toThrow(RangeError);
    expect(() => cardinal(1.5)).toThrow(RangeError);
  });

  test('years, codes and long numbers are read digit by digit', () => {
    expect(digitByDigit('2026')).toBe('二零二六');
    expect(numbersToHanzi('2026年12月1日')).toBe('二零二六年十二月一日');
    expect(numbersToHanzi('热线 12345')).toBe('热线 一二三四五');
    expect(numbersToHanzi('取件码 0815')).toBe('取件码 零八一五');
  });

  test('amounts, decimals and the spoken 两', () => {
    expect(numbersToHanzi('费用 12000 元')).toBe('费用 一万二千 元');
    expect(numbersToHanzi('约 1.5 秒')).toBe('约 一点五 秒');
    expect(numbersToHanzi('读卡约需 2 秒')).toBe('读卡约需 两 秒');
    expect(numbersToHanzi('请到 2 号窗口')).toBe('请到 二 号窗口');
    expect(numbersToHanzi('请输入 18 位身份证号码')).toBe('请输入 十八 位身份证号码');
    expect(numbersToHanzi('请输入11位手机号码')).toBe('请输入十一位手机号码');
    expect(numbersToHanzi('没有数字')).toBe('没有数字');
  });

  test('Mandarin text for the voice has no pause around a number inside a phrase', () => {
    expect(spokenMandarin('请输入 18 位身份证号码。')).toBe('请输入十八位身份证号码。');
    expect(spokenMandarin('Door 3 号')).toBe('Door 三号');
  });
});
