import type { DeviceErrorCode } from '../../core';

/** SW3 values (protocols.md §1.4); SW1 = SW2 = 00 on the wire. */
export const SW3 = {
  success: 0x90,
  cardFound: 0x9f,
  noContent: 0x91,
  checksumError: 0x10,
  lengthError: 0x11,
  commandError: 0x21,
  outOfSequence: 0x23,
  unrecognisedError: 0x24,
  cardAuthenticationFailed: 0x31,
  samAuthenticationFailed: 0x32,
  verificationFailed: 0x33,
  unknownCardType: 0x40,
  cardReadFailed: 0x41,
  randomNumberFailed: 0x47,
  samSelfTestFailed: 0x60,
  samNotAuthorized: 0x66,
  noCard: 0x80,
  selectFailed: 0x81,
} as const;

export interface StatusMeaning {
  sw3: number;
  /** camelCase token used as DeviceError.detail. */
  detail: string;
  code: DeviceErrorCode;
  retryable: boolean;
  /** Simplified Chinese first, English second. */
  message: string;
}

type Entry = [detail: string, code: DeviceErrorCode, retryable: boolean, message: string];

/** Every failure SW3 of §1.4 mapped once to the device error vocabulary. */
const FAILURES: Record<number, Entry> = {
  [SW3.noContent]: ['noContent', 'unsupported', false, '卡内无此项内容 / the card holds no such item'],
  [SW3.checksumError]: [
    'checksumError',
    'protocol',
    true,
    '阅读器收到的帧校验错误 / reader saw a bad checksum',
  ],
  [SW3.lengthError]: ['lengthError', 'protocol', true, '阅读器收到的帧长度错误 / reader saw a bad length'],
  [SW3.commandError]: ['commandError', 'protocol', false, '命令错误 / unknown command'],
  [SW3.outOfSequence]: ['outOfSequence', 'sequence', true, '操作顺序错误或越权 / operation out of sequence'],
  [SW3.unrecognisedError]: ['unrecognisedError', 'hardware', true, '无法识别的错误 / unrecognised error'],
  [SW3.cardAuthenticationFailed]: [
    'cardAuthenticationFailed',
    'rejected',
    true,
    '卡认证机具失败 / the card failed to authenticate the SAM',
  ],
  [SW3.samAuthenticationFailed]: [
    'samAuthenticationFailed',
    'rejected',
    true,
    '机具认证卡失败 / the SAM failed to authenticate the card',
  ],
  [SW3.verificationFailed]: [
    'verificationFailed',
    'rejected',
    true,
    '信息验证错误 / information verification failed',
  ],
  [SW3.unknownCardType]: [
    'unknownCardType',
    'unsupported',
    false,
    '无法识别的卡类型 / unrecognised card type',
  ],
  [SW3.cardReadFailed]: [
    'cardReadFailed',
    'userAction',
    true,
    '读卡失败，请重新放卡 / card read failed, place it again',
  ],
  [SW3.randomNumberFailed]: [
    'randomNumberFailed',
    'hardware',
    true,
    '取随机数失败 / fetching the random number failed',
  ],
  [SW3.samSelfTestFailed]: [
    'samSelfTestFailed',
    'hardware',
    false,
    '安全模块自检失败 / SAM self-test failed',
  ],
  [SW3.samNotAuthorized]: ['samNotAuthorized', 'hardware', false, '安全模块未授权 / SAM not authorised'],
  [SW3.noCard]: ['noCard', 'noMedia', true, '未找到身份证 / no card on the reader'],
  [SW3.selectFailed]: [
    'selectFailed',
    'userAction',
    true,
    '选卡失败，请重新放卡 / select failed, place the card again',
  ],
};

/** Meaning of a failure SW3; unknown values map to `protocol` / `unknownStatus`. */
export function describeStatus(sw3: number): StatusMeaning {
  const e = FAILURES[sw3];
  if (!e) {
    const hex = sw3.toString(16).padStart(2, '0').toUpperCase();
    return {
      sw3,
      detail: 'unknownStatus',
      code: 'protocol',
      retryable: false,
      message: `未知状态码 / unknown status 0x${hex}`,
    };
  }
  const [detail, code, retryable, message] = e;
  return { sw3, detail, code, retryable, message };
}

/** All failure SW3 values listed in §1.4 (for tests and docs). */
export const FAILURE_SW3: readonly number[] = Object.keys(FAILURES).map(Number);
