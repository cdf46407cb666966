export * from './db.js';
export * from './embedded.js';
export * from './env.js';
export * from './loaders.js';
export * from './logger.js';
export * from './records.js';
export * from './subgraph-server.js';
export * from './sql-counter.js';
