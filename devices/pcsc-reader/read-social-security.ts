import type { CardSession } from './session';
import {
  buildSocialSecurityCard,
  EF05_ITEMS,
  EF05_SFI,
  EF06_SFI,
  ef06Items,
  generationOf,
  itemValue,
  readItem,
  selectSsse,
  type Ef05Values,
  type RecordItem,
  type SocialSecurityCard,
} from './protocol/social-security';

/** SELECT SSSE; true when the card has the social security application. */
export async function hasSocialSecurityApp(session: CardSession): Promise<boolean> {
  const res = await session.exchange('SELECT SSSE', selectSsse());
  return res.sw === 0x9000;
}

/**
 * Reads EF05 then EF06 (after a successful SELECT SSSE). EF05 rec 3 (version) comes first because it
 * decides the EF06 layout. No PIN, no PSAM: only the two files the card opens to anyone.
 */
export async function readSocialSecurity(session: CardSession): Promise<SocialSecurityCard> {
  const read = async (sfi: number, item: RecordItem, label: string) =>
    itemValue(await session.expectOk(`READ RECORD ${label}`, readItem(sfi, item)), item);
  const specVersion = await read(EF05_SFI, EF05_ITEMS.specVersion, 'EF05/3');
  const ef05: Ef05Values = {
    identificationCode: await read(EF05_SFI, EF05_ITEMS.identificationCode, 'EF05/1'),
    cardType: await read(EF05_SFI, EF05_ITEMS.cardType, 'EF05/2'),
    specVersion,
    issueDate: await read(EF05_SFI, EF05_ITEMS.issueDate, 'EF05/5'),
    expiryDate: await read(EF05_SFI, EF05_ITEMS.expiryDate, 'EF05/6'),
    cardNumber: await read(EF05_SFI, EF05_ITEMS.cardNumber, 'EF05/7'),
  };
  const items = ef06Items(generationOf(specVersion));
  return buildSocialSecurityCard(ef05, {
    idNumber: await read(EF06_SFI, items.idNumber, 'EF06/1'),
    name: await read(EF06_SFI, items.name, 'EF06/2'),
    sex: await read(EF06_SFI, items.sex, `EF06/${items.sex.record}`),
  });
}
