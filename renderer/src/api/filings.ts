// Helpers for the filing channels on the page side: materials in their wire form, and what to tell
// the citizen when a submission fails (Chinese first, English second).
import type { Failure, FailureCode, FilingMaterialInput } from '../../../main/ipc/contract';

/** Standard base64 with padding, in chunks so a 10 MB scan does not overflow the argument stack. */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let off = 0; off < bytes.length; off += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(off, off + 0x8000));
  return btoa(binary);
}

/** A captured JPEG or a built PDF as `filings:submit` takes it. */
export function materialInput(m: {
  name: string;
  kind: string;
  contentType: FilingMaterialInput['contentType'];
  bytes: Uint8Array;
}): FilingMaterialInput {
  return { name: m.name, kind: m.kind, contentType: m.contentType, data: toBase64(m.bytes) };
}

export interface FilingFailureText {
  zh: string;
  en: string;
  /**
   * The same submission may be sent again unchanged, with the same localId: it cannot be filed
   * twice, and the host may simply have restarted before it could answer.
   */
  resubmit: boolean;
}

const TEXT = {
  invalidArgument: {
    zh: '申请信息不完整或格式不正确，请检查后重新提交',
    en: 'Some details of the application are missing or invalid; please check them and submit again',
    resubmit: false,
  },
  tooLargeOne: {
    zh: '有一份材料文件过大，请降低分辨率后重新拍摄',
    en: 'One of the scans is too large; please scan it again at a lower resolution',
    resubmit: false,
  },
  tooLargeTotal: {
    zh: '材料总大小超出限制，请减少页数后重新提交',
    en: 'The scans are too large in total; please send fewer pages',
    resubmit: false,
  },
  contentMismatch: {
    zh: '有一份材料文件已损坏或格式不符，请重新拍摄',
    en: 'One of the scans is damaged or not a JPEG or PDF; please scan it again',
    resubmit: false,
  },
  badMaterial: {
    zh: '有一份材料缺少名称或类别，请重新拍摄',
    en: 'One of the scans has no name or type; please scan it again',
    resubmit: false,
  },
  notConfigured: {
    zh: '本机尚未接入政务服务后台，暂不能受理申请，请到人工窗口办理',
    en: 'This terminal is not connected to the service centre yet and cannot take applications; please go to a staffed counter',
    resubmit: false,
  },
  recovering: {
    zh: '终端服务正在恢复，请稍候，系统会重新提交（不会重复受理）',
    en: 'The terminal service is recovering; your application will be sent again in a moment (it cannot be filed twice)',
    resubmit: true,
  },
  other: {
    zh: '提交未成功，请联系窗口工作人员',
    en: 'The application could not be submitted; please ask the staff for help',
    resubmit: false,
  },
} as const satisfies Record<string, FilingFailureText>;

/** Every failure code a submission can meet, so a new code cannot slip through without text. */
const BY_CODE: Record<FailureCode, keyof typeof TEXT> = {
  invalidArgument: 'invalidArgument',
  tooLarge: 'tooLargeTotal',
  contentMismatch: 'contentMismatch',
  badMaterial: 'badMaterial',
  notConfigured: 'notConfigured',
  // The host restarted or did not answer in time: whether or not it stored the filing, sending
  // the same localId again is safe.
  notConnected: 'recovering',
  timeout: 'recovering',
  busy: 'other',
  canceled: 'other',
  forbidden: 'other',
  hardware: 'other',
  internal: 'other',
  network: 'other',
  noMedia: 'other',
  protocol: 'other',
  rejected: 'other',
  sequence: 'other',
  unsupported: 'other',
  userAction: 'other',
};

/** What the screen says for a failed `filings:submit` or `filings:status`. */
export function filingFailureText(error: Failure): FilingFailureText {
  // `detail` names the material at fault (materials.2), or the whole set (materials).
  if (error.code === 'tooLarge' && error.detail && error.detail !== 'materials') return TEXT.tooLargeOne;
  return TEXT[BY_CODE[error.code]];
}
