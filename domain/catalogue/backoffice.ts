/**
 * What the back office reads from the catalogue: the services it accepts filings for (with the
 * schema of their form and their 秒批 rule), and the catalogue it pushes to kiosks. It knows the
 * shipped library: a kiosk can only file into a service its back office has a definition for.
 */
import type { z } from 'zod';
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

/** The catalogue a fresh back office pushes: the shipped hall catalogue, definitions in display order. */
export function catalogueForKiosks(): ServiceDefinition[] {
  return SHIPPED_ORDER.hall.map((id) => findServiceDefinition(id)!);
}
