// The simulated card's chip: its 256-byte text block and 70-byte extra address written from
// protocols.md §1.7/§1.8 (offsets, GB/T 2261.1 gender codes, GB 3304-91 nation codes) apart from the
// driver's decoder (protocol/text.ts, protocol/tables.ts). Were an offset or a nation code wrong in
// the driver's tables, the simulator would not mirror the mistake, and the tests would read it.

/** A card the chip holds: the fields of a card file, derived ones (idNumberValid) ignored. */
export interface ChipCard {
  cardType: 'resident' | 'hkmotw' | 'foreign2017' | 'foreign2023';
  name: string;
  nameEn?: string | undefined;
  gender: 'male' | 'female' | 'unknown' | 'unspecified';
  nation?: string | undefined;
  nationCode?: string | undefined;
  birthDate: string;
  address?: string | undefined;
  idNumber: string;
  authority?: string | undefined;
  validFrom: string;
  validTo: string;
  passNumber?: string | undefined;
  issueCount?: number | undefined;
  nationality?: string | undefined;
}

/** GB 3304-91 as printed in protocols.md §1.7: "code name" pairs, 01–56, then 97 and 98. */
const GB3304 = `01 汉 02 蒙古 03 回 04 藏 05 维吾尔 06 苗 07 彝 08 壮 09 布依 10 朝鲜
  11 满 12 侗 13 瑶 14 白 15 土家 16 哈尼 17 哈萨克 18 傣 19 黎 20 傈僳
  21 佤 22 畲 23 高山 24 拉祜 25 水 26 东乡 27 纳西 28 景颇 29 柯尔克孜 30 土
  31 达斡尔 32 仫佬 33 羌 34 布朗 35 撒拉 36 毛南 37 仡佬 38 锡伯 39 阿昌 40 普米
  41 塔吉克 42 怒 43 乌孜别克 44 俄罗斯 45 鄂温克 46 德昂 47 保安 48 裕固 49 京 50 塔塔尔
  51 独龙 52 鄂伦春 53 赫哲 54 门巴 55 珞巴 56 基诺 97 其他 98 外国血统中国籍人士`;

export const NATION_CODE_BY_NAME: ReadonlyMap<string, string> = new Map(
  [...GB3304.matchAll(/(\d{2}) (\S+)/g)].map(([, code, name]) => [name!, code!]),
);

/** The code a card stores for a nation named in a card file; the code itself wins when both are given. */
export function chipNationCode(card: Pick<ChipCard, 'nation' | 'nationCode'>): string | undefined {
  if (card.nationCode !== undefined) return card.nationCode;
  if (card.nation === undefined) return undefined;
  const code = NATION_CODE_BY_NAME.get(card.nation);
  if (!code) throw new RangeError(`nation ${card.nation} is not in GB 3304-91`);
  return code;
}

const GENDER_CODE = { unknown: '0', male: '1', female: '2', unspecified: '9' } as const;

/** The card-type flag at 248 (§1.8): ' ', 'J', 'I', 'Y'. */
const FLAG = { resident: ' ', hkmotw: 'J', foreign2017: 'I', foreign2023: 'Y' } as const;

/** YYYY-MM-DD → YYYYMMDD; 长期 stays as printed. */
const chipDate = (d: string): string => d.replace(/^(\d{4})-(\d{2})-(\d{2})$/, '$1$2$3');

type Put = (offset: number, bytes: number, text: string | undefined) => void;

/** Each layout as the tables of §1.7/§1.8 list it (offset, length in bytes, field). */
const WRITERS: Record<ChipCard['cardType'], (c: ChipCard, put: Put) => void> = {
  resident: (c, put) => {
    put(0, 30, c.name);
    put(30, 2, GENDER_CODE[c.gender]);
    put(32, 4, chipNationCode(c));
    put(36, 16, chipDate(c.birthDate));
    put(52, 70, c.address);
    put(122, 36, c.idNumber);
    put(158, 30, c.authority);
    put(188, 16, chipDate(c.validFrom));
    put(204, 16, chipDate(c.validTo));
  },
  hkmotw: (c, put) => {
    WRITERS.resident({ ...c, nation: undefined, nationCode: undefined }, put);
    put(220, 18, c.passNumber);
    put(238, 4, c.issueCount === undefined ? undefined : String(c.issueCount).padStart(2, '0'));
  },
  foreign2017: (c, put) => {
    put(0, 120, c.nameEn);
    put(120, 2, GENDER_CODE[c.gender]);
    put(122, 30, c.idNumber);
    put(152, 6, c.nationality);
    put(158, 30, c.name);
    put(188, 16, chipDate(c.validFrom));
    put(204, 16, chipDate(c.validTo));
    put(220, 16, chipDate(c.birthDate));
    put(240, 8, c.authority);
  },
  foreign2023: (c, put) => {
    put(0, 30, c.name);
    put(30, 2, GENDER_CODE[c.gender]);
    put(36, 16, chipDate(c.birthDate));
    // An English name longer than 35 characters continues at 220 (the source the decoder follows).
    put(52, 70, c.nameEn?.slice(0, 35));
    put(220, 22, c.nameEn && c.nameEn.length > 35 ? c.nameEn.slice(35) : undefined);
    put(122, 36, c.idNumber);
    put(158, 30, c.authority);
    put(188, 16, chipDate(c.validFrom));
    put(204, 16, chipDate(c.validTo));
    put(242, 6, c.nationality);
  },
};

/** Writes `text` as UCS-2LE into a space-padded field; throws RangeError when it does not fit. */
function writer(block: Uint8Array, name: string): Put {
  return (offset, bytes, text) => {
    if (text === undefined) return;
    if (text.length * 2 > bytes)
      throw new RangeError(`${name}: "${text}" does not fit in ${bytes} bytes at ${offset}`);
    for (let i = 0; i < text.length; i++) {
      const unit = text.charCodeAt(i);
      block[offset + 2 * i] = unit & 0xff;
      block[offset + 2 * i + 1] = unit >> 8;
    }
  };
}

/** A block of UCS-2LE spaces (20 00), as the card pads its fields. */
function spaces(bytes: number): Uint8Array {
  const block = new Uint8Array(bytes);
  for (let i = 0; i < bytes; i += 2) block[i] = 0x20;
  return block;
}

/** The 256-byte text block the card answers to 30 01 / 30 10. */
export function chipTextBlock(card: ChipCard): Uint8Array {
  const block = spaces(256);
  const put = writer(block, 'text block');
  WRITERS[card.cardType](card, put);
  put(248, 2, FLAG[card.cardType]);
  return block;
}

/** The 70-byte extra address (追加住址) the card answers to 30 03. */
export function chipExtraAddress(address: string): Uint8Array {
  const block = spaces(70);
  writer(block, 'extra address')(0, 70, address);
  return block;
}
