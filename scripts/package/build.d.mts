export interface BuiltPackage {
  file: string;
  modules: number;
  bytes: number;
}
export function buildPackages(opts?: {
  out?: string;
  version?: string;
  only?: 'kiosk' | 'backoffice';
  fast?: boolean;
}): Promise<{ epoch: number; version: string; built: { kiosk?: BuiltPackage; backoffice?: BuiltPackage } }>;
