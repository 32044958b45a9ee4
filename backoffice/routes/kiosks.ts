import { randomBytes } from 'node:crypto';
import type { z } from 'zod';
import { iso, sha256Hex, type Ctx } from '../context';
import { appendAudit } from '../domain/audit';
import { unpublishable } from '../../domain/catalogue';
import { ApiError } from '../errors';
import { actorOf, requireKiosk } from '../http/auth';
import { defineRoute, type AnyRoute } from '../http/route';
import * as s from '../schemas';
import { currentConfig } from '../services/site';

type DeviceReport = z.output<typeof s.deviceReport>;

/** Presence from timestamps only: online < 2 intervals, stale < 5, otherwise offline. */
export function presenceOf(
  lastHeartbeatAt: number | null,
  now: number,
  intervalMs: number,
): 'online' | 'stale' | 'offline' {
  if (lastHeartbeatAt === null) return 'offline';
  const age = now - lastHeartbeatAt;
  if (age < 2 * intervalMs) return 'online';
  if (age < 5 * intervalMs) return 'stale';
  return 'offline';
}

type ServiceHealth = z.output<typeof s.serviceHealth>;

/** Offers `serviceId` now: heard from lately, not in a technician's hands, and the service offered. */
function offersNow(
  k: { presence: string; session: string | null; health: ServiceHealth | null },
  serviceId: string,
): boolean {
  return k.presence === 'online' && k.session !== 'maintenance' && !!k.health?.offered.includes(serviceId);
}

/** What a device report says is wrong (its condition, 缺纸 …, else its health); undefined when it serves. */
function faultOf(d: DeviceReport): string | undefined {
  if (d.health === 'online' || d.health === 'busy') return undefined;
  const condition = d.detail.condition;
  return typeof condition === 'string' ? condition : d.health;
}

/** The fault history: a fault opens at the first heartbeat that reports it and closes at the first that does not. */
async function recordFaults(ctx: Ctx, kioskId: string, devices: readonly DeviceReport[]): Promise<void> {
  const now = ctx.clock.now();
  const open = await ctx.db.query<{ id: number; device_id: string; fault: string }>(
    'SELECT id, device_id, fault FROM kiosk_faults WHERE kiosk_id = ? AND until_at IS NULL',
    [kioskId],
  );
  const current = new Map<string, string>();
  for (const d of devices) {
    const f = faultOf(d);
    if (f) current.set(d.deviceId, f);
  }
  for (const o of open)
    if (current.get(o.device_id) !== o.fault)
      await ctx.db.run('UPDATE kiosk_faults SET until_at = ? WHERE id = ?', [now, o.id]);
  for (const [deviceId, fault] of current)
    if (!open.some((o) => o.device_id === deviceId && o.fault === fault))
      await ctx.db.run(
        'INSERT INTO kiosk_faults (kiosk_id, device_id, fault, since_at) VALUES (?, ?, ?, ?)',
        [kioskId, deviceId, fault, now],
      );
}

export function kioskRoutes(ctx: Ctx): AnyRoute[] {
  return [
    defineRoute({
      method: 'POST',
      url: '/kiosks/register',
      operationId: 'registerKiosk',
      summary: 'Register a kiosk (credential shown once)',
      tag: 'kiosks',
      auth: 'enrollment',
      body: s.kioskRegister,
      responses: { 201: s.kioskRegistered },
      async handler({ body }) {
        const credential = randomBytes(32).toString('base64url');
        const now = ctx.clock.now();
        await ctx.db.transaction(async (tx) => {
          // Re-registering (reinstalled kiosk) rotates the credential; the old one stops working.
          await tx.run(
            `INSERT INTO kiosks (kiosk_id, name, site, credential_hash, registered_at) VALUES (?, ?, ?, ?, ?)
             ON CONFLICT (kiosk_id) DO UPDATE SET name = excluded.name, site = excluded.site,
               credential_hash = excluded.credential_hash, registered_at = excluded.registered_at`,
            [body.kioskId, body.name, body.site, sha256Hex(credential), now],
          );
          await appendAudit(tx, now, 'enrollment', 'kiosk.register', body.kioskId, {
            name: body.name,
            site: body.site,
          });
        });
        return { status: 201, body: { kioskId: body.kioskId, credential } };
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/kiosks/:kioskId/heartbeat',
      operationId: 'sendHeartbeat',
      summary: 'Application heartbeat with device health; answers with newer configuration',
      tag: 'kiosks',
      auth: 'none', // checked inside the single UPDATE below (one statement per heartbeat)
      documentedAuth: 'kiosk',
      params: s.kioskParams,
      body: s.heartbeat,
      responses: { 200: s.heartbeatReply },
      async handler({ params, body, headers }) {
        const token = /^Bearer\s+(\S+)$/i.exec(headers.authorization ?? '')?.[1];
        if (!token)
          throw new ApiError(401, 'unauthorized', '未认证或凭据无效 / missing or invalid credentials');
        // One statement authenticates, records the heartbeat and reads the config version.
        const updated = await ctx.db.query<{ version: number | null }>(
          `UPDATE kiosks SET last_heartbeat_at = ?, app_version = ?, config_version = ?, session = ?, devices = ?,
             health = COALESCE(?, health)
           WHERE kiosk_id = ? AND credential_hash = ?
           RETURNING (SELECT version FROM site_config WHERE id = 1) AS version`,
          [
            ctx.clock.now(),
            body.appVersion,
            body.configVersion,
            body.session,
            JSON.stringify(body.devices),
            body.health ? JSON.stringify(body.health) : null,
            params.kioskId,
            sha256Hex(token),
          ],
        );
        if (!updated[0])
          throw new ApiError(401, 'unauthorized', '未认证或凭据无效 / missing or invalid credentials');
        await recordFaults(ctx, params.kioskId, body.devices);
        const version = updated[0].version ?? 0;
        if (body.configVersion >= version) return { status: 200, body: { configVersion: version } };
        return { status: 200, body: { configVersion: version, config: await currentConfig(ctx) } };
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/kiosks/:kioskId/config',
      operationId: 'getKioskConfig',
      summary: 'Remote configuration: catalogue and site settings',
      tag: 'kiosks',
      auth: 'kiosk',
      params: s.kioskParams,
      responses: { 200: s.kioskConfig },
      errors: { 403: ['kioskMismatch'] },
      async handler({ params, principal }) {
        requireKiosk(principal, params.kioskId);
        return { status: 200, body: await currentConfig(ctx) };
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/staff/kiosks',
      operationId: 'listKiosks',
      summary: 'Fleet with presence computed from heartbeat timestamps',
      tag: 'staff',
      auth: 'staff',
      roles: ['technician', 'supervisor'],
      query: s.fleetQuery,
      responses: { 200: s.fleet },
      async handler({ query }) {
        const rows = await ctx.db.query<{
          kiosk_id: string;
          name: string;
          site: string;
          last_heartbeat_at: number | null;
          app_version: string | null;
          config_version: number | null;
          session: string | null;
          devices: string;
          health: string | null;
        }>('SELECT * FROM kiosks ORDER BY kiosk_id');
        const now = ctx.clock.now();
        // Judge kiosks by the interval they were told to keep (the pushed site config), not ours.
        const told = (await currentConfig(ctx)).site.heartbeatIntervalMs;
        const interval = typeof told === 'number' && told >= 1000 ? told : ctx.cfg.heartbeatIntervalMs;
        const items = rows.map((r) => {
          const devices = JSON.parse(r.devices) as DeviceReport[];
          return {
            kioskId: r.kiosk_id,
            name: r.name,
            site: r.site,
            presence: presenceOf(r.last_heartbeat_at, now, interval),
            lastHeartbeatAt: r.last_heartbeat_at === null ? null : iso(r.last_heartbeat_at),
            appVersion: r.app_version,
            configVersion: r.config_version,
            session: r.session,
            devices,
            health: r.health === null ? null : (JSON.parse(r.health) as ServiceHealth),
            faults: devices
              .filter((d) => d.health !== 'online' && d.health !== 'busy')
              .map((d) => ({
                deviceId: d.deviceId,
                family: d.family,
                health: d.health,
                ...(d.lastError ? { lastError: d.lastError.code } : {}),
              })),
          };
        });
        const { canOffer, cannotOffer } = query;
        return {
          status: 200,
          body: items.filter(
            (k) =>
              (canOffer === undefined || offersNow(k, canOffer)) &&
              (cannotOffer === undefined ||
                (!offersNow(k, cannotOffer) &&
                  !!k.health &&
                  (k.health.offered.includes(cannotOffer) ||
                    k.health.notOffered.some((n) => n.serviceId === cannotOffer)))),
          ),
        };
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/staff/kiosks/:kioskId/faults',
      operationId: 'listKioskFaults',
      summary: 'A kiosk’s device faults as its heartbeats reported them, newest first (the last 200)',
      tag: 'staff',
      auth: 'staff',
      roles: ['technician', 'supervisor'],
      params: s.kioskParams,
      responses: { 200: s.kioskFaults },
      async handler({ params }) {
        const rows = await ctx.db.query<{
          device_id: string;
          fault: string;
          since_at: number;
          until_at: number | null;
        }>(
          'SELECT device_id, fault, since_at, until_at FROM kiosk_faults WHERE kiosk_id = ? ORDER BY since_at DESC, id DESC LIMIT 200',
          [params.kioskId],
        );
        return {
          status: 200,
          body: rows.map((r) => ({
            deviceId: r.device_id,
            condition: r.fault,
            since: iso(Number(r.since_at)),
            until: r.until_at === null ? null : iso(Number(r.until_at)),
          })),
        };
      },
    }),
    defineRoute({
      method: 'PUT',
      url: '/staff/config',
      operationId: 'publishConfig',
      summary: 'Publish a new configuration version (kiosks pick it up on their next heartbeat)',
      tag: 'staff',
      auth: 'staff',
      roles: ['technician', 'supervisor'],
      body: s.configUpdate,
      responses: { 200: s.kioskConfig },
      errors: { 400: ['unknownService', 'catalogueMismatch'] },
      async handler({ body, principal }) {
        const now = ctx.clock.now();
        // Kiosks file into what they are shown, and check a form with the definition pushed to them:
        // every service must be one the back office accepts, its form the one it checks with.
        const { unknown, mismatched } = unpublishable(body.catalogue ?? []);
        if (unknown.length > 0)
          throw new ApiError(
            400,
            'unknownService',
            '目录含未知事项 / catalogue has unknown services',
            unknown,
          );
        if (mismatched.length > 0)
          throw new ApiError(
            400,
            'catalogueMismatch',
            '目录中办件事项的表单、秒批规则须与后台一致 / a filing service’s form and rules are the back office’s',
            mismatched,
          );
        await ctx.db.transaction(async (tx) => {
          await tx.lock('yizhan.config');
          const cur = (
            await tx.query<{ version: number; catalogue: string; site: string }>(
              'SELECT version, catalogue, site FROM site_config WHERE id = 1',
            )
          )[0];
          const version = (cur?.version ?? 0) + 1;
          const catalogue = body.catalogue ? JSON.stringify(body.catalogue) : (cur?.catalogue ?? '[]');
          const site = body.site ? JSON.stringify(body.site) : (cur?.site ?? '{}');
          await tx.run(
            `INSERT INTO site_config (id, version, catalogue, site, updated_at) VALUES (1, ?, ?, ?, ?)
             ON CONFLICT (id) DO UPDATE SET version = excluded.version, catalogue = excluded.catalogue,
               site = excluded.site, updated_at = excluded.updated_at`,
            [version, catalogue, site, now],
          );
          await appendAudit(tx, now, actorOf(principal), 'config.publish', 'site', { version });
        });
        return { status: 200, body: await currentConfig(ctx) };
      },
    }),
  ];
}
