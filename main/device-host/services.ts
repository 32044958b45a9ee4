// DeviceServices: the devices by the role they play for a citizen's journey, with the role names the
// service catalogue uses. Each role says whether it can serve now (and if not, a plain reason code for
// service availability); a role with no device configured is absent. Commands report physical
// outcomes: a card read, a receipt taken, a door that really opened.
import { maskPan } from '../../domain/identity';
import type { BankCard, SocialSecurityCard } from '../../devices/pcsc-reader';
import { DEVICE_ROLES, type DeviceRole } from '../config/roles';
import type { DeviceCondition } from '../ipc/contract';
import { serves } from './conditions';
import type { A4PrinterCommands } from './families/a4-printer';
import type { CameraCommands } from './families/document-camera';
import type { ReceiptPrinterCommands } from './families/escpos-printer';
import type { IdCardCommands } from './families/id-card-reader';
import type { LockerCommands } from './families/locker-board';
import type { CardReaderCommands } from './families/pcsc-reader';
import type { ScannerCommands } from './families/scanner';
import type { BuiltDevice } from './families/types';

/** Why a role cannot serve: the device's condition, or no device configured for it. */
export type RoleReason = DeviceCondition | 'notConfigured';

export interface RoleAvailability {
  role: DeviceRole;
  usable: boolean;
  /** `ready` (or a serving warning like `paperLow`) when usable; otherwise why not. */
  reason: RoleReason;
  deviceId: string | null;
}

export interface Role {
  readonly deviceId: string;
  availability(): RoleAvailability;
  /** Called on every change of the device's status. */
  onAvailability(listener: (a: RoleAvailability) => void): () => void;
}

export type IdCardService = Role & IdCardCommands;
export type ReceiptPrinterService = Role & ReceiptPrinterCommands;
export type A4PrinterService = Role & A4PrinterCommands;
export type ScannerService = Role & ScannerCommands;
export type LockersService = Role & LockerCommands;
export type CameraService = Role & CameraCommands;

interface CardRole<T> extends Role {
  /** Waits for the card and reads it; a card of the other kind is `unsupported`/`wrongCard`. */
  read(opts: { timeoutMs: number; signal?: AbortSignal }): Promise<T>;
  waitRemoved(opts: { timeoutMs: number; signal?: AbortSignal }): Promise<void>;
  cardPresent(): boolean;
}
export type SocialSecurityCardService = CardRole<SocialSecurityCard>;
export type BankCardService = CardRole<BankCardIdentity>;

/**
 * A bank card as the host hands it on: the PAN is there for the host's own use (`pan`, not
 * enumerable) and masked in anything that is serialised, logged or sent to the page.
 */
export interface BankCardIdentity {
  kind: 'bank';
  maskedPan: string;
  expiry: string | null;
  aid: string;
  readonly pan: string;
}

export function protectPan(card: BankCard): BankCardIdentity {
  const out = { kind: 'bank' as const, maskedPan: maskPan(card.pan), expiry: card.expiry, aid: card.aid };
  Object.defineProperty(out, 'pan', { value: card.pan, enumerable: false });
  return out as BankCardIdentity;
}

export interface DeviceServices {
  readonly idCard?: IdCardService;
  readonly socialSecurityCard?: SocialSecurityCardService;
  readonly bankCard?: BankCardService;
  readonly receiptPrinter?: ReceiptPrinterService;
  readonly a4Printer?: A4PrinterService;
  readonly scanner?: ScannerService;
  readonly lockers?: LockersService;
  readonly camera?: CameraService;
  /** Every role of the product, absent ones as `notConfigured`. */
  availability(): RoleAvailability[];
}

type Devices = { device: BuiltDevice; roles: readonly DeviceRole[] }[];

/** The facade over built devices; each role is served by at most one device (site-config checks it). */
export function createDeviceServices(devices: Devices): DeviceServices {
  const byRole = new Map<DeviceRole, BuiltDevice>();
  for (const { device, roles } of devices) for (const r of roles) if (!byRole.has(r)) byRole.set(r, device);
  const services: { -readonly [K in keyof DeviceServices]: DeviceServices[K] } = {
    availability: () =>
      DEVICE_ROLES.map((role) => {
        const d = byRole.get(role);
        return d ? availabilityOf(role, d) : { role, usable: false, reason: 'notConfigured', deviceId: null };
      }),
  };
  for (const [role, device] of byRole) {
    const base = roleBase(role, device);
    switch (role) {
      case 'idCard':
        services.idCard = { ...(device.commands as IdCardCommands), ...base };
        break;
      case 'receiptPrinter':
        services.receiptPrinter = { ...(device.commands as ReceiptPrinterCommands), ...base };
        break;
      case 'a4Printer':
        services.a4Printer = { ...(device.commands as A4PrinterCommands), ...base };
        break;
      case 'scanner':
        services.scanner = { ...(device.commands as ScannerCommands), ...base };
        break;
      case 'lockers':
        services.lockers = { ...(device.commands as LockerCommands), ...base };
        break;
      case 'camera':
        services.camera = { ...(device.commands as CameraCommands), ...base };
        break;
      case 'socialSecurityCard': {
        const c = device.commands as CardReaderCommands;
        services.socialSecurityCard = {
          ...base,
          read: async (opts) => (await c.read({ ...opts, kinds: ['socialSecurity'] })) as SocialSecurityCard,
          waitRemoved: (opts) => c.waitRemoved(opts),
          cardPresent: () => c.cardPresent(),
        };
        break;
      }
      case 'bankCard': {
        const c = device.commands as CardReaderCommands;
        services.bankCard = {
          ...base,
          read: async (opts) => protectPan((await c.read({ ...opts, kinds: ['bank'] })) as BankCard),
          waitRemoved: (opts) => c.waitRemoved(opts),
          cardPresent: () => c.cardPresent(),
        };
        break;
      }
    }
  }
  return services;
}

function roleBase(role: DeviceRole, device: BuiltDevice): Role {
  return {
    deviceId: device.id,
    availability: () => availabilityOf(role, device),
    onAvailability: (listener) => device.onStatus(() => listener(availabilityOf(role, device))),
  };
}

export function availabilityOf(role: DeviceRole, device: BuiltDevice): RoleAvailability {
  const reason = device.condition();
  // A cabinet with one silent board still opens the doors of the others.
  const usable =
    serves(reason) ||
    (role === 'lockers' &&
      reason === 'boardNotAnswering' &&
      Object.values((device.status().detail as { boards?: Record<string, string> }).boards ?? {}).includes(
        'online',
      ));
  return { role, usable, reason, deviceId: device.id };
}
