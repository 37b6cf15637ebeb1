export { HARDENING_DEFAULTS, HARDENING_ENV, hardeningConfigFromEnv, type HardeningConfig } from './config';
export { apolloLimits } from './limits';
export { checkOperationInputs, inputGuardPlugin, idProblem, MAX_ID_LENGTH } from './input-guard';
export { graphqlHttpGuards, jsonErrorHandler, jsonNotFound, httpErrorBody, type HttpErrorBody } from './http-edge';
