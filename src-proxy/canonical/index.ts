/** The hub: types only. Imports nothing outside this folder. */
export type * from './canonical-content';
export type * from './canonical-request';
export type * from './canonical-response';
export type * from './canonical-stream-part';
export type * from './translation-warning';
export type * from './wire-format';
