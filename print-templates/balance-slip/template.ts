import { receipt } from '../../devices/escpos-printer';
import { formatDateTime, formatYearMonth } from '../../domain/time';
import { formatMoney } from '../_shared/format';
import { maskAccount, maskIdNumber, maskName } from '../../domain/identity';
import { defineReceiptTemplate, rows, slipFooter, slipHeader, type Wording } from '../_shared/receipt';
import { BalanceSlipData } from './data.schema';

type Key =
  | 'medicalTitle'
  | 'fundTitle'
  | 'holder'
  | 'idNumber'
  | 'scheme'
  | 'insuredIn'
  | 'balance'
  | 'spent'
  | 'account'
  | 'status'
  | 'monthly'
  | 'paidThrough'
  | 'asOf'
  | 'yuan'
  | 'note';

const WORDING: Wording<Key> = {
  'zh-CN': {
    medicalTitle: '医保个人账户余额',
    fundTitle: '住房公积金余额',
    holder: '姓名',
    idNumber: '证件号码',
    scheme: '参保险种',
    insuredIn: '参保地',
    balance: '账户余额',
    spent: '本年已支出',
    account: '个人账号',
    status: '账户状态',
    monthly: '月缴存额',
    paidThrough: '缴至年月',
    asOf: '数据截至',
    yuan: '元',
    note: '本凭条仅供查询参考，不作证明使用；需要证明请打印缴存证明或参保证明。',
  },
  en: {
    medicalTitle: 'Medical insurance balance',
    fundTitle: 'Housing fund balance',
    holder: 'Name',
    idNumber: 'ID number',
    scheme: 'Scheme',
    insuredIn: 'Insured in',
    balance: 'Balance',
    spent: 'Spent this year',
    account: 'Account',
    status: 'Status',
    monthly: 'Monthly deposit',
    paidThrough: 'Paid through',
    asOf: 'As of',
    yuan: 'CNY',
    note: 'For reference only, not a certificate; print a certificate for official use.',
  },
};

/**
 * 医保账户余额 / 公积金余额 (bank STM profile): the balance in large print. Name, ID and account
 * numbers are masked: a balance slip is the kind of paper left on the STM's shelf.
 */
export const balanceSlip = defineReceiptTemplate({
  id: 'balance-slip',
  name: '余额查询凭条',
  paper: 'receipt',
  schema: BalanceSlipData,
  build(d, ctx) {
    const w = WORDING[ctx.locale];
    const amount = (v: number) => `${formatMoney(v)} ${w.yuan}`;
    const medical = d.account === 'medicalInsurance';
    return {
      blocks: [
        ...slipHeader(medical ? w.medicalTitle : w.fundTitle, d),
        ...rows([
          [w.holder, maskName(d.holder.name)],
          [w.idNumber, maskIdNumber(d.holder.idNumber)],
          ...(medical
            ? ([
                [w.scheme, d.scheme],
                [w.insuredIn, d.insuredIn],
              ] as const)
            : ([
                [w.account, maskAccount(d.accountNumber)],
                [w.status, d.status],
              ] as const)),
        ]),
        receipt.rule(),
        receipt.text(w.balance, { align: 'center' }),
        receipt.text(amount(d.balance), {
          align: 'center',
          bold: true,
          doubleWidth: true,
          doubleHeight: true,
        }),
        receipt.rule(),
        ...rows(
          medical
            ? [[w.spent, d.spentThisYear === undefined ? undefined : amount(d.spentThisYear)]]
            : [
                [w.monthly, amount(d.monthlyDeposit)],
                [w.paidThrough, formatYearMonth(d.paidThrough, ctx)],
              ],
        ),
        ...rows([[w.asOf, formatDateTime(d.asOf, ctx)]]),
        ...slipFooter(d, ctx, [w.note]),
      ],
    };
  },
});
