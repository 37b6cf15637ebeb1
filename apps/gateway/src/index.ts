export { createGateway, createApolloServer } from './server';
export type { GatewayOptions, RunningGateway, ApolloServerOptions } from './server';
export { buildSchema, loadTypeDefs, loadResolvers, printPublicSchema, AREA_NAMES } from './schema';
export { createGatewayContext } from './context';
export type { GatewayContext, GatewayServices } from './context';
export {
  signDevToken,
  verifyToken,
  createTokenVerifier,
  jwksOptionsFromEnv,
  actorFromClaims,
  actorFromAuthorization,
  signedInFromAuthorization,
  defaultName,
  InvalidTokenError,
  TOKEN_ROLES,
  MAX_TOKEN_LIFETIME_SECONDS,
  CLOCK_TOLERANCE_SECONDS,
} from './auth';
export { DEMO_TOKEN_LIFETIME_SECONDS } from './sign-in/demo-sign-in';
export type { TokenClaims, SignedIn, TokenRole, DevTokenOptions, JwksOptions, TokenVerifier, TokenVerifierOptions } from './auth';
export { HttpCommandServiceClient } from './clients/command-service.client';
export type { CommandServiceClient, CommandServiceConnection } from './clients/command-service.client';
export type { ServiceClientOptions, ServiceCredentialOptions } from './clients/service-credentials';
export { HttpQueryServiceClient, MAX_KEYS_PER_BATCH } from './clients/query-service.client';
export type { QueryServiceClient, QueryServiceConnection, ReadOptions, TrustQuery, InterventionQuery } from './clients/query-service.client';
export { ServiceError, isServiceError } from './clients/service-error';
export { formatError, toGraphQLError, ERROR_CODES } from './shared/errors';
export type { GatewayErrorCode } from './shared/errors';
