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
          `UPDATE kiosks SET last_heartbeat_at = ?, app_version = ?, config_version = ?, session = ?, devices = ?
           WHERE kiosk_id = ? AND credential_hash = ?
           RETURNING (SELECT version FROM site_config WHERE id = 1) AS version`,
          [
            ctx.clock.now(),
            body.appVersion,
            body.configVersion,
            body.session,
            JSON.stringify(body.devices),
            params.kioskId,
            sha256Hex(token),
          ],
        );
        if (!updated[0])
          throw new ApiError(401, 'unauthorized', '未认证或凭据无效 / missing or invalid credentials');
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
      responses: { 200: s.fleet },
      async handler() {
        const rows = await ctx.db.query<{
          kiosk_id: string;
          name: string;
          site: string;
          last_heartbeat_at: number | null;
          app_version: string | null;
          config_version: number | null;
          session: string | null;
          devices: string;
        }>('SELECT * FROM kiosks ORDER BY kiosk_id');
        const now = ctx.clock.now();
        // Judge kiosks by the interval they were told to keep (the pushed site config), not ours.
        const told = (await currentConfig(ctx)).site.heartbeatIntervalMs;
        const interval = typeof told === 'number' && told >= 1000 ? told : ctx.cfg.heartbeatIntervalMs;
        return {
          status: 200,
          body: rows.map((r) => {
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
              faults: devices
                .filter((d) => d.health !== 'online' && d.health !== 'busy')
                .map((d) => ({
                  deviceId: d.deviceId,
                  family: d.family,
                  health: d.health,
                  ...(d.lastError ? { lastError: d.lastError.code } : {}),
                })),
            };
          }),
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
