import Database from 'better-sqlite3';
import { z } from 'zod';
import { Emitter, sleep, type Logger } from '../../devices/core';
import { BackofficeClient, Outbox, type KioskConfig } from '../backend';
import type { KioskServiceHealth } from '../backend/types';
import type { HostConfig } from '../config/host-config';
import type { DeviceRegistry } from '../host/host';

export interface BackofficeLink {
  outbox: Outbox;
  client: BackofficeClient;
  /** Every configuration the back office pushes (the first heartbeat of each start gets one). */
  onConfig(listener: (config: KioskConfig) => void): () => void;
  /** Something the heartbeat reports changed (a session began or ended): report it now. */
  wake(): void;
  stop(): Promise<void>;
}

export interface BackofficeLinkOptions {
  /** What the terminal is doing, for the fleet page: serving a citizen, or idle. */
  session?: () => 'idle' | 'serving' | 'maintenance';
  /** The self-check and the services offered now, reported with every heartbeat. */
  health?: () => KioskServiceHealth | undefined;
}

/**
 * The kiosk's connection to its back office: an application heartbeat that carries every device's
 * health (so the fleet page shows "online but cannot serve", not just "reachable"), and the durable
 * outbox's drain loop. A dead network only delays both; nothing here throws into the host.
 */
export function startBackofficeLink(
  config: HostConfig,
  registry: DeviceRegistry,
  log: Logger,
  opts: BackofficeLinkOptions = {},
): BackofficeLink | undefined {
  const { url, credential } = config.backoffice;
  if (!url || !credential) {
    log.warn('backoffice.notConfigured', { kioskId: config.kioskId });
    return undefined;
  }
  const client = new BackofficeClient({
    baseUrl: url,
    timeoutMs: 10_000,
    kioskId: config.kioskId,
    credential,
  });
  const outbox = new Outbox({
    dataDir: config.dataDir,
    openDatabase: (file) => new Database(file),
    client,
    logger: log,
  });
  const stopping = new AbortController();
  const drained = outbox.drain(stopping.signal).catch((err: unknown) => {
    if (!stopping.signal.aborted) log.error('outbox.drainStopped', { error: String(err) });
  });
  const configs = new Emitter<{ config: KioskConfig }>();
  const beat: Beat = {
    session: opts.session ?? (() => 'idle'),
    health: opts.health ?? (() => undefined),
    configs,
    wake: () => undefined,
  };
  const beating = heartbeatLoop(client, outbox, config, registry, log, stopping.signal, beat);
  return {
    outbox,
    client,
    onConfig: (listener) => configs.on('config', listener),
    wake: () => beat.wake(),
    async stop() {
      stopping.abort();
      await Promise.allSettled([drained, beating]);
      outbox.close();
    },
  };
}

/** Pushed limits are checked before use: a zero or a missing field would refuse every filing. */
const PushedLimits = z.object({
  maxMaterialBytes: z.number().int().positive(),
  maxFilingBytes: z.number().int().positive(),
});

/** What the heartbeat loop shares with the link: the session it reports, pushed configurations, a wake-up. */
interface Beat {
  session: () => 'idle' | 'serving' | 'maintenance';
  health: () => KioskServiceHealth | undefined;
  configs: Emitter<{ config: KioskConfig }>;
  wake: () => void;
}

async function heartbeatLoop(
  client: BackofficeClient,
  outbox: Outbox,
  config: HostConfig,
  registry: DeviceRegistry,
  log: Logger,
  signal: AbortSignal,
  beat: Beat,
): Promise<void> {
  // 0 = none yet: the first heartbeat of every start gets the full configuration, limits included.
  let configVersion = 0;
  let intervalMs = config.heartbeatIntervalMs;
  let failures = 0;
  let reached = false;
  // A device that changes what it can do (comes online, runs out of paper) is reported at once, not
  // at the next interval: staff see the fleet as it is. At most one extra heartbeat per second.
  // A session beginning or ending is reported at once too: the fleet page shows who is being served.
  const summary = () =>
    `${beat.session()};${
      beat
        .health()
        ?.notOffered.map((n) => n.serviceId)
        .join(',') ?? ''
    };${registry
      .list()
      .map((d) => `${d.deviceId}:${d.health}:${d.condition ?? ''}`)
      .join(',')}`;
  let sent = '';
  let wake: (() => void) | undefined;
  beat.wake = () => {
    if (summary() !== sent) wake?.();
  };
  const offStatus = registry.onStatus(() => beat.wake());
  signal.addEventListener('abort', () => offStatus(), { once: true });
  while (!signal.aborted) {
    sent = summary();
    const startedAt = Date.now();
    const health = beat.health();
    try {
      const reply = await client.heartbeat(
        {
          sentAt: new Date().toISOString(),
          appVersion: config.version,
          configVersion,
          session: beat.session(),
          ...(health ? { health } : {}),
          devices: registry.list().map((d) => ({
            deviceId: d.deviceId,
            family: d.family,
            health: d.health,
            // The back office keeps detail as it comes: the condition travels in it, so the fleet page
            // names it (缺纸, 开盖 …) instead of a bare health.
            detail: { ...d.detail, ...(d.condition ? { condition: d.condition } : {}) },
            ...(d.lastError
              ? {
                  lastError: {
                    code: d.lastError.code,
                    ...(d.lastError.detail ? { detail: d.lastError.detail } : {}),
                  },
                }
              : {}),
          })),
        },
        signal,
      );
      if (failures > 0) log.info('heartbeat.restored', { afterFailures: failures });
      // The back office answers (again, or for the first time since this start): filings waiting
      // out a backoff from an outage need not wait any longer.
      if (failures > 0 || !reached) outbox.retryNow();
      reached = true;
      failures = 0;
      if (reply.config) {
        configVersion = reply.config.version;
        const site = reply.config.site;
        if (typeof site.heartbeatIntervalMs === 'number' && site.heartbeatIntervalMs >= 1000)
          intervalMs = site.heartbeatIntervalMs;
        const limits = PushedLimits.safeParse(reply.config.limits);
        if (limits.success) outbox.setLimits(limits.data);
        else log.warn('config.badLimits', { version: configVersion });
        log.info('config.received', {
          version: configVersion,
          ...(limits.success ? { limits: limits.data } : {}),
        });
        beat.configs.emit('config', reply.config);
      }
    } catch (err) {
      if (signal.aborted) return;
      // Logged on the first failure and then every 20th, so a long outage does not flood the log.
      if (failures++ % 20 === 0)
        log.warn('heartbeat.failed', { error: err instanceof Error ? err.message : String(err), failures });
    }
    if (summary() === sent)
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, intervalMs);
        function done() {
          clearTimeout(timer);
          signal.removeEventListener('abort', done);
          wake = undefined;
          resolve();
        }
        wake = done;
        signal.addEventListener('abort', done, { once: true });
      });
    await sleep(Math.max(0, 1000 - (Date.now() - startedAt)), signal).catch(() => undefined);
  }
}
