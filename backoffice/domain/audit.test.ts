import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../domain/json';
import { GENESIS_HASH, entryHash } from './audit';
import { createHash } from 'node:crypto';

describe('audit hashing', () => {
  it('serialises objects canonically regardless of key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: '张' }, u: undefined })).toBe(
      '{"a":{"c":"张","d":[1,{"y":2,"z":1}]},"b":1}',
    );
  });

  it('hashes sha256(prev_hash || canonical JSON of the entry)', () => {
    const entry = {
      seq: 1,
      at: 5,
      actor: 'kiosk:k1',
      action: 'filing.create',
      subject: 'f1',
      data: { x: 1 },
    };
    const expected = createHash('sha256')
      .update(
        GENESIS_HASH +
          '{"action":"filing.create","actor":"kiosk:k1","at":5,"data":{"x":1},"seq":1,"subject":"f1"}',
      )
      .digest('hex');
    expect(entryHash(GENESIS_HASH, entry)).toBe(expected);
    expect(entryHash(GENESIS_HASH, { ...entry, data: { x: 2 } })).not.toBe(expected);
  });
});
