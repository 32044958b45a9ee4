// Chinese-first labels for the console; English as secondary text.

export const STATUS_LABELS: Record<string, string> = {
  submitted: '已提交 Submitted',
  accepted: '已受理 Accepted',
  approved: '已批准 Approved',
  rejected: '不予批准 Rejected',
  needsMore: '待补正 Needs more',
  resultReady: '结果已出 Result ready',
  collected: '已领取 Collected',
};

export const SERVICE_LABELS: Record<string, string> = {
  'sole-proprietor-registration': '个体工商户设立登记',
  'social-insurance-certificate': '参保证明打印',
  'housing-fund-certificate': '公积金缴存证明',
  'generic-application': '综合申请',
};

/** History entries besides status changes (backoffice/domain/states.ts HISTORY_KINDS). */
export const HISTORY_LABELS: Record<string, string> = {
  lockerAssigned: '分配柜门 Locker assigned',
  lockerWithdrawn: '取回柜中结果 Result withdrawn',
  papersDeposited: '申请人存入材料 Papers deposited',
  papersRetrieved: '取出申请材料 Papers retrieved',
  rated: '好差评 Rated',
  ratingCallback: '差评回访 Call-back',
};

export const PRESENCE_LABELS: Record<string, string> = {
  online: '在线 Online',
  stale: '心跳延迟 Stale',
  offline: '离线 Offline',
};

export const HEALTH_LABELS: Record<string, string> = {
  online: '正常',
  offline: '停用',
  noDevice: '未连接',
  hardwareError: '硬件故障',
  userError: '待用户操作',
  busy: '忙',
  powerOff: '已关机',
};

export const ROLE_LABELS: Record<string, string> = {
  clerk: '受理 Clerk',
  supervisor: '审批 Supervisor',
  technician: '运维 Technician',
};

export const DELIVERY_LABELS: Record<string, string> = {
  print: '自助打印',
  locker: '智能柜领取',
  post: '邮寄',
};

export const serviceName = (id: string): string => SERVICE_LABELS[id] ?? id;

export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

// Keyed by the service's error codes (backoffice/errors.ts and the routes).
export const ERROR_TEXT: Record<string, string> = {
  network: '无法连接后台服务',
  unauthorized: '登录已失效，请重新登录',
  forbidden: '当前角色无此权限',
  badCredentials: '用户名或密码错误',
  lockedOut: '尝试次数过多，请稍后再试',
  illegalTransition: '当前状态不允许此操作',
  doorOccupied: '该柜门已被占用，请换一个柜门',
  alreadyAssigned: '结果已在其他柜门中，请先取回',
  deliveryMismatch: '申请人选择的不是智能柜领取，须注明改为柜取的原因',
  notABadRating: '非差评无需回访',
  notSimulated: '当前接入的是真实系统',
  unknownTheme: '无此取号主题',
  unknownKiosk: '无此终端编号',
  validationFailed: '填写内容不符合要求',
  contentMismatch: '文件不是有效的 PDF',
  tooLarge: '文件过大',
  notFound: '未找到',
};

export function errorText(err: unknown): string {
  if (err && typeof err === 'object' && 'code' in err && typeof err.code === 'string') {
    const message = 'message' in err && typeof err.message === 'string' ? err.message : '';
    return `${ERROR_TEXT[err.code] ?? '操作失败'}（${err.code}${message ? `: ${message}` : ''}）`;
  }
  return '操作失败';
}
