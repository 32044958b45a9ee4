/**
 * What a look-up's answer looks like on screen: rows and a table of display strings, labelled in
 * both languages. Numbers that identify a person or an account are masked; the rest is the
 * citizen's own record, shown to them while the step shows it.
 */
import { FILING_STATUS_LABELS, type QueryKind, type QueryResult } from '../../domain/catalogue/queries';
import { maskAccount } from '../../domain/identity';
import { t, type LocalText } from '../../domain/text';
import { formatMoney } from '../../print-templates/_shared/format';
import type { ResultDisplay } from '../ipc/contract/flow';

const CST_OFFSET_MS = 8 * 3600_000;
/** 2026-11-23T01:30:00Z → 2026-11-23 09:30 (Beijing time). */
const cstDateTime = (iso: string): string =>
  new Date(Date.parse(iso) + CST_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
const yuan = (n: number): string => `¥${formatMoney(n)}`;
const row = (label: LocalText, value: string) => ({ label, value });
const bilingual = (l: LocalText): string => `${l.zh} / ${l.en}`;

const ENCUMBRANCES: Record<string, string> = { mortgage: '抵押', seizure: '查封', objection: '异议登记' };

type Formatters = { [K in QueryKind]: (r: QueryResult<K>) => ResultDisplay };

const FORMAT: Formatters = {
  socialInsuranceRecord: (r) => ({
    rows: [],
    table: {
      columns: [
        t('险种', 'Insurance'),
        t('参保单位', 'Employer'),
        t('参保起始', 'Since'),
        t('状态', 'Status'),
        t('缴费月数', 'Months paid'),
      ],
      rows: r.insured.map((i) => [i.insuranceType, i.employer, i.since, i.status, String(i.months)]),
    },
  }),
  socialInsurancePayments: (r) => ({
    rows: [row(t('缴费月数', 'Months shown'), String(r.months.length))],
    table: {
      columns: [
        t('月份', 'Month'),
        t('险种', 'Insurance'),
        t('缴费基数', 'Base'),
        t('个人缴纳', 'You paid'),
        t('单位缴纳', 'Employer paid'),
        t('到账', 'Credited'),
      ],
      rows: r.months.map((m) => [
        m.month,
        m.insuranceType,
        yuan(m.base),
        yuan(m.personal),
        yuan(m.unit),
        m.paid ? '是' : '否',
      ]),
    },
  }),
  medicalInsuranceBalance: (r) => ({
    rows: [
      row(t('个人账户余额', 'Account balance'), yuan(r.balance)),
      row(t('截至日期', 'As of'), r.asOf),
      row(t('险种', 'Insurance'), r.insuranceType),
      row(t('参保地', 'Insured in'), r.insuredPlace),
    ],
  }),
  housingFundAccount: (r) => ({
    rows: [
      row(t('个人账号', 'Account'), maskAccount(r.accountNumber)),
      row(t('账户状态', 'Status'), r.status),
      row(t('账户余额', 'Balance'), yuan(r.balance)),
      row(t('月缴存额', 'Monthly deposit'), yuan(r.monthlyDeposit)),
      row(t('缴至年月', 'Paid up to'), r.lastDepositMonth),
      row(t('缴存单位', 'Employer'), r.employer),
    ],
  }),
  realEstate: (r) => ({
    rows: [row(t('登记不动产', 'Properties'), String(r.properties.length))],
    table: {
      columns: [
        t('不动产权证号', 'Certificate'),
        t('坐落', 'Location'),
        t('面积(㎡)', 'Area (m²)'),
        t('用途', 'Use'),
        t('登记日期', 'Registered'),
        t('权利限制', 'Restrictions'),
      ],
      rows: r.properties.map((p) => [
        p.certificateNumber,
        p.location,
        p.areaM2.toFixed(2),
        p.use,
        p.registeredAt,
        p.encumbrances.map((e) => ENCUMBRANCES[e] ?? e).join('、') || '无',
      ]),
    },
  }),
  progress: (r) => ({
    rows: [],
    table: {
      columns: [
        t('受理编号', 'Tracking number'),
        t('事项', 'Service'),
        t('状态', 'Status'),
        t('更新时间', 'Updated'),
      ],
      rows: r.items.map((i) => [
        i.trackingNumber,
        i.serviceName ? bilingual(i.serviceName) : i.serviceId,
        bilingual(FILING_STATUS_LABELS[i.status]) + (i.missing?.length ? `：${i.missing.join('、')}` : ''),
        cstDateTime(i.updatedAt),
      ]),
    },
  }),
  filing: (r) => ({
    rows: [
      row(t('受理编号', 'Tracking number'), r.trackingNumber),
      row(t('事项', 'Service'), r.serviceName ? bilingual(r.serviceName) : r.serviceId),
      row(t('状态', 'Status'), bilingual(FILING_STATUS_LABELS[r.status])),
    ],
  }),
  appointments: (r) => ({
    rows: [],
    table: {
      columns: [t('事项', 'Service'), t('时段', 'Time'), t('状态', 'Status')],
      rows: r.items.map((a) => [
        bilingual(a.serviceName),
        `${cstDateTime(a.from)}–${cstDateTime(a.to).slice(11)}`,
        a.status,
      ]),
    },
  }),
  elicences: (r) => ({
    rows: [],
    table: {
      columns: [t('证照', 'Licence'), t('发证机关', 'Issuer'), t('有效期至', 'Valid to')],
      rows: r.items.map((e) => [e.licenceType, e.issuer, e.validTo]),
    },
  }),
};

export function displayOf<K extends QueryKind>(query: K, result: QueryResult<K>): ResultDisplay {
  return (FORMAT[query] as (r: QueryResult<K>) => ResultDisplay)(result);
}
