export * from './consumer.js';
export * from './outbox.js';
export * from './outbox-table.js';
export * from './relay.js';
