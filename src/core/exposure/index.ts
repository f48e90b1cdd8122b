export * from './address.js';
export * from './cpe-names.js';
export * from './observation.js';
export * from './risky-services.js';
