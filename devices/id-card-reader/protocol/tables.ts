/** Nation codes GB 3304-91, 01–56 in standard order, plus 97 and 98 (protocols.md §1.7). */
const NATIONS = [
  '汉',
  '蒙古',
  '回',
  '藏',
  '维吾尔',
  '苗',
  '彝',
  '壮',
  '布依',
  '朝鲜',
  '满',
  '侗',
  '瑶',
  '白',
  '土家',
  '哈尼',
  '哈萨克',
  '傣',
  '黎',
  '傈僳',
  '佤',
  '畲',
  '高山',
  '拉祜',
  '水',
  '东乡',
  '纳西',
  '景颇',
  '柯尔克孜',
  '土',
  '达斡尔',
  '仫佬',
  '羌',
  '布朗',
  '撒拉',
  '毛南',
  '仡佬',
  '锡伯',
  '阿昌',
  '普米',
  '塔吉克',
  '怒',
  '乌孜别克',
  '俄罗斯',
  '鄂温克',
  '德昂',
  '保安',
  '裕固',
  '京',
  '塔塔尔',
  '独龙',
  '鄂伦春',
  '赫哲',
  '门巴',
  '珞巴',
  '基诺',
] as const;

export const NATION_NAMES: ReadonlyMap<string, string> = new Map([
  ...NATIONS.map((name, i) => [String(i + 1).padStart(2, '0'), name] as const),
  ['97', '其他'],
  ['98', '外国血统中国籍人士'],
]);

/** Chinese name of a nation code; unknown codes display raw ("民族代码 NN") instead of failing. */
export function nationName(code: string): string {
  return NATION_NAMES.get(code) ?? `民族代码 ${code}`;
}

export type Gender = 'male' | 'female' | 'unknown' | 'unspecified';

/** GB/T 2261.1: 0 unknown, 1 male, 2 female, 9 unspecified; anything else reads as unknown. */
export function genderOf(code: string): Gender {
  switch (code) {
    case '1':
      return 'male';
    case '2':
      return 'female';
    case '9':
      return 'unspecified';
    default:
      return 'unknown';
  }
}
