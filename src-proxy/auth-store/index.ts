export { AccountRefresher, NeedsReloginError, OAuthRefreshError } from './account-refresher';
export type { AccountState, RefreshFunction } from './account-refresher';
export { parseAuthData, parseAuthFile, withData } from './auth-record';
export type { AuthRecord } from './auth-record';
export { AuthStore } from './auth-store';
export type { AuthStoreChange } from './auth-store';
export { formatAuthTime, parseAuthTime } from './parse-auth-time';
