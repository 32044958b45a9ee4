import type { Logger } from '../../devices/core';
import type { HostConfig } from '../config/host-config';
import type { DeviceStatusDto } from '../ipc/contract';
import type { AppInfo, EventChannel, EventPayload } from '../ipc/contract/channels';
import type { Handlers } from '../ipc/dispatch';
import type { DeviceServices } from '../device-host/services';
import { filingChannels } from './filings';

export interface Host {
  handlers: Handlers;
  onEvent(listener: <C extends EventChannel>(channel: C, payload: EventPayload<C>) => void): () => void;
  stop(): Promise<void>;
}

/** Where device instances come from; main/device-host builds it from the configuration. */
export interface DeviceRegistry {
  /** The devices by role (main/device-host/services.ts); absent in registries built by tests. */
  readonly services?: DeviceServices;
  list(): DeviceStatusDto[];
  onStatus(listener: (s: DeviceStatusDto) => void): () => void;
  stop(): Promise<void>;
}

export interface HostOptions {
  /** Which shell runs this host (the worker reads YIZHAN_SHELL); reported by app:info. */
  shell?: AppInfo['mode'];
  buildRegistry?: (c: HostConfig, l: Logger) => Promise<DeviceRegistry>;
}

export async function createHost(config: HostConfig, log: Logger, opts: HostOptions = {}): Promise<Host> {
  const buildRegistry =
    opts.buildRegistry ??
    (async (c: HostConfig, l: Logger) =>
      (await import('../device-host/registry')).buildRegistry(c, l, { simControl: true }));
  const mode = opts.shell ?? 'electron';
  const registry = await buildRegistry(config, log);
  const link = (await import('../device-host/backoffice-link')).startBackofficeLink(config, registry, log);
  const filings = filingChannels(link?.outbox, log);
  const listeners = new Set<<C extends EventChannel>(channel: C, payload: EventPayload<C>) => void>();
  registry.onStatus((s) => {
    for (const l of listeners) l('devices:status', s);
  });
  filings.onState((s) => {
    for (const l of listeners) l('filings:state', s);
  });
  log.info('host.started', { kioskId: config.kioskId, devices: config.devices.length });
  return {
    handlers: {
      'app:info': () => Promise.resolve({ version: config.version, kioskId: config.kioskId, mode }),
      'devices:list': () => Promise.resolve(registry.list()),
      ...filings.handlers,
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async stop() {
      await link?.stop();
      await registry.stop();
    },
  };
}
