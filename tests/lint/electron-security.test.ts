// The Electron security checklist, checked statically by @doyensec/electronegativity over the shell's
// sources (offline: the version is given, the network-only check is excluded).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const ELECTRON = JSON.parse(readFileSync(path.join(ROOT, 'node_modules/electron/package.json'), 'utf8')) as {
  version: string;
};

interface Finding {
  issue: string;
  severity: string;
  file: string;
  location: string;
}

function electronegativity(input: string): Finding[] {
  const dir = mkdtempSync(path.join(tmpdir(), 'yizhan-eneg-'));
  try {
    const out = path.join(dir, 'findings.csv');
    const r = spawnSync(
      process.execPath,
      [
        '-r',
        path.join(ROOT, 'tests/helpers/offline-got.cjs'),
        path.join(ROOT, 'node_modules/@doyensec/electronegativity/dist/index.js'),
        ...['-i', input, '-e', ELECTRON.version, '-x', 'availablesecurityfixesglobalcheck', '-o', out],
      ],
      { cwd: ROOT, encoding: 'utf8', timeout: 120_000 },
    );
    expect(r.status, r.stderr).toBe(0);
    return readFileSync(out, 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .filter(Boolean)
      .map((line) => {
        const [issue = '', severity = '', , file = '', location = ''] = line
          .split(',')
          .map((c) => c.trim().replace(/^"|"$/g, ''));
        return { issue, severity, file: path.relative(ROOT, file), location };
      });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Medium findings that ask for a review, with the review. PRELOAD_JS_CHECK flags every preload: ours
 * runs sandboxed and context-isolated and exposes only the API generated from the contract's
 * channel map (main/ipc/contract/api.ts) through contextBridge, never ipcRenderer itself.
 */
const REVIEWED = new Set(['PRELOAD_JS_CHECK main/windows/customer-window.ts']);

describe('Electron security checklist (electronegativity)', () => {
  it('finds nothing of high severity, and of medium only what was reviewed', () => {
    const findings = electronegativity(path.join(ROOT, 'main'));
    expect(findings.filter((f) => f.severity === 'HIGH')).toEqual([]);
    const unreviewed = findings.filter(
      (f) => f.severity === 'MEDIUM' && !REVIEWED.has(`${f.issue} ${f.file}`),
    );
    expect(unreviewed).toEqual([]);
  }, 120_000);

  it('still flags a window whose isolation is switched off (the check is live)', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'yizhan-eneg-bad-'));
    try {
      const bad = path.join(dir, 'bad-window.js');
      writeFileSync(
        bad,
        "const { BrowserWindow } = require('electron');\nnew BrowserWindow({ webPreferences: { contextIsolation: false, sandbox: false } });\n",
      );
      const issues = electronegativity(dir).map((f) => `${f.issue}:${f.severity}`);
      expect(issues).toContain('CONTEXT_ISOLATION_JS_CHECK:HIGH');
      expect(issues).toContain('SANDBOX_JS_CHECK:MEDIUM');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
