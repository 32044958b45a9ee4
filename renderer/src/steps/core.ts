// Screens of the core step kinds (H8).
import { CaptureStep } from './core/capture';
import { ChooseStep } from './core/choose';
import { ConfirmStep } from './core/confirm';
import { ElicencesStep } from './core/elicences';
import { FormStep } from './core/form';
import { GuideStep } from './core/guide';
import { IdentifyStep } from './core/identify';
import { DoneStep, NoticeStep, ReferralStep } from './core/messages';
import { PrintStep } from './core/print';
import { SampleStep } from './core/sample';
import { SubmitStep, WaitResultStep } from './core/waits';
import type { StepRegistry } from './types';

export const CORE_STEPS: StepRegistry = {
  guide: GuideStep,
  identify: IdentifyStep,
  form: FormStep,
  choose: ChooseStep,
  capture: CaptureStep,
  elicences: ElicencesStep,
  confirm: ConfirmStep,
  submit: SubmitStep,
  waitResult: WaitResultStep,
  print: PrintStep,
  notice: NoticeStep,
  done: DoneStep,
  referral: ReferralStep,
  sample: SampleStep,
};
