export * from './db.js';
export * from './embedded.js';
