export * from './domain-events.js';
export * from './error-codes.js';
export * from './internal-headers.js';
export * from './notification-jobs.js';
export * from './subscription-events.js';
export * from './media-jobs.js';
