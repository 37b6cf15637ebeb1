import { createGateway } from './server';

/** Distributed mode: the gateway as its own process, configured from the environment. */
async function main(): Promise<void> {
  const jwtSecret = process.env.JWT_SECRET;
  if (!jwtSecret) throw new Error('JWT_SECRET must be set');
  const gateway = await createGateway({
    commandServiceUrl: process.env.COMMAND_SERVICE_URL ?? 'http://127.0.0.1:4001',
    queryServiceUrl: process.env.QUERY_SERVICE_URL ?? 'http://127.0.0.1:4002',
    port: Number(process.env.GATEWAY_PORT ?? process.env.PORT ?? 4000),
    host: process.env.GATEWAY_HOST ?? '127.0.0.1',
    jwtSecret,
    ...(process.env.WEB_DIST_DIR ? { webDistDir: process.env.WEB_DIST_DIR } : {}),
  });
  console.log(`gateway: GraphQL at ${gateway.url}/graphql`);
  const shutdown = () => void gateway.stop().then(() => process.exit(0));
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
