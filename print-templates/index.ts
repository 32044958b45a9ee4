/** The A4 templates, by id. Callers render through `renderPdf` with an injected font registry. */
import type { PdfTemplate } from './_shared/define';
import { acceptanceReceipt } from './acceptance-receipt/template';
import { applicationForm } from './application-form/template';
import { blankForm } from './blank-form/template';
import { businessLicence } from './business-licence/template';
import { housingFundCertificate } from './housing-fund-certificate/template';
import { paymentHistory } from './payment-history/template';
import { realEstateInfo } from './real-estate-info/template';
import { resultNotice } from './result-notice/template';
import { socialInsuranceCertificate } from './social-insurance-certificate/template';

export const PDF_TEMPLATES: Readonly<Record<string, PdfTemplate>> = Object.fromEntries(
  [
    acceptanceReceipt,
    socialInsuranceCertificate,
    housingFundCertificate,
    applicationForm,
    resultNotice,
    paymentHistory,
    realEstateInfo,
    blankForm,
    businessLicence,
  ].map((t) => [t.id, t as unknown as PdfTemplate]),
);

export {
  acceptanceReceipt,
  applicationForm,
  blankForm,
  businessLicence,
  housingFundCertificate,
  paymentHistory,
  realEstateInfo,
  resultNotice,
  socialInsuranceCertificate,
};
export { renderPdf, parseTemplateData, TemplateDataError } from './render';
export {
  FontRegistry,
  FontMissingError,
  DEFAULT_FONT_CATALOG,
  SUBSET_FONT_CATALOG,
  FONT,
  missingGlyphs,
  type AssetLoader,
  type FontCatalog,
  type FontPlan,
  type FontSession,
  type FontTier,
  type FontkitFont,
} from './_shared/fonts';
export type { PdfTemplate, DocumentMeta } from './_shared/define';
