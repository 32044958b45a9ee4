/**
 * The device roles a service can need, by the names the service catalogue uses, and which of them a
 * site must have before it starts. Pure data: the configuration, the device host and the catalogue
 * all read the role names from domain/catalogue; the roles a site must have are decided here.
 */
import { DEVICE_ROLES, PROFILES, type DeviceRole, type Profile } from '../../domain/catalogue';

export { DEVICE_ROLES, type DeviceRole };
export const SITE_PROFILES = PROFILES;
export type SiteProfile = Profile;

/**
 * The roles without which a site cannot serve its citizens at all, so a configuration that lacks one
 * is refused at start instead of opening a kiosk that can do nothing.
 * - `hall` (24-hour self-service hall): every journey starts from the ID card; acceptance receipts,
 *   queue tickets and slips need the receipt printer; certificates need the A4 printer. Scanner,
 *   lockers, camera and card readers serve some services only: those services are simply not offered
 *   where the role is absent.
 * - `stm` (bank smart teller): customers identify with the social security card or the bank card
 *   (one PC/SC reader serves both) and take their records on a receipt. An A4 printer, the ID card
 *   reader and the scanner are optional.
 * A site that deliberately runs with less lists its roles in `site.requiredRoles` (an empty list is
 * a back-office-only test rig): the choice is then written down, not silent.
 */
export const REQUIRED_ROLES: Readonly<Record<SiteProfile, readonly DeviceRole[]>> = {
  hall: ['idCard', 'receiptPrinter', 'a4Printer'],
  stm: ['socialSecurityCard', 'bankCard', 'receiptPrinter'],
};
