export * from './configure.js';
export * from './env.js';
export * from './local-disk.js';
export * from './object-storage.js';
export * from './s3.js';
export * from './url-signing.js';
