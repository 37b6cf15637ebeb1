import { serviceKeyFromEnv } from '@longview/service-auth';
import { startTracing } from '@longview/tracing';
import { jwksOptionsFromEnv } from './auth';
import { GatewayConfigError, gatewayPortFromEnv } from './port-from-env';
import { createGateway } from './server';

/** Distributed mode: the gateway as its own process, configured from the environment. */
async function main(): Promise<void> {
  // LONGVIEW_TRACING=console|otlp (default off); OTLP endpoint from OTEL_EXPORTER_OTLP_ENDPOINT.
  const tracing = startTracing({ serviceName: 'longview-gateway' });
  // HS256 with JWT_SECRET (the CLI's local key), an identity provider's key set, or both.
  const jwtSecret = process.env.JWT_SECRET || undefined;
  const jwks = jwksOptionsFromEnv(process.env);
  if (!jwtSecret && !jwks) throw new Error('Set JWT_SECRET, or LONGVIEW_JWKS_URL / LONGVIEW_JWKS_FILE with LONGVIEW_JWT_ISSUER');
  // The key of the service credentials it signs for every call to the two services.
  const serviceKey = serviceKeyFromEnv(process.env);
  const gateway = await createGateway({
    serviceKey,
    commandServiceUrl: process.env.COMMAND_SERVICE_URL ?? 'http://127.0.0.1:4001',
    queryServiceUrl: process.env.QUERY_SERVICE_URL ?? 'http://127.0.0.1:4002',
    port: gatewayPortFromEnv(process.env),
    host: process.env.GATEWAY_HOST ?? '127.0.0.1',
    ...(jwtSecret ? { jwtSecret } : {}),
    ...(jwks ? { jwks } : {}),
    ...(process.env.WEB_DIST_DIR ? { webDistDir: process.env.WEB_DIST_DIR } : {}),
  });
  console.log(`gateway: GraphQL at ${gateway.url}/graphql`);
  const shutdown = () =>
    void gateway
      .stop()
      .then(() => tracing.shutdown().catch(() => undefined))
      .then(() => process.exit(0));
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  console.error(error instanceof GatewayConfigError ? `gateway: ${error.message}` : error);
  process.exit(1);
});
