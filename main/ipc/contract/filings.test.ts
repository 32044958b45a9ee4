import { describe, expect, it } from 'vitest';
import { SubmitFilingInput } from './filings';

const filing = (idNumber: string) => ({
  localId: 'session-1',
  serviceId: 'residence-permit',
  applicant: { idNumber, name: '约翰·史密斯' },
  form: {},
  delivery: { method: 'locker' },
  materials: [],
});

describe('filings:submit accepts every identity the readers decode', () => {
  it.each([
    ['resident ID', '11010519491231002X'],
    ['HK/Macau/Taiwan residence permit', '810000198001010014'],
    ['foreign permanent-residence card, 2017 (15 characters)', 'USA110070070401'],
    ['foreign permanent-residence card, 2023', '911250198505120021'],
  ])('%s', (_kind, id) => {
    expect(SubmitFilingInput.safeParse(filing(id)).success).toBe(true);
  });

  it.each([
    ['a wrong check digit', '110101197608056896'],
    ['a lowercase check x (the host normalises before filing)', '11010519491231002x'],
    ['a 2017 number one digit short', 'USA11007007040'],
    ['no number', ''],
  ])('and refuses %s at applicant.idNumber', (_what, id) => {
    const issues = SubmitFilingInput.safeParse(filing(id)).error?.issues ?? [];
    expect(issues.map((i) => i.path.join('.'))).toEqual(['applicant.idNumber']);
  });
});
