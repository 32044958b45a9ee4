import { describe, expect, it } from 'vitest';
import { parseIdNumber } from '../../domain/identity';
import { SAMPLE_ELICENCES, SampleElicenceProvider } from './elicence';

describe('sample e-licence registry', () => {
  it('is keyed by valid synthetic ID numbers and holds complete licences', () => {
    const ids = Object.keys(SAMPLE_ELICENCES);
    expect(ids.length).toBeGreaterThan(0);
    for (const id of ids) {
      expect(parseIdNumber(id), id).not.toBeNull();
      const licences = SAMPLE_ELICENCES[id] ?? [];
      expect(licences.length).toBeGreaterThan(0);
      for (const l of licences) {
        for (const field of [l.licenceType, l.number, l.issuer, l.holderName])
          expect(field.trim()).not.toBe('');
        expect(l.validTo).toMatch(/^(\d{4}-\d{2}-\d{2}|长期)$/);
      }
      // one person per ID number
      expect(new Set(licences.map((l) => l.holderName)).size).toBe(1);
    }
  });
  it('returns copies, and nothing for an unknown holder', async () => {
    const registry = {
      '110101198501012311': [
        { licenceType: 't', number: 'n', issuer: 'i', validTo: '长期', holderName: 'h' },
      ],
    };
    const provider = new SampleElicenceProvider(registry);
    const [first] = await provider.lookup('110101198501012311');
    expect(first).toEqual(registry['110101198501012311'][0]);
    expect(first).not.toBe(registry['110101198501012311'][0]);
    expect(await provider.lookup('440305199203154423')).toEqual([]);
    expect((await new SampleElicenceProvider().lookup('440305199203154423')).length).toBeGreaterThan(0);
  });
});
