/** Wording several services share. */
import { t } from '../../text';

/** The end of a filing the back office has not received yet: it is durable here and goes later. */
export const SAVED_FOR_LATER = {
  when: { path: 'submission.delivered', eq: false },
  text: t(
    '申请已保存在本机，网络恢复后自动提交，受理结果将短信通知。请保管好凭条。',
    'Your application is saved here and will be sent as soon as the network is back; you will get a text message. Keep the slip.',
  ),
} as const;
