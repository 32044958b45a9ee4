// Entry of renderer/ui-gallery-harness.html (a test page, never shipped): every base component and
// keyboard, one section per screen, in the mode, language and orientation named in the query:
//   ?section=choices&mode=elder&locale=en&orientation=landscape[&now=<ms>]
// `now` freezes the clock (the idle countdown) so screenshots are stable. The texts below stand for
// what the host's catalogue and flow will send: data in both languages, not component text.
import { useState, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import type { Locale } from '../../i18n/messages';
import { LetterInput } from '../../input/letter-input';
import { NumberPad } from '../../input/number-pad';
import { PinyinInput } from '../../input/pinyin-input';
import {
  ActionButton,
  ChoiceList,
  DevicePrompt,
  FailurePanel,
  IdleCountdown,
  ProgressPanel,
  ScreenFrame,
  StepHeader,
  type Choice,
  type DevicePromptKind,
} from '../components';
import { UiRoot } from '../settings';
import type { Bilingual } from '../text';
import type { Orientation, UiMode } from '../tokens';
import './gallery.css';
import { GALLERY_SECTIONS, type GallerySection } from './sections';

const params = new URLSearchParams(location.search);

const b = (zh: string, en: string): Bilingual => ({ zh, en });

const SERVICES: Choice[] = [
  {
    id: 'insured',
    label: b('参保证明打印', 'Proof of social insurance'),
    detail: b('即时打印，免费', 'Printed at once, free'),
  },
  {
    id: 'fund',
    label: b('公积金缴存证明', 'Housing fund certificate'),
    detail: b('即时打印，免费', 'Printed at once, free'),
  },
  {
    id: 'sole',
    label: b('个体工商户设立登记', 'Register a sole proprietorship'),
    detail: b('符合条件可秒批', 'Instant approval when eligible'),
  },
  {
    id: 'residence',
    label: b('居住证申领', 'Residence permit'),
    unavailable: b('打印机暂时无法使用', 'The printer is not working'),
  },
  {
    id: 'estate',
    label: b('不动产登记信息查询', 'Real estate records'),
    detail: b('查询并打印', 'Look up and print'),
  },
  {
    id: 'progress',
    label: b('办件进度查询', 'Application progress'),
    detail: b('刷身份证或扫回执', 'ID card or receipt code'),
  },
  { id: 'deposit', label: b('材料投递', 'Drop off documents'), detail: b('智能柜存放', 'Into a locker') },
  { id: 'ticket', label: b('取号', 'Queue ticket'), detail: b('人工窗口排队', 'For a staffed counter') },
];

const DEVICE_KINDS: Record<'devices-1' | 'devices-2', DevicePromptKind[]> = {
  'devices-1': ['placeIdCard', 'takeIdCard', 'insertSocialCard', 'insertBankCard', 'takeCard', 'takeReceipt'],
  'devices-2': [
    'takeDocument',
    'scanCode',
    'placeDocument',
    'depositInLocker',
    'pickupFromLocker',
    'closeDoor',
  ],
};

const TITLES: Record<GallerySection, Bilingual> = {
  choices: b('请选择业务', 'Choose a service'),
  progress: b('正在办理', 'Working on it'),
  'devices-1': b('设备提示', 'Device prompts'),
  'devices-2': b('设备提示', 'Device prompts'),
  failure: b('居住证申领', 'Residence permit'),
  idle: b('填写申请表', 'Fill in the form'),
  pinyin: b('填写申请表', 'Fill in the form'),
  t9: b('填写申请表', 'Fill in the form'),
  idnumber: b('填写申请表', 'Fill in the form'),
  pads: b('填写申请表', 'Fill in the form'),
  letters: b('填写申请表', 'Fill in the form'),
};

const noop = () => undefined;

function Section({ section, now }: { section: GallerySection; now: () => number }) {
  const [values, setValues] = useState<Record<string, string>>({
    idnumber: params.get('value') ?? '11010519491231002',
    phone: '1380013',
    digits: '',
    letters: 'ZHANG',
    pinyin: '',
  });
  const [chosen, setChosen] = useState('');
  const [deadline] = useState(() => now() + 18_000);
  const field = (name: string) => ({
    value: values[name] ?? '',
    onChange: (v: string) => setValues((prev) => ({ ...prev, [name]: v })),
    testId: `input-${name}`,
  });
  const header = <StepHeader title={TITLES[section]} step={{ n: 2, m: 5 }} onBack={noop} onCancel={noop} />;
  const next = <ActionButton label="action.next" onPress={noop} testId="action-next" />;
  let body: ReactNode;
  let actions: ReactNode = next;
  let overlay: ReactNode;
  switch (section) {
    case 'choices':
      body = (
        <>
          <ChoiceList choices={SERVICES} onChoose={setChosen} label={TITLES.choices} />
          <output data-testid="chosen">{chosen}</output>
        </>
      );
      actions = undefined;
      break;
    case 'progress':
      body = (
        <>
          <ProgressPanel activity="busy.printing" voice="busy.printing" />
          <ProgressPanel activity="busy.submitting" fraction={0.4} />
        </>
      );
      actions = undefined;
      break;
    case 'devices-1':
    case 'devices-2':
      body = (
        <div className="gallery-grid">
          {DEVICE_KINDS[section].map((kind) => (
            <DevicePrompt key={kind} kind={kind} door={12} />
          ))}
        </div>
      );
      actions = undefined;
      break;
    case 'failure':
      body = (
        <FailurePanel reason="fault.paperOut" counter={b('3 号综合窗口', 'counter 3')} reference="E-PRN-0042">
          <ActionButton label="action.retry" onPress={noop} />
          <ActionButton variant="secondary" label="action.done" onPress={noop} />
        </FailurePanel>
      );
      actions = undefined;
      break;
    case 'idle':
      body = <PinyinInput label={b('经营者姓名', 'Name of the operator')} {...field('pinyin')} />;
      overlay = <IdleCountdown deadline={deadline} now={now} onMoreTime={noop} onEnd={noop} />;
      break;
    case 'pinyin':
      body = <PinyinInput label={b('经营者姓名', 'Name of the operator')} {...field('pinyin')} />;
      break;
    case 't9':
      body = (
        <PinyinInput label={b('经营场所', 'Business address')} initialLayout="t9" {...field('pinyin')} />
      );
      break;
    case 'idnumber':
      body = <NumberPad kind="idNumber" label={b('身份证号码', 'ID number')} {...field('idnumber')} />;
      break;
    case 'pads':
      body = (
        <div className="gallery-pads">
          <NumberPad kind="phone" label={b('联系电话', 'Mobile number')} {...field('phone')} />
          <NumberPad kind="digits" label={b('取件码', 'Pickup code')} maxLength={6} {...field('digits')} />
        </div>
      );
      break;
    case 'letters':
      body = <LetterInput label={b('英文姓名', 'Name in English')} {...field('letters')} />;
      break;
  }
  return (
    <ScreenFrame header={header} actions={actions} overlay={overlay}>
      {body}
    </ScreenFrame>
  );
}

const pick = <T extends string>(name: string, allowed: readonly T[], fallback: T): T => {
  const v = params.get(name) as T | null;
  return v && allowed.includes(v) ? v : fallback;
};
const section = pick<GallerySection>('section', GALLERY_SECTIONS, 'choices');
const mode = pick<UiMode>('mode', ['standard', 'elder'], 'standard');
const locale = pick<Locale>('locale', ['zh-CN', 'en'], 'zh-CN');
const orientation = pick<Orientation>('orientation', ['portrait', 'landscape'], 'portrait');
// ?now=<ms> freezes the clock; ?now=manual starts it at 0 and lets a test move it
// (window.__galleryClock.set(ms)).
declare global {
  interface Window {
    __galleryClock?: { set(ms: number): void };
  }
}
function pageClock(): () => number {
  const p = params.get('now');
  if (p === 'manual') {
    let t = 0;
    window.__galleryClock = { set: (ms) => void (t = ms) };
    return () => t;
  }
  const frozen = Number(p);
  return Number.isFinite(frozen) && frozen > 0 ? () => frozen : Date.now;
}
const now = pageClock();

const root = document.getElementById('root');
if (!root) throw new Error('#root missing');
createRoot(root).render(
  <UiRoot initialMode={mode} initialLocale={locale} orientation={orientation}>
    <Section section={section} now={now} />
  </UiRoot>,
);
document.body.dataset.galleryReady = section;
