// The real back office with the staff console mounted, plus a kiosk that has filed a few
// applications and sent a heartbeat with a faulty printer, for the console end-to-end tests.
import { BackofficeClient } from '../../main/backend';
import { registerConsole } from '../../backoffice/console';
import { planFiling } from './outbox-plan';
import { registerKiosk, startService, type TestService } from './outbox-service';

export const CONSOLE_KIOSK = 'hall-01';

export interface ConsoleFixture {
  service: TestService;
  kiosk: BackofficeClient;
  kioskCredential: string;
  filings: { filingId: string; trackingNumber: string; applicantName: string; idNumber: string }[];
  /** Sends the kiosk's heartbeat now (online, its receipt printer out of paper), as a live kiosk would. */
  heartbeat(): Promise<void>;
}

export async function startConsoleFixture(dir: string): Promise<ConsoleFixture> {
  const service = await startService({
    dir,
    decorate: (app) => registerConsole(app),
  });
  const credential = await registerKiosk(service.url, CONSOLE_KIOSK, '市民中心一楼自助机');
  const kiosk = new BackofficeClient({
    baseUrl: service.url,
    kioskId: CONSOLE_KIOSK,
    credential,
    timeoutMs: 10_000,
  });
  const filings: ConsoleFixture['filings'] = [];
  // 0: accept → approve → generated result → locker; 1: uploaded result; 2: rated;
  // 3: rejected; 4: asked for more + papers deposited in a locker.
  for (let i = 0; i < 5; i++) {
    const plan = planFiling(99, i);
    const { filing } = await kiosk.createFiling(
      {
        serviceId: plan.serviceId,
        kioskId: CONSOLE_KIOSK,
        applicant: plan.applicant,
        form: plan.form,
        // 1 is printed at a kiosk (自助打印): its result reaches a kiosk only with the applicant there.
        delivery: i === 1 ? { method: 'print' } : plan.delivery,
      },
      `console-e2e-${i}-idempotency`,
    );
    for (const m of plan.materials) await kiosk.uploadMaterial(filing.filingId, m);
    filings.push({
      filingId: filing.filingId,
      trackingNumber: filing.trackingNumber,
      applicantName: plan.applicant.name,
      idNumber: plan.applicant.idNumber,
    });
  }
  await kiosk.rate(filings[2]!.filingId, { level: 2, options: ['longWait'], text: '排队等待时间太长' });
  const heartbeat = async () => {
    await kiosk.heartbeat({
      sentAt: new Date().toISOString(),
      appVersion: '0.1.0',
      configVersion: 0,
      session: 'idle',
      devices: [
        { deviceId: 'id-reader', family: 'id-card-reader', health: 'online', detail: {} },
        {
          deviceId: 'receipt-printer',
          family: 'escpos-printer',
          health: 'hardwareError',
          detail: { paper: 'out', coverOpen: false },
          lastError: { code: 'hardware', detail: 'paperOut' },
        },
      ],
      // The printer's fault holds back what prints a slip (the kiosk's availability rule says so).
      health: {
        checkedAt: new Date().toISOString(),
        verdict: 'degraded',
        offered: ['document-dropoff'],
        notOffered: [{ serviceId: 'queue-ticket', missing: ['receiptPrinter'] }],
      },
    });
  };
  await heartbeat();
  return { service, kiosk, kioskCredential: credential, filings, heartbeat };
}

export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
