/** Identity numbers of every kind the readers decode, and the product's one masking module. */
export * from './id-number';
export * from './mask';
