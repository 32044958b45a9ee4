import { INDIVIDUAL_BUSINESS_LICENCE } from '../../domain/catalogue';

/** One electronic licence (电子证照) as a provincial platform returns it. */
export interface Elicence {
  licenceType: string;
  number: string;
  issuer: string;
  /** ISO date (YYYY-MM-DD) or '长期' for no expiry. */
  validTo: string;
  holderName: string;
}

/** Lookup of a holder's e-licences; a provincial platform client replaces the sample registry. */
export interface ElicenceProvider {
  lookup(idNumber: string): Promise<Elicence[]>;
}

export { INDIVIDUAL_BUSINESS_LICENCE };

/**
 * A seeded sample registry for development, tests and halls without a platform connection.
 * The ID numbers are synthetic (valid check digits, no real person).
 */
export const SAMPLE_ELICENCES: Readonly<Record<string, Elicence[]>> = {
  '110101198501012311': [
    {
      licenceType: INDIVIDUAL_BUSINESS_LICENCE,
      number: '92110101MA01ABCD2X',
      issuer: '北京市东城区市场监督管理局',
      validTo: '长期',
      holderName: '王建国',
    },
    {
      licenceType: '居民身份证',
      number: '110101198501012311',
      issuer: '北京市公安局东城分局',
      validTo: '2035-01-01',
      holderName: '王建国',
    },
  ],
  '440305199203154423': [
    {
      licenceType: '机动车驾驶证',
      number: '440305199203154423',
      issuer: '深圳市公安局交通警察支队',
      validTo: '2032-03-15',
      holderName: '李晓红',
    },
  ],
};

export class SampleElicenceProvider implements ElicenceProvider {
  constructor(private readonly registry: Readonly<Record<string, Elicence[]>> = SAMPLE_ELICENCES) {}
  lookup(idNumber: string): Promise<Elicence[]> {
    return Promise.resolve((this.registry[idNumber] ?? []).map((e) => ({ ...e })));
  }
}
