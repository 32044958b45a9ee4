// The product's bundles (scripts/bundle.mjs) built for one test file, inside the repository so they
// resolve node_modules (.tmp/ is ignored), leaving the checkout's own dist/ alone.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import { buildProduct } from '../../scripts/bundle.mjs';

const ROOT = path.resolve(import.meta.dirname, '../..');

export interface TestBundles {
  /** The bundle folder, a dist/ of its own. */
  dist: string;
  /** Its `yizhan` entry, runnable with node. */
  cli: string;
  remove(): void;
}

export async function buildTestBundles(name: string): Promise<TestBundles> {
  mkdirSync(path.join(ROOT, '.tmp'), { recursive: true });
  const work = mkdtempSync(path.join(ROOT, '.tmp', `${name}-`));
  const dist = path.join(work, 'dist');
  await buildProduct(dist);
  return {
    dist,
    cli: path.join(dist, 'cli/yizhan.mjs'),
    remove: () => rmSync(work, { recursive: true, force: true }),
  };
}
