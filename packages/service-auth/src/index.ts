export {
  ACTOR_CLAIM,
  assertServiceKey,
  CLOCK_TOLERANCE_SECONDS,
  createServiceCredentialVerifier,
  credentialFromAuthorization,
  DEFAULT_LIFETIME_SECONDS,
  InvalidServiceCredentialError,
  MAX_LIFETIME_SECONDS,
  MIN_KEY_LENGTH,
  SERVICE_AUDIENCE,
  SERVICE_ISSUERS,
  SERVICE_KEY_ENV,
  serviceKeyFromEnv,
  signServiceCredential,
} from './service-credential';
export type { ServiceCredentialClaims, ServiceCredentialVerifier, ServiceIssuer, VerifiedServiceCredential } from './service-credential';
