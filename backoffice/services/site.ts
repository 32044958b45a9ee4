import type { z } from 'zod';
import type { Ctx } from '../context';
import { appendAudit } from '../domain/audit';
import {
  PushedCatalogue,
  catalogueForKiosks,
  findServiceDefinition,
  type ServiceDefinition,
} from '../../domain/catalogue';
import type { kioskConfig } from '../schemas';

type Config = z.output<typeof kioskConfig>;

/** The configuration kiosks receive: the published catalogue and site settings, and the service's limits. */
export async function currentConfig(ctx: Ctx): Promise<Config> {
  const rows = await ctx.db.query<{ version: number; catalogue: string; site: string }>(
    'SELECT version, catalogue, site FROM site_config WHERE id = 1',
  );
  const r = rows[0];
  const limits = { maxMaterialBytes: ctx.cfg.maxMaterialBytes, maxFilingBytes: ctx.cfg.maxFilingBytes };
  if (!r) return { version: 0, catalogue: [], site: {}, limits };
  return {
    version: r.version,
    catalogue: JSON.parse(r.catalogue) as Config['catalogue'],
    site: JSON.parse(r.site) as Config['site'],
    limits,
  };
}

/** The published site settings (hall name, heartbeat interval, queue themes, …). */
export async function currentSite(ctx: Ctx): Promise<Record<string, unknown>> {
  const rows = await ctx.db.query<{ site: string }>('SELECT site FROM site_config WHERE id = 1');
  return rows[0] ? (JSON.parse(rows[0].site) as Record<string, unknown>) : ctx.cfg.site;
}

/**
 * Seeds configuration version 1 from the built-in catalogue on a fresh database, and upgrades a
 * catalogue published in the earlier entry format (`{serviceId, nameZh, nameEn}`, which kiosks can
 * only refuse) to the definitions of the same services in the same order, as a new version.
 */
export async function seedConfig(ctx: Ctx): Promise<void> {
  await ctx.db.run(
    'INSERT INTO site_config (id, version, catalogue, site, updated_at) VALUES (1, 1, ?, ?, ?) ON CONFLICT DO NOTHING',
    [JSON.stringify(catalogueForKiosks()), JSON.stringify(ctx.cfg.site), ctx.clock.now()],
  );
  await ctx.db.transaction(async (tx) => {
    await tx.lock('yizhan.config');
    const cur = (
      await tx.query<{ version: number; catalogue: string }>(
        'SELECT version, catalogue FROM site_config WHERE id = 1',
      )
    )[0];
    if (!cur) return;
    const stored: unknown = JSON.parse(cur.catalogue);
    if (PushedCatalogue.safeParse(stored).success) return;
    const upgraded = upgradeCatalogue(stored);
    const now = ctx.clock.now();
    await tx.run('UPDATE site_config SET version = ?, catalogue = ?, updated_at = ? WHERE id = 1', [
      cur.version + 1,
      JSON.stringify(upgraded),
      now,
    ]);
    await appendAudit(tx, now, 'system:config', 'config.upgrade', 'site', {
      version: cur.version + 1,
      services: upgraded.map((s) => s.serviceId),
    });
  });
}

/** The definitions of the services an earlier catalogue listed, in its order; the shipped one if none is known. */
export function upgradeCatalogue(stored: unknown): ServiceDefinition[] {
  const ids = Array.isArray(stored)
    ? stored
        .map((e) => (e as { serviceId?: unknown } | null)?.serviceId)
        .filter((id) => typeof id === 'string')
    : [];
  const known = [...new Set(ids)].map(findServiceDefinition).filter((d) => d !== undefined);
  return known.length > 0 ? known : catalogueForKiosks();
}
