export * from './commands';
export * from './document';
export * from './encode';
export * from './layout';
export * from './profiles';
export * from './raster';
export * from './status';
export * from './width';
