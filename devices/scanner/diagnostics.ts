/**
 * The scanner's self-tests, in the order the acceptance suite runs them (house style 5.5-12): the
 * link, whether the module keeps its settings, and a code read end to end. Scan text is personal
 * data: a result says whether it matched, never what it was.
 */
import { isDeviceError, type SelfTest } from '../core';
import type { ScanEvent, ScannerDetail } from './driver';

/** What the self-tests need of a scanner, serial or HID. */
export interface TestableScanner {
  readonly status: { readonly current: { health: string; detail: ScannerDetail } };
  /** Configures again (serial) and says which settings the module did not keep. */
  verifySettings?(signal?: AbortSignal): Promise<{ notApplied: string[] }>;
  nextScan(opts: { timeoutMs: number; signal?: AbortSignal }): Promise<ScanEvent>;
}

/** The code the acceptance suite asks to be presented: Chinese text, as a 网证 code carries. */
export const TEST_CODE = '一站测试 YIZHAN-TEST 0123456789';

export const scannerSelfTests: SelfTest<TestableScanner>[] = [
  {
    id: 'scanner.link',
    title: 'diag.scanner.link',
    kind: 'check',
    run({ device }) {
      const s = device.status.current;
      const data = { health: s.health, kind: s.detail.kind, configured: s.detail.configured };
      return Promise.resolve(
        s.health === 'online'
          ? { outcome: 'pass', data }
          : { outcome: 'fail', key: 'diag.scanner.notOnline', data },
      );
    },
  },
  {
    id: 'scanner.settings',
    title: 'diag.scanner.settings',
    kind: 'check',
    async run({ device, signal }) {
      if (!device.verifySettings) return { outcome: 'pass', data: { kind: 'hid' } };
      const { notApplied } = await device.verifySettings(signal);
      // The kiosk still reads such a module (it decodes whatever arrives); a supplier's module must keep them.
      return notApplied.length === 0
        ? { outcome: 'pass' }
        : { outcome: 'fail', key: 'diag.scanner.settingsNotKept', data: { fields: notApplied } };
    },
  },
  {
    id: 'scanner.scan',
    title: 'diag.scanner.scan',
    kind: 'action',
    async run({ device, operator, signal }) {
      const next = device.nextScan({ timeoutMs: operator.patienceMs, ...(signal ? { signal } : {}) });
      next.catch(() => undefined);
      await operator.ask({ kind: 'presentCode', text: TEST_CODE });
      try {
        const scan = await next;
        return scan.text === TEST_CODE
          ? { outcome: 'pass', data: { symbology: scan.symbology } }
          : { outcome: 'fail', key: 'diag.scanner.wrongText', data: { length: scan.text.length } };
      } catch (err) {
        const detail = isDeviceError(err) ? (err.detail ?? err.code) : 'failed';
        return { outcome: 'fail', key: `diag.scanner.${detail}` };
      }
    },
  },
];
