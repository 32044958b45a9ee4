import { describe, expect, test } from 'vitest';
import { classifyCameraError, pickCamera } from './camera-select';

const dev = (deviceId: string, label: string, kind = 'videoinput') => ({ deviceId, label, kind });

describe('pickCamera', () => {
  test('prefers the document head by label', () => {
    const list = [dev('a', 'USB Face Camera'), dev('m', 'Mic', 'audioinput'), dev('b', 'S1000 高拍仪 文档')];
    expect(pickCamera(list)?.deviceId).toBe('b');
    expect(pickCamera([dev('x', 'Integrated'), dev('y', 'Doccamera (1b17:0211)')])?.deviceId).toBe('y');
  });

  test('falls back to the first video input, or null', () => {
    expect(pickCamera([dev('m', 'Mic', 'audioinput'), dev('a', ''), dev('b', '')])?.deviceId).toBe('a');
    expect(pickCamera([dev('m', 'Mic', 'audioinput')])).toBeNull();
  });
});

describe('classifyCameraError', () => {
  test('maps DOMException names', () => {
    expect(classifyCameraError({ name: 'NotFoundError' })).toBe('noCamera');
    expect(classifyCameraError({ name: 'NotAllowedError' })).toBe('denied');
    expect(classifyCameraError({ name: 'NotReadableError' })).toBe('busy');
    expect(classifyCameraError(new Error('x'))).toBe('failed');
  });
});
