// What a device can do now, for people: the closed DeviceCondition vocabulary of the contract, which
// conditions still serve, and how a technician's screen or the CLI says each one.
import type { DeviceCondition } from '../ipc/contract';

/** Conditions in which the device still does its job (a warning at most). */
export const SERVING: ReadonlySet<DeviceCondition> = new Set<DeviceCondition>([
  'ready',
  'busy',
  'paperLow',
  'tonerLow',
  'receiptNotTaken',
]);

export const serves = (c: DeviceCondition): boolean => SERVING.has(c);

/** Chinese first, English second, as the CLI and technician surfaces print them. */
export const CONDITION_LABELS: Readonly<Record<DeviceCondition, string>> = {
  ready: '正常 ready',
  busy: '工作中 busy',
  paperLow: '纸将尽 paper low',
  paperOut: '缺纸 paper out',
  coverOpen: '开盖 cover open',
  receiptNotTaken: '凭条未取 receipt not taken',
  cutterError: '切刀故障 cutter error',
  printerOffline: '打印机脱机 printer offline',
  tonerLow: '墨粉将尽 toner low',
  tonerOut: '缺墨粉 toner out',
  paperJam: '卡纸 paper jam',
  queueStopped: '打印队列已停止 print queue stopped',
  notConnected: '未连接 not connected',
  noReader: '未检测到读卡器 no card reader',
  readerFault: '读卡模块故障 reader module fault',
  boardNotAnswering: '控制板无应答 board not answering',
  hardwareError: '硬件故障 hardware fault',
};
