// Message catalogues: Simplified Chinese first, English second. Keys are used by screens and by
// error codes; device health and families have their own keys so technicians and citizens read the
// same vocabulary in their language. The components' texts live in ui-messages.ts.
import { diagEn, diagZh } from './diag-messages';
import { journeyEn, journeyZh } from './journey-messages';
import { screenEn, screenZh } from './screen-messages';
import { uiEn, uiZh } from './ui-messages';

export type Locale = 'zh-CN' | 'en';
export const LOCALES: readonly Locale[] = ['zh-CN', 'en'];

const appZh = {
  'app.title': '一站 · 24小时自助服务',
  'attract.headline': '请将身份证放在读卡区',
  'attract.sub': '放置身份证后，系统将自动识别并开始办理',
  'attract.other': '也可扫描“一码办”二维码或插入社保卡',
  'status.title': '设备状态',
  'status.allReady': '设备运行正常',
  'status.degraded': '部分设备暂不可用，相关业务请到人工窗口办理',
  'status.none': '未配置设备',
  'status.hostDown': '正在连接设备服务…',
  'toggle.language': 'English',
  'toggle.elder': '长辈模式',
  'health.online': '正常',
  'health.offline': '离线',
  'health.noDevice': '未连接',
  'health.hardwareError': '故障',
  'health.userError': '请处理',
  'health.busy': '工作中',
  'health.powerOff': '已关机',
  'family.id-card-reader': '身份证阅读器',
  'family.escpos-printer': '凭条打印机',
  'family.a4-printer': 'A4 打印机',
  'family.pcsc-reader': '社保卡/银行卡读卡器',
  'family.scanner': '扫码器',
  'family.locker-board': '智能存取柜',
  'family.document-camera': '高拍仪',
} as const;

const zh = { ...appZh, ...uiZh, ...diagZh, ...screenZh, ...journeyZh };
export type MessageKey = keyof typeof zh;

const appEn: Record<keyof typeof appZh, string> = {
  'app.title': 'Yizhan · 24-hour self-service',
  'attract.headline': 'Place your ID card on the reader',
  'attract.sub': 'The terminal reads it automatically and starts your service',
  'attract.other': 'You can also scan a one-code QR or insert a social security card',
  'status.title': 'Devices',
  'status.allReady': 'All devices ready',
  'status.degraded': 'Some devices are unavailable; please use a staffed counter for those services',
  'status.none': 'No devices configured',
  'status.hostDown': 'Connecting to the device service…',
  'toggle.language': '中文',
  'toggle.elder': 'Elder mode',
  'health.online': 'Ready',
  'health.offline': 'Offline',
  'health.noDevice': 'Not connected',
  'health.hardwareError': 'Fault',
  'health.userError': 'Needs attention',
  'health.busy': 'Working',
  'health.powerOff': 'Powered off',
  'family.id-card-reader': 'ID card reader',
  'family.escpos-printer': 'Receipt printer',
  'family.a4-printer': 'A4 printer',
  'family.pcsc-reader': 'Card reader',
  'family.scanner': 'Code scanner',
  'family.locker-board': 'Document locker',
  'family.document-camera': 'Document camera',
};

const en = { ...appEn, ...uiEn, ...diagEn, ...screenEn, ...journeyEn };

export const catalogues: Record<Locale, Record<MessageKey, string>> = { 'zh-CN': zh, en };

export type MessageParams = Readonly<Record<string, string | number>>;

/**
 * The text of `key` with `{name}` placeholders filled from `params`. English picks the `#one`
 * variant of a key when `params.n` is 1. A missing parameter stays visible as `{name}`.
 */
export function format(locale: Locale, key: MessageKey, params: MessageParams = {}): string {
  const table = catalogues[locale] as Record<string, string>;
  const text = (params.n === 1 ? table[`${key}#one`] : undefined) ?? table[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    params[name] === undefined ? whole : String(params[name]),
  );
}

export function translate(locale: Locale, key: string): string {
  return (catalogues[locale] as Record<string, string>)[key] ?? key;
}

/** Like `translate`, with a fallback for open-ended keys (e.g. a device family added by configuration). */
export function translateOr(locale: Locale, key: string, fallback: string): string {
  return (catalogues[locale] as Record<string, string>)[key] ?? fallback;
}
