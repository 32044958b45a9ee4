import Database from 'better-sqlite3';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PrintJournalStore, PrintKeyConflict } from '../../../main/printing';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'yz-print-journal-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const open = (now = () => Date.parse('2026-12-05T08:00:00Z'), retentionMs?: number) =>
  new PrintJournalStore({
    dataDir: path.join(dir, 'data'),
    openDatabase: (f) => new Database(f),
    now,
    ...(retentionMs ? { retentionMs } : {}),
  });

describe('print journal', () => {
  it('keeps receipt and A4 states by key across a reopen, in an owner-only file', () => {
    const j = open();
    j.receipts.put({
      id: 'rp-1',
      key: 'r1',
      state: 'printed',
      attempts: 1,
      partiallyPrinted: false,
      updatedAt: 0,
    });
    j.putA4({
      key: 'a1',
      templateId: 'social-insurance-certificate',
      state: 'printing',
      attempts: 1,
      jobId: 'Q-7',
    });
    j.close();
    const again = open();
    expect(again.receipts.get('r1')).toMatchObject({ id: 'rp-1', state: 'printed', attempts: 1 });
    expect(again.a4('a1')).toMatchObject({
      templateId: 'social-insurance-certificate',
      state: 'printing',
      jobId: 'Q-7',
    });
    expect(again.receipts.get('nothing')).toBeUndefined();
    again.close();
    expect(statSync(path.join(dir, 'data')).mode & 0o777).toBe(0o700);
    expect(statSync(path.join(dir, 'data', 'printing.sqlite')).mode & 0o777).toBe(0o600);
  });

  it('keeps a key to one kind of job', () => {
    const j = open();
    j.putA4({ key: 'k', templateId: 'payment-history', state: 'completed', attempts: 1 });
    expect(() => j.receipts.get('k')).toThrow(PrintKeyConflict);
    expect(() =>
      j.receipts.put({
        id: 'x',
        key: 'k',
        state: 'queued',
        attempts: 0,
        partiallyPrinted: false,
        updatedAt: 0,
      }),
    ).toThrow(PrintKeyConflict);
    expect(j.a4('k')?.state).toBe('completed');
    j.close();
  });

  it('holds states, never documents, and drops rows older than the retention at open', () => {
    let t = Date.parse('2026-12-05T08:00:00Z');
    const j = open(() => t);
    j.putA4({ key: 'old', templateId: 'social-insurance-certificate', state: 'completed', attempts: 1 });
    j.close();
    const bytes = readFileSync(path.join(dir, 'data', 'printing.sqlite')).toString('latin1');
    expect(bytes).not.toContain('%PDF');
    t += 31 * 24 * 3600_000;
    const later = open(() => t);
    expect(later.a4('old')).toBeUndefined();
    later.close();
  });
});
