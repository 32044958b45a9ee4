// Screens of the journey kinds H9 builds (lockers, queue ticket, check-in, rate, lookup, enter
// code). Kept apart from the core screens so both can grow without touching the same lines.
import { EnterCodeStep } from './enter-code';
import { LockerDepositStep, LockerPickupStep } from './locker';
import { LookupStep } from './lookup';
import { RateStep } from './rate';
import { CheckInStep, QueueTicketStep } from './ticket';
import type { StepRegistry } from './types';
import './journey-steps.css';

export const JOURNEY_STEPS: StepRegistry = {
  lockerDeposit: LockerDepositStep,
  lockerPickup: LockerPickupStep,
  queueTicket: QueueTicketStep,
  checkIn: CheckInStep,
  rate: RateStep,
  lookup: LookupStep,
  enterCode: EnterCodeStep,
};
