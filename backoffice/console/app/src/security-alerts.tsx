import { useEffect, useState } from 'react';
import { getJson } from './api';
import { formatTime } from './labels';

interface Alert {
  alertId: string;
  at: string;
  kind: string;
  kioskId?: string;
  username?: string;
  source?: string;
  lockedUntil: string;
  active: boolean;
}

/** What each lockout stopped, Chinese first (backoffice/services/attempts.ts ALERT_KINDS). */
function describe(a: Alert): { zh: string; en: string } {
  const until = formatTime(a.lockedUntil);
  switch (a.kind) {
    case 'pickupCodes':
      return {
        zh: `终端 ${a.kioskId} 取件码连续输错，暂停取件码取件至 ${until}（刷身份证取件不受影响）`,
        en: `Wrong pickup codes at ${a.kioskId}: codes paused, ID-card pickup still works`,
      };
    case 'pickupIdCard':
      return {
        zh: `终端 ${a.kioskId} 同一身份证取件连续不符，暂停该证件取件至 ${until}`,
        en: `One ID card kept failing at ${a.kioskId}: its pickups paused`,
      };
    case 'pickupIdCardsAtKiosk':
      return {
        zh: `终端 ${a.kioskId} 身份证取件失败过多，暂停该终端身份证取件至 ${until}`,
        en: `Too many failed ID-card pickups at ${a.kioskId}: paused`,
      };
    case 'loginFromSource':
      return {
        zh: `账号 ${a.username} 自 ${a.source} 连续登录失败，暂停该地址登录至 ${until}`,
        en: `Failed logins of ${a.username} from ${a.source}: that address is paused`,
      };
    case 'loginSource':
      return {
        zh: `地址 ${a.source} 尝试多个账号失败，暂停该地址登录至 ${until}`,
        en: `${a.source} tried many accounts: that address is paused`,
      };
    case 'loginAccount':
      return {
        zh: `账号 ${a.username} 被多个地址尝试登录，账号暂时锁定至 ${until}，请核实`,
        en: `${a.username} was guessed from many addresses: the account is locked`,
      };
    default:
      return { zh: `安全告警 ${a.kind}，至 ${until}`, en: a.kind };
  }
}

const POLL_MS = 30_000;

/** Lockouts in force, on every page: staff learn that someone is guessing while it matters. */
export function SecurityAlerts() {
  const [alerts, setAlerts] = useState<Alert[]>([]);
  useEffect(() => {
    let live = true;
    const load = () =>
      getJson<{ items: Alert[] }>('/staff/alerts').then(
        (r) => live && setAlerts(r.items.filter((a) => a.active)),
        () => undefined,
      );
    void load();
    const timer = setInterval(() => void load(), POLL_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, []);
  if (alerts.length === 0) return null;
  return (
    <div className="notice error alerts" role="alert" data-testid="security-alerts">
      <strong>安全告警 Security alerts</strong>
      <ul>
        {alerts.map((a) => {
          const text = describe(a);
          return (
            <li key={a.alertId}>
              {text.zh}
              <br />
              <small>
                {formatTime(a.at)} · {text.en}
              </small>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
