/**
 * Synthetic citizens for journey tests: ID cards the simulated reader can carry, chosen so that the
 * back office's simulated provider (a pure function of the ID number) has the records a journey
 * needs: an active insured worker with a housing fund and a flat, say.
 */
import { SAMPLE_CARDS, type SimulatedCard } from '../../devices/id-card-reader';
import { idCheckCharacter } from '../../domain/identity';
import { SimulatedCitizenData } from '../../backoffice/providers';

export interface Person {
  name: string;
  idNumber: string;
  birthDate: string;
  card: SimulatedCard;
}

const NAMES = ['王晓红', '李建国', '陈思远', '刘芳', '赵志强', '孙丽娟', '周文斌', '吴静'];

export function person(birth: string, seq: number, name = NAMES[seq % NAMES.length]!): Person {
  const first17 = `110105${birth.replaceAll('-', '')}${String(seq).padStart(3, '0')}`;
  const idNumber = `${first17}${idCheckCharacter(first17)!}`;
  return {
    name,
    idNumber,
    birthDate: birth,
    card: {
      ...SAMPLE_CARDS.resident,
      name,
      gender: Number(first17[16]) % 2 === 1 ? 'male' : 'female',
      birthDate: birth,
      idNumber,
      address: '北京市东城区东四北大街100号',
      validFrom: '2020-01-01',
      validTo: '2040-01-01',
    },
  };
}

/**
 * The first person (born `birth`, sequence numbers from 100) for whom the simulated provider has what
 * `wanted` asks: active social insurance, a housing fund account in normal standing, registered flats.
 */
export async function findPerson(
  wanted: { insured?: boolean; housingFund?: boolean; realEstate?: boolean },
  birth = '1988-04-12',
): Promise<Person> {
  const provider = new SimulatedCitizenData();
  for (let seq = 100; seq < 600; seq++) {
    const p = person(birth, seq);
    const who = { idNumber: p.idNumber, name: p.name };
    const si = await provider.socialInsurance(who, { from: '2020-01', to: '2030-12' });
    if (wanted.insured && si.status !== 'active') continue;
    if (wanted.housingFund && (await provider.housingFund(who, 12)).account?.status !== 'normal') continue;
    if (wanted.realEstate && (await provider.realEstate(who)).length === 0) continue;
    return p;
  }
  throw new Error(`no simulated person born ${birth} has ${JSON.stringify(wanted)}`);
}

/**
 * A 一码办 code the simulated provider resolves to a person with active social insurance, and who
 * that person is (the provider is a pure function of the code).
 */
export async function findCodeHolder(): Promise<{ code: string; idNumber: string; name: string }> {
  const provider = new SimulatedCitizenData();
  for (let i = 0; i < 200; i++) {
    const code = `YMB1journey-${String(i).padStart(12, '0')}`;
    const who = await provider.resolveCode(code);
    if ((await provider.socialInsurance(who, { from: '2020-01', to: '2030-12' })).status === 'active')
      return { code, ...who };
  }
  throw new Error('no simulated 一码办 code stands for an insured person');
}
