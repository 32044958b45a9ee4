/** Identity numbers of every kind the readers decode, 一码办 codes, and the product's one masking module. */
export * from './id-number';
export * from './mask';
export * from './yimaban';
