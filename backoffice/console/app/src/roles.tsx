import type { Role } from './api';

/** What each role may see and do in the console; the service enforces the same on every route. */
export const CAN = {
  queue: (r: Role) => r === 'clerk' || r === 'supervisor',
  /** Window work: accept (受理), ask for more, attach the result, assign a locker. */
  handle: (r: Role) => r === 'clerk' || r === 'supervisor',
  /** Approve or reject (审批) is the supervisor's, separate from the clerk who accepted it. */
  decide: (r: Role) => r === 'supervisor',
  fleet: (r: Role) => r === 'technician' || r === 'supervisor',
  ratings: (r: Role) => r === 'clerk' || r === 'supervisor',
  /** 叫号: counters call the next 取号 ticket. */
  calling: (r: Role) => r === 'clerk' || r === 'supervisor',
  /** Door occupancy: desk staff empty doors, technicians see it when servicing a cabinet. */
  lockers: (_r: Role) => true,
};

export type Page = 'queue' | 'fleet' | 'ratings' | 'lockers' | 'calling';

export function homePage(role: Role): Page {
  return CAN.queue(role) ? 'queue' : 'fleet';
}
