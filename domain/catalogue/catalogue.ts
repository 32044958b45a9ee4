/**
 * A site's catalogue: the services enabled on this kiosk, in display order, each under its theme.
 * The back office pushes it in the kiosk configuration (`config.catalogue`: an array of service
 * definitions, the site's order); `site.profile` says which profile the kiosk runs. The kiosk
 * validates what it receives and falls back to the catalogue it ships, with the reason.
 */
import { z } from 'zod';
import { boundedBefore } from '../json';
import { ServiceDefinition } from './service';
import { SERVICE_LIBRARY, SHIPPED_ORDER } from './services';
import { Profile, type ThemeId } from './vocabulary';

export interface Catalogue {
  profile: Profile;
  /** Where it came from: the back office, or the version shipped with the kiosk. */
  source: 'pushed' | 'shipped';
  /** Enabled services in display order. */
  services: readonly ServiceDefinition[];
  /** Themes in display order (of their first service). */
  themes: readonly ThemeId[];
}

const themesOf = (services: readonly ServiceDefinition[]): ThemeId[] => [
  ...new Set(services.map((s) => s.theme)),
];

export function shippedCatalogue(profile: Profile): Catalogue {
  const services = SHIPPED_ORDER[profile].map((id) => SERVICE_LIBRARY.find((s) => s.serviceId === id)!);
  return { profile, source: 'shipped', services, themes: themesOf(services) };
}

/**
 * Bounds of a pushed catalogue, checked before the definitions are parsed: guards nest (`not`,
 * `all`, `any`), so a hostile push of 100,000 nested guards must be refused, not recursed into.
 */
export const CATALOGUE_BOUNDS = { maxDepth: 24, maxSize: 2_000_000 } as const;

/** The pushed form: definitions in the site's order, each service once. */
const PushedList = z
  .array(ServiceDefinition)
  .min(1)
  .max(200)
  .superRefine((list, ctx) => {
    const ids = list.map((s) => s.serviceId);
    ids.forEach((id, i) => {
      if (ids.indexOf(id) !== i)
        ctx.addIssue({ code: 'custom', path: [i, 'serviceId'], message: `duplicate service ${id}` });
    });
  });
export const PushedCatalogue = boundedBefore(CATALOGUE_BOUNDS, PushedList);
export type PushedCatalogue = z.output<typeof PushedList>;

export interface ParsedCatalogue {
  catalogue: Catalogue;
  /** Why the shipped catalogue is used instead of the pushed one (for the technician's log). */
  fallback?: { reason: 'notPushed' | 'invalid' | 'emptyForProfile'; issues: string[] };
  /** Pushed services left out because they are not offered in this profile. */
  skipped: string[];
}

/**
 * Validates a pushed catalogue for a kiosk of `profile`. One city catalogue can be pushed to every
 * kiosk: services not offered in this profile are skipped, not errors. Anything invalid rejects the
 * whole push (a half-applied catalogue would reorder or hide services unpredictably).
 */
export function parseCatalogue(raw: unknown, profile: Profile): ParsedCatalogue {
  const shipped = shippedCatalogue(profile);
  if (raw === undefined || raw === null || (Array.isArray(raw) && raw.length === 0))
    return { catalogue: shipped, fallback: { reason: 'notPushed', issues: [] }, skipped: [] };
  const parsed = PushedCatalogue.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues
      .slice(0, 20)
      .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    return { catalogue: shipped, fallback: { reason: 'invalid', issues }, skipped: [] };
  }
  const services = parsed.data.filter((s) => s.profiles.includes(profile));
  const skipped = parsed.data.filter((s) => !s.profiles.includes(profile)).map((s) => s.serviceId);
  if (services.length === 0)
    return { catalogue: shipped, fallback: { reason: 'emptyForProfile', issues: [] }, skipped };
  return { catalogue: { profile, source: 'pushed', services, themes: themesOf(services) }, skipped };
}

/** The profile a site configuration names (`site.profile`), `hall` when it names none or garbage. */
export const profileOfSite = (site: unknown): Profile =>
  Profile.safeParse((site as { profile?: unknown } | null | undefined)?.profile).data ?? 'hall';

export const findService = (catalogue: Catalogue, serviceId: string): ServiceDefinition | undefined =>
  catalogue.services.find((s) => s.serviceId === serviceId);
