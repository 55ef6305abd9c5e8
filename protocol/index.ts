export type * from './understanding.js';
export type * from './knowledge.js';
export type * from './customer.js';
export type * from './escalation.js';
