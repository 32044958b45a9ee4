// What a simulated hall kiosk's host answers on the diag:* channels, for the test harness's
// screenshots: the shapes of the contract, with the figures a technician would see (masked already).
import type {
  ConfigView,
  DiagDevice,
  HealthReport,
  LogEntry,
  SelfTestResultDto,
  Supply,
  TraceLine,
} from '../../../../main/ipc/contract';

export const NOW = Date.UTC(2026, 11, 5, 6, 30, 0);
const ago = (min: number) => NOW - min * 60_000;

export const DEVICES: DiagDevice[] = [
  {
    deviceId: 'id-reader-1',
    family: 'id-card-reader',
    roles: ['idCard'],
    transport: { kind: 'serial', link: 'serial:/dev/ttyUSB0@115200' },
    health: 'online',
    condition: 'ready',
    changedAt: ago(95),
    model: null,
    firmware: null,
    identity: { samId: '05.01-20101216-0012345678' },
    counters: { cardsRead: 128, readFailures: 2, probes: 1, silentSpells: 0 },
    recentErrors: [{ code: 'timeout', detail: 'noCard', command: 'read', at: ago(42) }],
    selfTests: [
      { id: 'idcard.link', title: 'diag.idcard.link', kind: 'check' },
      { id: 'idcard.sam', title: 'diag.idcard.sam', kind: 'check' },
      { id: 'idcard.read', title: 'diag.idcard.read', kind: 'action' },
    ],
    simulated: true,
  },
  {
    deviceId: 'receipt-printer-1',
    family: 'escpos-printer',
    roles: ['receiptPrinter'],
    transport: { kind: 'serial', link: 'serial:/dev/ttyUSB1@115200' },
    health: 'online',
    condition: 'paperLow',
    changedAt: ago(12),
    model: 'KP628',
    firmware: 'V2.13',
    identity: {},
    counters: {
      receiptsPrinted: 412,
      receiptsTaken: 409,
      receiptsNotTaken: 3,
      jobsHeld: 0,
      jobsFailed: 1,
      reprints: 0,
    },
    recentErrors: [{ code: 'hardware', detail: 'coverOpen', at: ago(180) }],
    selfTests: [
      { id: 'printer.status', title: 'diag.printer.status', kind: 'check' },
      { id: 'printer.testSlip', title: 'diag.printer.testSlip', kind: 'action' },
    ],
    simulated: true,
  },
  {
    deviceId: 'locker-1',
    family: 'locker-board',
    roles: ['lockers'],
    transport: { kind: 'serial', link: 'serial:/dev/ttyUSB2@9600' },
    health: 'hardwareError',
    condition: 'boardNotAnswering',
    changedAt: ago(3),
    model: null,
    firmware: null,
    identity: { protocol: 'cu' },
    counters: { doorsOpened: 57, openFailures: 1, forcedOpens: 0, requests: 1930, unanswered: 14 },
    recentErrors: [{ code: 'timeout', detail: 'boardNotAnswering', command: 'status', at: ago(3) }],
    selfTests: [
      { id: 'locker.boards', title: 'diag.locker.boards', kind: 'check' },
      { id: 'locker.sensors', title: 'diag.locker.sensors', kind: 'check' },
      { id: 'locker.open', title: 'diag.locker.open', kind: 'action' },
    ],
    simulated: true,
  },
];

export const RESULTS: Record<string, SelfTestResultDto[]> = {
  'receipt-printer-1': [
    {
      id: 'printer.status',
      title: 'diag.printer.status',
      kind: 'check',
      outcome: 'warn',
      key: 'diag.printer.paperLow',
      data: { paper: 'nearEnd' },
      ms: 41,
    },
    {
      id: 'printer.testSlip',
      title: 'diag.printer.testSlip',
      kind: 'action',
      outcome: 'pass',
      data: { job: 'diag-7' },
      ms: 2310,
    },
  ],
  'locker-1': [
    {
      id: 'locker.boards',
      title: 'diag.locker.boards',
      kind: 'check',
      outcome: 'fail',
      key: 'diag.locker.boardNotAnswering',
      data: { boards: [1] },
      ms: 1502,
    },
  ],
  'id-reader-1': [
    {
      id: 'idcard.link',
      title: 'diag.idcard.link',
      kind: 'check',
      outcome: 'pass',
      data: { health: 'online', baudRate: 115200 },
      ms: 1,
    },
    {
      id: 'idcard.sam',
      title: 'diag.idcard.sam',
      kind: 'check',
      outcome: 'pass',
      data: { samId: '05.01-20101216-0012345678' },
      ms: 37,
    },
    {
      id: 'idcard.read',
      title: 'diag.idcard.read',
      kind: 'action',
      outcome: 'pass',
      data: { cardType: 'resident', idNumber: '1101**********0021', idNumberValid: true },
      ms: 1840,
    },
  ],
};

export const HEALTH: HealthReport = {
  at: ago(95),
  reason: 'boot',
  devices: DEVICES.map((d) => ({
    deviceId: d.deviceId,
    family: d.family,
    roles: d.roles,
    usable: d.condition !== 'boardNotAnswering',
    health: d.health,
    condition: d.condition,
    ...(d.condition === 'boardNotAnswering' ? { problem: 'timeout' } : {}),
  })),
  backoffice: { kind: 'embedded', reachable: true, latencyMs: 4 },
  services: [
    {
      serviceId: 'insured',
      title: { zh: '参保证明打印', en: 'Proof of social insurance' },
      available: true,
      missing: [],
    },
    {
      serviceId: 'deposit',
      title: { zh: '材料投递', en: 'Drop off documents' },
      available: false,
      missing: ['lockers'],
    },
    {
      serviceId: 'pickup',
      title: { zh: '证照领取', en: 'Collect a licence' },
      available: false,
      missing: ['lockers'],
    },
  ],
  slip: 'printed',
  verdict: 'degraded',
};

export const SUPPLIES: Supply[] = [
  {
    deviceId: 'receipt-printer-1',
    kind: 'receiptPaper',
    state: 'low',
    sinceReplenished: 412,
    lastReplenishedAt: ago(60 * 30),
    lastRollChangeAt: ago(60 * 30),
    rollChanges: 7,
  },
  {
    deviceId: 'a4-printer-1',
    kind: 'a4Paper',
    state: 'ok',
    sinceReplenished: 88,
    lastReplenishedAt: ago(60 * 5),
    rollChanges: 0,
  },
];

export const CONFIG: ConfigView = {
  config: {
    kioskId: 'hall-01',
    site: { profile: 'hall' },
    devices: [
      {
        id: 'id-reader-1',
        family: 'id-card-reader',
        transport: { kind: 'serial', path: '/dev/ttyUSB0', baudRate: 115200 },
      },
      {
        id: 'receipt-printer-1',
        family: 'escpos-printer',
        transport: { kind: 'serial', path: '/dev/ttyUSB1' },
        options: { profile: 'kp628' },
      },
      {
        id: 'locker-1',
        family: 'locker-board',
        transport: { kind: 'serial', path: '/dev/ttyUSB2' },
        options: { protocol: 'cu' },
      },
    ],
    backoffice: { url: 'https://bo.example.gov.cn', token: '<redacted>' },
  },
  revision: '3f2a9c1e77b04d1c',
  source: '/etc/yizhan/site.json',
  previous: { revision: '9b1c2d3e', savedAt: ago(60 * 24 * 3) },
};

export const LOGS: LogEntry[] = [
  {
    seq: 5,
    at: ago(3),
    level: 'error',
    event: 'device.error',
    component: 'device-host',
    deviceId: 'locker-1',
    fields: { code: 'timeout', detail: 'boardNotAnswering' },
  },
  {
    seq: 4,
    at: ago(12),
    level: 'warn',
    event: 'device.status',
    component: 'device-host',
    deviceId: 'receipt-printer-1',
    fields: { condition: 'paperLow' },
  },
  {
    seq: 3,
    at: ago(20),
    level: 'info',
    event: 'session.ended',
    component: 'session',
    fields: { reason: 'done', service: 'insured' },
  },
  {
    seq: 2,
    at: ago(21),
    level: 'info',
    event: 'idcard.read',
    component: 'device-host',
    deviceId: 'id-reader-1',
    fields: { idNumber: '1101**********0021', name: '张*' },
  },
];

/** Each device's own protocol (a printer's trace under the ID card reader's name would mislead). */
export const TRACE: Record<string, TraceLine[]> = {
  'id-reader-1': [
    { seq: 1, at: ago(1), dir: 'tx', hex: 'AA AA AA 96 69 00 03 20 01 22', meaning: 'find card (20 01)' },
    {
      seq: 2,
      at: ago(1),
      dir: 'rx',
      hex: 'AA AA AA 96 69 00 08 00 00 9F 00 00 00 00 97',
      meaning: 'card found (SW3 9F)',
    },
    { seq: 3, at: ago(1), dir: 'tx', hex: 'AA AA AA 96 69 00 03 20 02 21', meaning: 'select card (20 02)' },
    { seq: 4, at: ago(1), dir: 'rx', hex: 'AA AA AA 96 69 00 0C 00 00 90 …', meaning: 'selected (SW3 90)' },
  ],
  'receipt-printer-1': [
    { seq: 1, at: ago(1), dir: 'tx', hex: '10 04 01', meaning: 'DLE EOT 1: printer status' },
    { seq: 2, at: ago(1), dir: 'rx', hex: '16', meaning: 'online, no error' },
    { seq: 3, at: ago(1), dir: 'tx', hex: '10 04 04', meaning: 'DLE EOT 4: paper sensor status' },
    { seq: 4, at: ago(1), dir: 'rx', hex: '1E', meaning: 'paper near end' },
  ],
};
