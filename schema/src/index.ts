export * from './ids.js';
export * from './errors.js';
export * from './purposes.js';
export * from './regions.js';
export * from './subgraphs.js';
export * from './typedefs.js';
export * from './scalars.js';
export * from './compose.js';
