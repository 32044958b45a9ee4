/** Look-up answers as a provider would give them (synthetic people, valid shapes). */
export const RECORDS = {
  socialInsuranceRecord: {
    insured: [
      {
        insuranceType: '企业职工基本养老保险',
        employer: '汕头市晓明科技有限公司',
        since: '2019-07',
        status: '参保缴费',
        months: 89,
      },
      {
        insuranceType: '职工基本医疗保险',
        employer: '汕头市晓明科技有限公司',
        since: '2019-07',
        status: '参保缴费',
        months: 89,
      },
    ],
  },
  socialInsurancePayments: {
    months: [
      {
        month: '2026-10',
        insuranceType: '企业职工基本养老保险',
        base: 6500,
        personal: 520,
        unit: 1040,
        paid: true,
      },
      {
        month: '2026-11',
        insuranceType: '企业职工基本养老保险',
        base: 6500,
        personal: 520,
        unit: 1040,
        paid: false,
      },
    ],
  },
  medicalInsuranceBalance: {
    balance: 3216.4,
    asOf: '2026-12-04',
    insuranceType: '职工基本医疗保险',
    insuredPlace: '汕头市',
  },
  housingFundAccount: {
    accountNumber: '440500012349012',
    status: '正常缴存',
    balance: 48210.55,
    monthlyDeposit: 1560,
    lastDepositMonth: '2026-11',
    employer: '汕头市晓明科技有限公司',
  },
  realEstate: {
    properties: [
      {
        certificateNumber: '粤(2021)汕头市不动产权第0012345号',
        location: '汕头市龙湖区长平路88号3栋502房',
        areaM2: 96.5,
        use: '住宅',
        registeredAt: '2021-05-18',
        encumbrances: ['mortgage'],
      },
    ],
  },
  progress: {
    items: [
      {
        trackingNumber: 'YZ20261123-000123K',
        serviceId: 'residence-permit',
        status: 'accepted',
        updatedAt: '2026-11-24T02:00:00Z',
      },
    ],
  },
  progressTwo: {
    items: [
      {
        trackingNumber: 'YZ20261123-000123K',
        serviceId: 'residence-permit',
        status: 'accepted',
        updatedAt: '2026-11-24T02:00:00Z',
      },
      {
        trackingNumber: 'YZ20261120-000007M',
        serviceId: 'sole-proprietor-registration',
        status: 'collected',
        updatedAt: '2026-11-20T02:00:00Z',
      },
    ],
  },
  filing: {
    trackingNumber: 'YZ20261123-000123K',
    serviceId: 'residence-permit',
    status: 'accepted',
    acceptsDeposit: true,
  },
  appointments: {
    items: [
      {
        appointmentId: 'appt-1',
        serviceName: { zh: '个体工商户变更登记', en: 'Sole proprietor change' },
        theme: 'registration',
        from: '2026-12-05T01:30:00Z',
        to: '2026-12-05T02:00:00Z',
        status: 'booked',
      },
    ],
  },
  elicences: { items: [] },
  elicencesHeld: {
    items: [
      {
        licenceType: '不动产权证书',
        number: '粤(2021)汕头市不动产权第0012345号',
        issuer: '汕头市自然资源局',
        validTo: '长期',
      },
      {
        licenceType: '居民身份证',
        number: '110105200001011238',
        issuer: '北京市公安局东城分局',
        validTo: '2035-01-01',
      },
    ],
  },
} as const;

export const QR = 'yizhan://track/YZ20261123-000123K?v=AbCdEfGhIjKlMnOp';
