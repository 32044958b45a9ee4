import { useState, type FormEvent } from 'react';
import { DEFAULT_LOCKER_BOARD, DEFAULT_LOCKER_PROTOCOL } from '../../../../../domain/lockers';
import { postJson } from '../api';
import { DELIVERY_LABELS, errorText, formatTime } from '../labels';
import type { Filing } from './filing';
import { DOOR_STATE, doorName, emptyDoor, type DoorContent } from './lockers';

interface Assigned {
  pickupCode: string;
  expiresAt: string;
}

/** Assigns a locker door for pickup. The pickup code is shown once and never again. */
export function LockerPanel({ filing, onDone }: { filing: Filing; onDone: () => void }) {
  const [kioskId, setKioskId] = useState(filing.kioskId);
  const [cabinetId, setCabinetId] = useState('A');
  // The product's default cabinet (domain/lockers), as the kiosk's own cabinet defaults to it.
  const [board, setBoard] = useState(String(DEFAULT_LOCKER_BOARD));
  const [door, setDoor] = useState('1');
  const [changeReason, setChangeReason] = useState('');
  const [assigned, setAssigned] = useState<Assigned>();
  // The applicant chose 自助打印 or 邮寄: a door changes how they get the result, so it takes a reason.
  const otherDelivery = filing.delivery.method !== 'locker';
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError('');
    try {
      const r = await postJson<Assigned>(
        `/staff/filings/${encodeURIComponent(filing.filingId)}/locker-assignment`,
        {
          kioskId: kioskId.trim(),
          cabinetId: cabinetId.trim(),
          board: Number(board),
          door: Number(door),
          ...(otherDelivery ? { deliveryChange: { reason: changeReason.trim() } } : {}),
        },
      );
      setAssigned(r);
      onDone();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  const doors: DoorContent[] = filing.lockers ?? [];
  const liveResult = doors.find((d) => d.content === 'result');
  const take = async (d: DoorContent) => {
    if (!window.confirm(`${doorName(d)}：确认已从柜门取出？`)) return;
    setError('');
    try {
      await emptyDoor(d, d.expired ? '超期未取，取回窗口' : '工作人员取回');
      setAssigned(undefined);
      onDone();
    } catch (err) {
      setError(errorText(err));
    }
  };

  return (
    <div className="card" data-testid="locker-panel">
      <h3>智能柜 Locker</h3>
      {doors.length > 0 && (
        <ul className="doors" data-testid="filing-doors">
          {doors.map((d) => (
            <li key={d.id}>
              <span className="mono">
                {d.kioskId} {doorName(d)}
              </span>{' '}
              {DOOR_STATE[d.state]}
              {d.expiresAt ? `，有效期至 ${formatTime(d.expiresAt)}` : ''}
              {d.expired && <strong> 已超期 Expired</strong>}{' '}
              <button type="button" onClick={() => void take(d)}>
                {d.content === 'deposit' ? '已取出 Retrieved' : '取回 Withdraw'}
              </button>
            </li>
          ))}
        </ul>
      )}
      {assigned ? (
        <div className="pickup" role="status">
          <p>取件码（仅显示一次，请通过短信告知申请人）/ Pickup code, shown once:</p>
          <p className="code" data-testid="pickup-code">
            {assigned.pickupCode}
          </p>
          <p className="muted">有效期至 Valid until {formatTime(assigned.expiresAt)}</p>
        </div>
      ) : filing.status === 'resultReady' && !liveResult ? (
        <form onSubmit={(e) => void submit(e)}>
          {otherDelivery && (
            <div className="notice warn" role="alert" data-testid="delivery-warning">
              申请人选择的取件方式为「{DELIVERY_LABELS[filing.delivery.method] ?? filing.delivery.method}」。
              放入智能柜将改为智能柜领取，申请人不能再自助打印；请注明原因（如已电话征得同意）。
              <br />
              <small>
                The applicant chose {filing.delivery.method}: a door changes the delivery to locker.
              </small>
              <label>
                改为柜取原因 Reason for the change
                <input value={changeReason} onChange={(e) => setChangeReason(e.target.value)} required />
              </label>
            </div>
          )}
          <label>
            终端 Kiosk
            <input value={kioskId} onChange={(e) => setKioskId(e.target.value)} required />
          </label>
          <div className="inline">
            <label>
              柜号 Cabinet
              <input value={cabinetId} onChange={(e) => setCabinetId(e.target.value)} required />
            </label>
            <label
              title={`默认柜体：${DEFAULT_LOCKER_PROTOCOL.toUpperCase()} 协议，${DEFAULT_LOCKER_BOARD} 号板`}
            >
              板号 Board
              <input
                type="number"
                min={0}
                max={255}
                value={board}
                onChange={(e) => setBoard(e.target.value)}
              />
            </label>
            <label>
              门号 Door
              <input type="number" min={0} max={255} value={door} onChange={(e) => setDoor(e.target.value)} />
            </label>
          </div>
          <p className="muted" data-testid="default-cabinet">
            默认柜体：{DEFAULT_LOCKER_PROTOCOL.toUpperCase()} 协议，{DEFAULT_LOCKER_BOARD} 号板起 / Default
            cabinet: {DEFAULT_LOCKER_PROTOCOL.toUpperCase()}, boards from {DEFAULT_LOCKER_BOARD}
          </p>
          <button
            type="submit"
            className="primary"
            disabled={busy || (otherDelivery && !changeReason.trim())}
          >
            {otherDelivery ? '改为柜取并分配 Change and assign' : '分配柜门 Assign door'}
          </button>
        </form>
      ) : liveResult ? null : (
        <p className="muted">结果文书出具后可分配柜门 / Available once the result is ready</p>
      )}
      {error && (
        <p className="notice error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
