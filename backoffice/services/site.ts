import type { z } from 'zod';
import type { Ctx } from '../context';
import { catalogueForKiosks } from '../../domain/catalogue';
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

/** Seeds configuration version 1 from the built-in catalogue on a fresh database. */
export async function seedConfig(ctx: Ctx): Promise<void> {
  await ctx.db.run(
    'INSERT INTO site_config (id, version, catalogue, site, updated_at) VALUES (1, 1, ?, ?, ?) ON CONFLICT DO NOTHING',
    [JSON.stringify(catalogueForKiosks()), JSON.stringify(ctx.cfg.site), ctx.clock.now()],
  );
}
