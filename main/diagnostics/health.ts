// The boot self-check (and every later check): each device's usability by the roles it serves, the
// back office, and which services can be offered — by the one rule the session uses to list them
// (domain/catalogue `availability`, through the runner's catalogue view). A status slip says the same
// on paper for the technician who switched the kiosk on.
import { receipt, type ReceiptDocument } from '../../devices/escpos-printer';
import { formatDateTime } from '../../domain/time';
import { CONDITION_LABELS, serves } from '../device-host/conditions';
import type { CatalogueView } from '../ipc/contract/flow';
import type { HealthReport } from '../ipc/contract/diagnostics';
import type { ConfiguredDevice } from './devices';

export interface HealthInputs {
  devices: readonly ConfiguredDevice[];
  /** The catalogue as the page lists it now (available or not, with the missing roles). */
  catalogue: () => CatalogueView;
  /** Asks the back office something harmless; resolves on an answer, rejects with why not. */
  probeBackoffice?: () => Promise<void>;
  backofficeKind: HealthReport['backoffice']['kind'];
  now: () => number;
  monotonic: () => number;
}

export async function checkHealth(i: HealthInputs, reason: HealthReport['reason']): Promise<HealthReport> {
  const devices = i.devices.map(({ device, roles }) => {
    const condition = device.condition();
    const problem = device.linkProblem()?.detail ?? device.linkProblem()?.code;
    return {
      deviceId: device.id,
      family: device.family,
      roles: [...roles],
      usable: serves(condition),
      health: device.status().health,
      condition,
      ...(problem ? { problem } : {}),
    };
  });
  let backoffice: HealthReport['backoffice'] = { kind: i.backofficeKind, reachable: false };
  if (i.probeBackoffice) {
    const started = i.monotonic();
    try {
      await i.probeBackoffice();
      backoffice = {
        kind: i.backofficeKind,
        reachable: true,
        latencyMs: Math.round(i.monotonic() - started),
      };
    } catch (err) {
      const kind = (err as { kind?: string }).kind;
      backoffice = { kind: i.backofficeKind, reachable: false, problem: kind ?? 'network' };
    }
  }
  const services = i.catalogue().services.map((s) => ({
    serviceId: s.serviceId,
    title: s.name,
    available: s.available,
    missing: s.missing ?? [],
  }));
  const offered = services.filter((s) => s.available).length;
  const verdict: HealthReport['verdict'] =
    offered === 0
      ? 'down'
      : offered < services.length || devices.some((d) => !d.usable) || !backoffice.reachable
        ? 'degraded'
        : 'ok';
  return { at: i.now(), reason, devices, backoffice, services, slip: 'notRequested', verdict };
}

const VERDICT = {
  ok: '正常 OK',
  degraded: '部分服务暂停 DEGRADED',
  down: '暂停服务 OUT OF SERVICE',
} as const;

/** The status slip: what a technician reads at the kiosk after switching it on. No personal data. */
export function statusSlip(r: HealthReport, kioskId: string, timeZone?: string): ReceiptDocument {
  const blocks: ReceiptDocument['blocks'] = [
    receipt.title('自检报告'),
    receipt.text('SELF-CHECK', { align: 'center' }),
    receipt.rule('double'),
    receipt.keyValue('终端 Kiosk', kioskId),
    receipt.keyValue(
      '时间 Time',
      formatDateTime(new Date(r.at), { seconds: true, ...(timeZone ? { timeZone } : {}) }),
    ),
    receipt.keyValue('结论 Verdict', VERDICT[r.verdict]),
    receipt.rule(),
  ];
  for (const d of r.devices)
    blocks.push(
      receipt.keyValue(
        `${d.usable ? 'OK' : '!!'} ${d.deviceId}`,
        CONDITION_LABELS[d.condition].split(' ')[0]!,
      ),
    );
  blocks.push(
    receipt.keyValue(
      `${r.backoffice.reachable ? 'OK' : '!!'} 后台 back office`,
      r.backoffice.reachable
        ? `${r.backoffice.latencyMs ?? 0} ms`
        : (r.backoffice.problem ?? r.backoffice.kind),
    ),
    receipt.rule(),
  );
  const off = r.services.filter((s) => !s.available);
  blocks.push(receipt.keyValue('可办服务 Offered', `${r.services.length - off.length}/${r.services.length}`));
  for (const s of off) blocks.push(receipt.text(`!! ${s.title.zh}（缺 ${s.missing.join(', ')}）`));
  blocks.push(receipt.feed(2), receipt.cut());
  return { blocks };
}
