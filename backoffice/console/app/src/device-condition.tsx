// A device's condition in words for the fleet page: what a technician needs to know before walking
// to the kiosk (缺纸, 开盖, 2号板无应答), from the family detail and last error the heartbeat carries.

export interface DeviceReport {
  deviceId: string;
  family: string;
  health: string;
  detail: Record<string, unknown>;
  lastError?: { code: string; detail?: string };
}

export const FAMILY_LABELS: Record<string, string> = {
  'id-card-reader': '身份证阅读器',
  'escpos-printer': '凭条打印机',
  'a4-printer': 'A4打印机',
  'pcsc-reader': '社保卡/银行卡读卡器',
  scanner: '扫码器',
  'locker-board': '智能柜',
  camera: '高拍仪',
};

/** devices/core DeviceErrorCode values. */
const ERROR_CODES: Record<string, string> = {
  timeout: '超时',
  canceled: '已取消',
  notConnected: '未连接',
  busy: '忙',
  protocol: '通信协议错误',
  rejected: '指令被拒绝',
  hardware: '硬件故障',
  userAction: '待用户操作',
  unsupported: '不支持',
  invalidArgument: '参数错误',
  sequence: '操作顺序错误',
  noMedia: '无介质',
};

/** Family detail tokens of DeviceError (the technician can look the token up in the family README). */
const ERROR_DETAILS: Record<string, string> = {
  paperOut: '缺纸',
  paperNearEnd: '纸将尽',
  coverOpen: '开盖',
  cutterError: '切刀故障',
  tonerEmpty: '墨粉耗尽',
  printerOffline: '打印机脱机',
  queueNotAccepting: '队列不接受任务',
  spoolerUnreachable: '打印服务无法连接',
  noQueue: '打印队列不存在',
  jobAborted: '打印任务中止',
  cardReadFailed: '读卡失败',
  cardRemoved: '读卡时卡被取走',
  cardNotRemoved: '卡未取走',
  cardAbsent: '无卡',
  noCard: '无卡',
  wrongCard: '卡片类型不符',
  unknownCardType: '无法识别的卡',
  readerSilent: '读卡器无响应',
  samSelfTestFailed: '安全模块自检失败',
  wltDecoderMissing: '缺少照片解码库',
  linkLostDuringRead: '读卡时连接中断',
  linkClosed: '连接已关闭',
  checksumMismatch: '校验错误',
  malformedReply: '应答格式错误',
  noAnswer: '无应答',
  portUnavailable: '端口无法打开',
  unknownDoor: '无此柜门',
  unknownBoard: '无此控制板',
  doorJammed: '柜门卡住',
  pcscError: '读卡服务错误',
  barcodeData: '条码数据异常',
};

const HEALTH_WORDS: Record<string, string> = {
  online: '正常',
  offline: '脱机',
  noDevice: '未连接',
  hardwareError: '硬件故障',
  userError: '待处理',
  busy: '忙',
  powerOff: '已关机',
};

const SUPPLY: Record<string, string> = { low: '将尽', out: '耗尽' };

type Phrases = (d: Record<string, unknown>) => (string | false | null | undefined)[];

/** Per family: the detail fields that matter, in words. Fields not named here are left out. */
const FAMILY_PHRASES: Record<string, Phrases> = {
  'escpos-printer': (d) => [
    d.online === false && '脱机',
    d.paper === 'out' && '缺纸',
    d.paper === 'nearEnd' && '纸将尽',
    d.coverOpen === true && '开盖',
    d.cutterError === true && '切刀故障',
    d.receiptTaken === false && '凭条未取走',
  ],
  'a4-printer': (d) => [
    typeof d.paper === 'string' && SUPPLY[d.paper] && `纸张${SUPPLY[d.paper]}`,
    typeof d.toner === 'string' && SUPPLY[d.toner] && `墨粉${SUPPLY[d.toner]}`,
    d.accepting === false && '队列不接受任务',
    d.enabled === false && '打印机已暂停',
    typeof d.activeJob === 'string' && '正在打印',
    typeof d.queue === 'string' && `队列 ${d.queue}`,
  ],
  'id-card-reader': (d) => [
    d.card === 'present' && '有卡',
    d.card === 'read' && '已读卡',
    typeof d.baudRate === 'number' && `${d.baudRate} 波特`,
    d.samId === null && '安全模块未识别',
  ],
  'pcsc-reader': (d) => [
    d.reader === null ? '未接读卡器' : typeof d.reader === 'string' && `读卡器 ${d.reader}`,
    d.card === 'present' && '有卡',
  ],
  scanner: (d) => [
    d.configured === false && '未完成配置',
    d.kind === 'hid' ? 'HID' : d.kind === 'serial' && '串口',
    typeof d.scans === 'number' && `已扫码 ${d.scans} 次`,
  ],
  'locker-board': (d) => {
    const boards =
      d.boards && typeof d.boards === 'object' ? Object.entries(d.boards as Record<string, unknown>) : [];
    const forced = Array.isArray(d.forcedOpen) ? d.forcedOpen : [];
    return [
      ...boards
        .filter(([, h]) => h !== 'online')
        .map(([b, h]) => `${b}号板${HEALTH_WORDS[String(h)] ?? String(h)}`),
      boards.length > 0 && boards.every(([, h]) => h === 'online') && `${boards.length}块控制板正常`,
      forced.length > 0 && `柜门 ${forced.join('、')} 被强行打开`,
      typeof d.protocol === 'string' && `协议 ${d.protocol.toUpperCase()}`,
    ];
  },
};

/** Why the host could not even start a device (main/device-host). */
const REASONS: Record<string, string> = {
  unknownFamily: '未知设备类型',
  startFailed: '启动失败',
};

/** 缺纸（硬件故障）; without the detail when the condition already says it. */
export function errorWords(
  e: { code: string; detail?: string },
  alreadySaid: readonly string[] = [],
): string {
  const what = e.detail ? (ERROR_DETAILS[e.detail] ?? e.detail) : '';
  const code = ERROR_CODES[e.code] ?? e.code;
  return what && !alreadySaid.includes(what) ? `${what}（${code}）` : code;
}

/** Short phrases describing the device now; the last error goes last, marked as such. */
export function conditionPhrases(r: DeviceReport): string[] {
  const family = FAMILY_PHRASES[r.family];
  const reason =
    typeof r.detail.reason === 'string' ? (REASONS[r.detail.reason] ?? r.detail.reason) : undefined;
  const phrases = [reason, ...(family ? family(r.detail) : [])].filter(
    (p): p is string => typeof p === 'string' && p.length > 0,
  );
  if (r.lastError) phrases.push(`最近错误：${errorWords(r.lastError, phrases)}`);
  return phrases;
}

export const familyLabel = (family: string): string => FAMILY_LABELS[family] ?? family;
