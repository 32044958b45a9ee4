// Loads and checks a kiosk's site configuration: the structure (main/config/host-config), then every
// device against its family (known family, a transport it can use, its own strict options, the roles
// it serves), then the roles the site profile requires. All problems are reported at once, each with
// its path in the file and what was expected there.
import { ConfigError, problemsOf, type ConfigProblem } from '../config/config-error';
import { defaultDevices } from '../config/default-devices';
import { HostConfig, readConfigFile } from '../config/host-config';
import { DEVICE_ROLES, REQUIRED_ROLES, type DeviceRole } from '../config/roles';
import { FAMILY_NAMES, familyOf } from './families';

/** Where the simulated site comes from when no file is given (named in messages and logs). */
export const SIMULATED_SITE = 'the built-in simulated site';

/** Reads `file` (or the simulated site) and checks everything; throws one ConfigError listing every problem. */
export function loadSiteConfig(file: string | undefined): HostConfig {
  const raw = file === undefined ? { devices: defaultDevices() } : readConfigFile(file);
  return parseSiteConfig(raw, file ?? SIMULATED_SITE);
}

export function parseSiteConfig(raw: unknown, source: string): HostConfig {
  const parsed = HostConfig.safeParse(raw);
  if (!parsed.success) throw new ConfigError(source, problemsOf(parsed.error, HostConfig, '', raw));
  const { config, problems } = checkDevices(parsed.data);
  problems.push(...missingRoles(config));
  if (problems.length) throw new ConfigError(source, problems);
  return config;
}

/**
 * Checks each device against its family and returns the configuration with each device's options as
 * its family parsed them (defaults filled in) and its roles spelt out. Required roles are not checked
 * here: the host can build any valid set of devices (tests build one or two).
 */
export function checkDevices(config: HostConfig): { config: HostConfig; problems: ConfigProblem[] } {
  const problems: ConfigProblem[] = [];
  const owners = new Map<DeviceRole, string>();
  const ids = new Set<string>();
  const devices = config.devices.map((d, i) => {
    const at = `devices[${i}] (${d.id})`;
    if (ids.has(d.id)) problems.push({ path: `${at}.id`, expected: `a unique id; "${d.id}" is used twice` });
    ids.add(d.id);
    const family = familyOf(d.family);
    if (!family) {
      problems.push({
        path: `${at}.family`,
        expected: `a known device family, got "${d.family}"; known: ${FAMILY_NAMES.join(', ')}`,
      });
      return d;
    }
    if (!family.transports.includes(d.transport.kind))
      problems.push({
        path: `${at}.transport.kind`,
        expected: `one of ${family.transports.join(', ')} for ${d.family}, got "${d.transport.kind}"`,
      });
    const options = family.options.safeParse(d.options);
    if (!options.success)
      problems.push(...problemsOf(options.error, family.options, `${at}.options`, d.options));
    const roles = d.roles ?? [...family.roles];
    for (const role of roles) {
      if (!family.roles.includes(role))
        problems.push({
          path: `${at}.roles`,
          expected: `roles of ${d.family} (${family.roles.join(', ')}), got "${role}"`,
        });
      const owner = owners.get(role);
      if (owner)
        problems.push({
          path: `${at}.roles`,
          expected: `one device per role: ${role} is already served by ${owner} (list this device's roles to split them)`,
        });
      else owners.set(role, d.id);
    }
    return {
      ...d,
      roles,
      options: options.success ? (options.data as Record<string, unknown>) : d.options,
    };
  });
  return { config: { ...config, devices }, problems };
}

/** The roles the site's profile (or its explicit list) requires and no device serves. */
function missingRoles(config: HostConfig): ConfigProblem[] {
  const required = config.site.requiredRoles ?? REQUIRED_ROLES[config.site.profile];
  const served = new Set(config.devices.flatMap((d) => d.roles ?? []));
  const missing = DEVICE_ROLES.filter((r) => required.includes(r) && !served.has(r));
  if (!missing.length) return [];
  const how = config.site.requiredRoles
    ? 'the roles listed in site.requiredRoles'
    : `every role a ${config.site.profile} site needs (${required.join(', ')})`;
  return [
    {
      path: 'devices',
      expected: `${how}; no device serves ${missing.join(', ')} (configure them, or list the roles this site requires in site.requiredRoles)`,
    },
  ];
}
