/**
 * The services this product ships, and the default catalogues of its two profiles. A back office
 * pushes its own catalogue (catalogue.ts parses it); these are what a kiosk runs until it has one,
 * and what it falls back to when a pushed one does not validate.
 */
import { ServiceDefinition, type ServiceDefinitionInput } from '../service';
import type { Profile } from '../vocabulary';
import { housingFundCertificate, realEstateQuery, socialInsuranceCertificate } from './certificates';
import { genericApplication } from './generic';
import {
  appointmentCheckIn,
  copy,
  materialDeposit,
  progressQuery,
  queueTicket,
  rating,
  resultPickup,
  sampleForms,
} from './hall';
import { soleProprietorRegistration } from './registration';
import { residencePermit } from './residence';
import { housingFundBalance, medicalInsuranceBalance, socialInsurancePayments } from './stm';

const DEFINITIONS: readonly ServiceDefinitionInput[] = [
  socialInsuranceCertificate,
  housingFundCertificate,
  soleProprietorRegistration,
  residencePermit,
  realEstateQuery,
  progressQuery,
  materialDeposit,
  resultPickup,
  rating,
  queueTicket,
  appointmentCheckIn,
  sampleForms,
  copy,
  socialInsurancePayments,
  medicalInsuranceBalance,
  housingFundBalance,
  genericApplication,
];

/** Every shipped definition, validated (a broken one fails at load, and in the catalogue tests). */
export const SERVICE_LIBRARY: readonly ServiceDefinition[] = DEFINITIONS.map((d) =>
  ServiceDefinition.parse(d),
);

/** The shipped catalogue of each profile: the services enabled, in display order. */
export const SHIPPED_ORDER: Readonly<Record<Profile, readonly string[]>> = {
  hall: [
    'social-insurance-certificate',
    'housing-fund-certificate',
    'sole-proprietor-registration',
    'residence-permit',
    'real-estate-query',
    'progress-query',
    'material-deposit',
    'result-pickup',
    'rating',
    'queue-ticket',
    'appointment-check-in',
    'sample-forms',
    'copy',
  ],
  stm: [
    'social-insurance-payments',
    'medical-insurance-balance',
    'housing-fund-balance',
    'housing-fund-certificate',
  ],
};

export { INSTANT_BUSINESS_SCOPES, type SoleProprietorForm } from './registration';
export { COPY_PAGE_LIMIT } from './hall';
