// Longest test files first, so the slow ones (host restarts, Chromium, packages) start at once on the
// three workers and no long file starts last to run alone. vitest's own order uses its results cache,
// which a clean clone (CI) does not have: then it keeps the glob order, and tests/reliability/ came
// last. Durations come from that cache when present, else from tests/durations.json (refresh with
// scripts/test-durations.mjs); a file in neither is new and goes first, as vitest runs unknown first.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

const TABLE: Record<string, number> = JSON.parse(
  readFileSync(path.join(import.meta.dirname, 'durations.json'), 'utf8'),
) as Record<string, number>;

export default class LongestFirst extends BaseSequencer {
  override sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const root = this.ctx.config.root;
    const weight = (spec: TestSpecification) => {
      const rel = path.relative(root, spec.moduleId);
      const cached = this.ctx.cache.getFileTestResults(`${spec.project.name}:${rel}`);
      if (cached?.failed) return Number.POSITIVE_INFINITY;
      if (cached) return cached.duration / 1000;
      return TABLE[rel] ?? Number.POSITIVE_INFINITY;
    };
    return Promise.resolve([...files].sort((a, b) => weight(b) - weight(a)));
  }
}
