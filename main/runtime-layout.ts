import { fileURLToPath } from 'node:url';

/**
 * Where the product's other parts are, seen from the running code: the TypeScript sources under tsx
 * (development), or the bundles of scripts/bundle.mjs, where every module sits in dist/cli/ beside
 * host.mjs, with the pages prebuilt in dist/renderer/ and dist/console/.
 */
export interface RuntimeLayout {
  from: 'source' | 'bundle';
  /** The device host's entry and the Node flags it needs. */
  hostWorker: { script: string; execArgv: string[] };
  /** The kiosk pages, prebuilt; from source they are built with Vite at start. */
  rendererDir?: string;
  /** The staff console, prebuilt; from source it is built with Vite on first use. */
  consoleDir?: string;
}

export function runtimeLayout(moduleUrl: string = import.meta.url): RuntimeLayout {
  const at = (rel: string) => fileURLToPath(new URL(rel, moduleUrl));
  // Source modules are .ts files; bundles are .mjs.
  if (moduleUrl.endsWith('.ts'))
    return { from: 'source', hostWorker: { script: at('./host/worker.ts'), execArgv: ['--import', 'tsx'] } };
  return {
    from: 'bundle',
    hostWorker: { script: at('./host.mjs'), execArgv: [] },
    rendererDir: at('../renderer/'),
    consoleDir: at('../console/'),
  };
}
