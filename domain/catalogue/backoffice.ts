/**
 * What the back office reads from the catalogue: the services it accepts filings for (with the
 * schema of their form and their 秒批 rule), and the catalogue it pushes to kiosks. It knows the
 * shipped library: a kiosk can only file into a service its back office has a definition for.
 */
import type { z } from 'zod';
import { canonicalJson } from '../json';
import { formSchema } from './fields';
import type { InstantRule } from './rules';
import { filesWithBackoffice, type ServiceDefinition } from './service';
import { SERVICE_LIBRARY, SHIPPED_ORDER } from './services';

export interface FilingService {
  serviceId: string;
  nameZh: string;
  nameEn: string;
  /** The schema the kiosk checked the form with before promising anything. */
  form: z.ZodType<Record<string, unknown>>;
  instantRule?: InstantRule;
  resultTemplate?: ServiceDefinition['resultTemplate'];
}

const FILING_SERVICES: ReadonlyMap<string, FilingService> = new Map(
  SERVICE_LIBRARY.filter((s) => filesWithBackoffice(s) && s.form).map((s) => [
    s.serviceId,
    {
      serviceId: s.serviceId,
      nameZh: s.name.zh,
      nameEn: s.name.en,
      form: formSchema(s.form!),
      ...(s.instantRule ? { instantRule: s.instantRule } : {}),
      ...(s.resultTemplate ? { resultTemplate: s.resultTemplate } : {}),
    },
  ]),
);

/** A service that files with the back office, or undefined. */
export const findFilingService = (serviceId: string): FilingService | undefined =>
  FILING_SERVICES.get(serviceId);

/** Every service definition the back office knows (a pushed catalogue may list only these). */
export const findServiceDefinition = (serviceId: string): ServiceDefinition | undefined =>
  SERVICE_LIBRARY.find((s) => s.serviceId === serviceId);

/**
 * What a back office refuses to publish, with the path of each: a service it has no definition for
 * (a kiosk could not file into it), and a filing service whose form, 秒批 rule or result wording is
 * not the back office's own (the kiosk checks forms with the pushed definition, the back office with
 * its own: they must be the same schema, issue #8). Order, themes, wording of guides and steps, and
 * which services are enabled are the site's to choose.
 */
export function unpublishable(catalogue: readonly ServiceDefinition[]): {
  unknown: CatalogueIssue[];
  mismatched: CatalogueIssue[];
} {
  const unknown: CatalogueIssue[] = [];
  const mismatched: CatalogueIssue[] = [];
  catalogue.forEach((pushed, i) => {
    const own = findServiceDefinition(pushed.serviceId);
    if (!own) {
      unknown.push({ path: `catalogue.${i}.serviceId`, message: `unknown service ${pushed.serviceId}` });
      return;
    }
    if (filesWithBackoffice(pushed) !== filesWithBackoffice(own))
      mismatched.push({
        path: `catalogue.${i}.steps`,
        message: filesWithBackoffice(own)
          ? 'this service files with the back office: it needs its submit step'
          : 'this service does not file with the back office: it cannot have a submit step',
      });
    if (!filesWithBackoffice(own)) return;
    for (const key of ['form', 'instantRule', 'resultTemplate'] as const)
      if (!sameJson(pushed[key], own[key]))
        mismatched.push({
          path: `catalogue.${i}.${key}`,
          message: `the ${key} of a service that files is the back office's own: it cannot be changed by a push`,
        });
  });
  return { unknown, mismatched };
}

export interface CatalogueIssue {
  path: string;
  message: string;
}

const sameJson = (a: unknown, b: unknown): boolean => canonicalJson(a) === canonicalJson(b);

/** The catalogue a fresh back office pushes: the shipped hall catalogue, definitions in display order. */
export function catalogueForKiosks(): ServiceDefinition[] {
  return SHIPPED_ORDER.hall.map((id) => findServiceDefinition(id)!);
}
