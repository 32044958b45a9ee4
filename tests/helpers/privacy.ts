/**
 * Personal data at rest: every file under the given folders (the kiosk's data directory with its
 * SQLite databases and their WAL and shared-memory files, temporary files, logs) read as bytes and
 * searched for each secret as it would be stored: UTF-8 (SQLite text, JSON, logs) and UTF-16LE
 * (SQLite databases in UTF-16, Windows-style files). A hit names the file and which secret, never
 * the secret's surroundings (the test's own output must not leak it either).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

export interface Secret {
  /** What it is, for the failure message: 'ID number', 'name', 'card number', 'captured page'. */
  what: string;
  /** Text (searched as UTF-8 and UTF-16LE), or bytes searched as they are (a captured image). */
  value: string | Buffer;
}

export interface Hit {
  file: string;
  what: string;
  encoding: 'utf8' | 'utf16le' | 'bytes';
}

function files(dir: string): string[] {
  if (!existsSync(dir)) return [];
  if (statSync(dir).isFile()) return [dir];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return files(p);
    return e.isFile() ? [p] : [];
  });
}

/** Every place under `roots` where a secret is stored in clear text. */
export function findSecrets(roots: readonly string[], secrets: readonly Secret[]): Hit[] {
  const hits: Hit[] = [];
  const needles = secrets
    .filter((s) => s.value.length > 0)
    .flatMap((s): { s: Secret; encoding: Hit['encoding']; bytes: Buffer }[] => {
      const { value } = s;
      if (typeof value !== 'string') return [{ s, encoding: 'bytes', bytes: value }];
      return (['utf8', 'utf16le'] as const).map((encoding) => ({
        s,
        encoding,
        bytes: Buffer.from(value, encoding),
      }));
    });
  for (const file of roots.flatMap(files)) {
    if (statSync(file).size === 0) continue;
    const bytes = readFileSync(file);
    for (const n of needles)
      if (bytes.includes(n.bytes)) hits.push({ file, what: n.s.what, encoding: n.encoding });
  }
  return hits;
}

/** The secrets of a person: ID number, name and, when they have one, a card number. */
export function secretsOf(p: {
  idNumber: string;
  name: string;
  cardNumber?: string;
  pan?: string;
}): Secret[] {
  return [
    { what: 'ID number', value: p.idNumber },
    { what: 'name', value: p.name },
    ...(p.cardNumber ? [{ what: 'card number', value: p.cardNumber }] : []),
    ...(p.pan ? [{ what: 'card number', value: p.pan }] : []),
  ];
}

/**
 * A captured page as a secret: 64 bytes from the middle of its image data (entropy-coded, so found
 * only where the page itself, or a PDF embedding it unchanged, was stored).
 */
export function pageSecret(page: Buffer, what = 'captured page'): Secret {
  const at = Math.floor(page.length / 2);
  return { what, value: page.subarray(at, at + 64) };
}
