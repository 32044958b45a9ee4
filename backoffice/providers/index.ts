import { z } from 'zod';
import type { Clock } from '../context';
import { HttpCitizenData } from './http';
import type { CitizenDataProvider } from './provider';
import { SimulatedCitizenData } from './simulated';

export { HttpCitizenData, type HttpCitizenDataOptions } from './http';
export {
  AppointmentRefused,
  CodeRefused,
  ProviderUnavailable,
  describeProvider,
  type CitizenDataProvider,
  type Person,
  type ProviderDescription,
} from './provider';
export { SimulatedCitizenData, SIMULATED_CODES, SIMULATED_NO_RECORDS } from './simulated';

/** How a JSON configuration file names the provider (the CLI's `--config`). */
export const citizenDataSpec = z.union([
  z.object({ simulated: z.object({ down: z.boolean().optional() }).strict() }).strict(),
  z
    .object({
      http: z
        .object({
          baseUrl: z.url(),
          token: z.string().min(1).optional(),
          timeoutMs: z.number().int().min(100).max(60_000).optional(),
        })
        .strict(),
    })
    .strict(),
]);
export type CitizenDataSpec = z.input<typeof citizenDataSpec>;

/** The configured provider: an object passed in, one described in JSON, or the simulated default. */
export function citizenDataFrom(
  given: CitizenDataProvider | CitizenDataSpec | undefined,
  clock: Clock,
  themes: readonly string[],
): CitizenDataProvider {
  if (given && 'socialInsurance' in given) return given;
  const spec = citizenDataSpec.parse(given ?? { simulated: {} });
  if ('http' in spec) return new HttpCitizenData(spec.http);
  return new SimulatedCitizenData({ clock, themes, down: spec.simulated.down ?? false });
}
