import { randomUUID } from 'node:crypto';
import type { SqlExecutor } from '../db/types';
import { sha256Hex } from '../context';

export async function storeBlob(
  tx: SqlExecutor,
  data: Buffer,
  contentType: string,
  at: number,
): Promise<{ id: string; sha256: string; bytes: number }> {
  const id = randomUUID();
  const sha256 = sha256Hex(data);
  await tx.run(
    'INSERT INTO blobs (id, sha256, bytes, content_type, data, created_at) VALUES (?, ?, ?, ?, ?, ?)',
    [id, sha256, data.length, contentType, data, at],
  );
  return { id, sha256, bytes: data.length };
}

export async function readBlob(
  db: SqlExecutor,
  id: string,
): Promise<{ data: Buffer; contentType: string } | undefined> {
  const rows = await db.query<{ data: Buffer; content_type: string }>(
    'SELECT data, content_type FROM blobs WHERE id = ?',
    [id],
  );
  const r = rows[0];
  return r ? { data: Buffer.from(r.data), contentType: r.content_type } : undefined;
}
