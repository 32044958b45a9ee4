// Message catalogues: Simplified Chinese first, English second. Keys are used by screens and by
// error codes; device health and families have their own keys so technicians and citizens read the
// same vocabulary in their language.
export type Locale = 'zh-CN' | 'en';

const zh = {
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
  'toggle.elder': '大字模式',
  'toggle.elderOff': '标准模式',
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

export type MessageKey = keyof typeof zh;

const en: Record<MessageKey, string> = {
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
  'toggle.elder': 'Large text',
  'toggle.elderOff': 'Standard text',
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

export const catalogues: Record<Locale, Record<MessageKey, string>> = { 'zh-CN': zh, en };

export function translate(locale: Locale, key: string): string {
  return (catalogues[locale] as Record<string, string>)[key] ?? key;
}

/** Like `translate`, with a fallback for open-ended keys (e.g. a device family added by configuration). */
export function translateOr(locale: Locale, key: string, fallback: string): string {
  return (catalogues[locale] as Record<string, string>)[key] ?? fallback;
}
