// A content-addressed cache for build-time renderer assets (the pinyin index, voice prompts): the
// key is a hash of everything the output depends on, so a stale entry is never reused and an
// unchanged input is never rebuilt. Files are written to a temporary name and renamed, so builds
// running side by side (test files build the renderer in parallel) never read half a file.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const REPO_ROOT = path.resolve(import.meta.dirname, '..', '..');
/** Git-ignored scratch space of the checkout (.tmp/). */
export const DEFAULT_CACHE_DIR = path.join(REPO_ROOT, '.tmp', 'cache', 'renderer-assets');

export function hashOf(...parts: ReadonlyArray<string | Buffer>): string {
  const h = createHash('sha256');
  for (const p of parts) h.update(p).update('\0');
  return h.digest('hex');
}

export interface CachedFile {
  path: string;
  /** False when the file had to be produced by this call. */
  hit: boolean;
}

/** The cached file named by `key` (with `ext`), producing it with `produce` if absent. */
export async function cached(
  dir: string,
  key: string,
  ext: string,
  produce: (tmpPath: string) => Promise<void> | void,
): Promise<CachedFile> {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${key}${ext}`);
  if (existsSync(file)) return { path: file, hit: true };
  const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  await produce(tmp);
  renameSync(tmp, file);
  return { path: file, hit: false };
}

/** Like `cached`, for text produced in memory. */
export async function cachedText(
  dir: string,
  key: string,
  ext: string,
  produce: () => string,
): Promise<string> {
  const { path: file } = await cached(dir, key, ext, (tmp) => writeFileSync(tmp, produce()));
  return readFileSync(file, 'utf8');
}
