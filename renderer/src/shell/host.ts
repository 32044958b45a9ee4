// What the shell needs of the host: the session's channels of window.kiosk, and nothing else. The
// harness gives a fake of the same shape, so screens are driven from fixed views.
import type { DeviceStatusDto, Result } from '../../../main/ipc/contract';
import type {
  CaptureInput,
  CatalogueView,
  FlowInput,
  FlowView,
  SessionEnded,
} from '../../../main/ipc/contract/flow';
import { kioskApi } from '../api/kiosk';
import type { DiagApi } from '../diagnostics/api';

export interface KioskHost {
  catalogue(): Promise<Result<CatalogueView>>;
  start(): Promise<Result<FlowView>>;
  send(input: FlowInput): Promise<Result<FlowView>>;
  back(): Promise<Result<FlowView>>;
  cancel(): Promise<Result<FlowView>>;
  extend(): Promise<Result<FlowView>>;
  capture(input: CaptureInput): Promise<Result<FlowView>>;
  onView(listener: (view: FlowView) => void): () => void;
  onEnded(listener: (ended: SessionEnded) => void): () => void;
  devices(): Promise<Result<DeviceStatusDto[]>>;
  onDeviceStatus(listener: (status: DeviceStatusDto) => void): () => void;
  /** The page can receive events now (the shell queues them until then). */
  ready(): void;
  /** The technician's channels: the hidden corner on the attract screen and 暂停服务 (absent in harnesses). */
  diag?: DiagApi;
}

export function kioskHost(): KioskHost {
  const api = kioskApi();
  return {
    catalogue: () => api.catalogue.list(),
    start: () => api.session.start(),
    send: (input) => api.flow.send({ input }),
    back: () => api.flow.back(),
    cancel: () => api.session.cancel(),
    extend: () => api.session.extend(),
    capture: (input) => api.flow.capture(input),
    onView: (l) => api.flow.onView(l),
    onEnded: (l) => api.session.onEnded(l),
    devices: () => api.devices.list(),
    onDeviceStatus: (l) => api.devices.onStatus(l),
    ready: () => api.ready(),
    diag: api.diag,
  };
}
