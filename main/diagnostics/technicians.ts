// The site's technicians and their PINs, kept in the data directory (0600), never in the page.
// PINs are stored as scrypt hashes (node:crypto: memory-hard, so a stolen file does not give up a
// 6-digit PIN in seconds); a technician card is known by the SHA-256 of its card number, so the
// file holds no card number either. `yizhan diag technician add` writes it.
import { createHash, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { writePrivate } from './store';

/** scrypt cost: N = 2^15, r = 8 (32 MiB, ~100 ms on this machine's cores), p = 1. */
const COST = { N: 1 << 15, r: 8, p: 1 } as const;
const KEY_BYTES = 32;

const StoredTechnician = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/),
    name: z.string().min(1).max(40),
    /** `scrypt$N$r$p$salt$hash`, base64 salt and hash. */
    pin: z.string().startsWith('scrypt$'),
    /** SHA-256 (hex) of the card numbers of this technician's cards. */
    cards: z.array(z.string().regex(/^[0-9a-f]{64}$/)).default([]),
  })
  .strict();
export type StoredTechnician = z.infer<typeof StoredTechnician>;

const TechnicianFile = z.object({ technicians: z.array(StoredTechnician) }).strict();

export const techniciansFile = (dataDir: string): string =>
  path.join(dataDir, 'diagnostics', 'technicians.json');

function scryptAsync(pin: string, salt: Buffer, cost: { N: number; r: number; p: number }): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(pin, salt, KEY_BYTES, { ...cost, maxmem: 128 * cost.N * cost.r * 2 }, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  );
}

export async function hashPin(pin: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(pin, salt, COST);
  return ['scrypt', COST.N, COST.r, COST.p, salt.toString('base64'), key.toString('base64')].join('$');
}

export async function verifyPin(pin: string, stored: string): Promise<boolean> {
  const [tag, n, r, p, salt, hash] = stored.split('$');
  if (tag !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const key = await scryptAsync(pin, Buffer.from(salt, 'base64'), {
    N: Number(n),
    r: Number(r),
    p: Number(p),
  });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

export const cardDigest = (cardNumber: string): string =>
  createHash('sha256').update(cardNumber.replace(/\s+/g, '')).digest('hex');

/** Reads and writes the technician list; a missing file is an empty list (nobody can enter). */
export class TechnicianStore {
  constructor(readonly file: string) {}

  list(): StoredTechnician[] {
    if (!existsSync(this.file)) return [];
    return TechnicianFile.parse(JSON.parse(readFileSync(this.file, 'utf8'))).technicians;
  }

  byId(id: string): StoredTechnician | undefined {
    return this.list().find((t) => t.id === id);
  }

  byCard(cardNumber: string): StoredTechnician | undefined {
    const digest = cardDigest(cardNumber);
    return this.list().find((t) => t.cards.includes(digest));
  }

  /** Adds or replaces a technician (the PIN given in clear, stored hashed). */
  async put(t: { id: string; name: string; pin: string; cards?: string[] }): Promise<void> {
    if (!/^\d{4,12}$/.test(t.pin)) throw new Error('a PIN is 4 to 12 digits');
    const entry = StoredTechnician.parse({
      id: t.id,
      name: t.name,
      pin: await hashPin(t.pin),
      cards: (t.cards ?? []).map(cardDigest),
    });
    this.#write([...this.list().filter((x) => x.id !== t.id), entry]);
  }

  remove(id: string): boolean {
    const before = this.list();
    const after = before.filter((t) => t.id !== id);
    this.#write(after);
    return after.length !== before.length;
  }

  #write(technicians: StoredTechnician[]): void {
    writePrivate(this.file, `${JSON.stringify({ technicians }, null, 2)}\n`);
  }
}
