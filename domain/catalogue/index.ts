/** Services are data: the definition schema, forms, guards, steps, the shipped services and catalogues. */
export * from './vocabulary';
export * from './fields';
export * from './guards';
export * from './queries';
export * from './rules';
export * from './steps';
export * from './service';
export * from './catalogue';
export * from './backoffice';
export {
  SERVICE_LIBRARY,
  SHIPPED_ORDER,
  INSTANT_BUSINESS_SCOPES,
  COPY_PAGE_LIMIT,
  type SoleProprietorForm,
} from './services';
