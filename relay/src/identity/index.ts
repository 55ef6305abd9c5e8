export { signToken, verifyToken, bearerToken } from './session-token.js';
export type { Role, TokenClaims, TokenSubject, TokenFailure, TokenVerification } from './session-token.js';
export { verifyIdentity, signIdentity, MAX_IDENTITY_LIFETIME_SECONDS } from './signed-identity.js';
export type { VerifiedIdentity, IdentityFailure, IdentityVerification } from './signed-identity.js';
export { relaySecrets, identitySecretFor, demoEnabled, DEMO_SESSION_SECRET, DEMO_IDENTITY_SECRET } from './secrets.js';
export type { RelaySecrets } from './secrets.js';
