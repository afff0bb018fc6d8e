import { telemetry } from './tracing';
import { ConfigError, readPort } from '@underpin/platform';
import { readGatewayConfig } from './config/gateway.config';
import { startGateway } from './start-gateway';

async function main(): Promise<void> {
  const config = readGatewayConfig(process.env);
  const gateway = await startGateway(config, { port: readPort(process.env, 'PORT', 4000), host: process.env['HOST'] ?? '0.0.0.0' });
  const stop = async () => {
    await gateway.close();
    await telemetry.shutdown();
    process.exit(0);
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : `gateway failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
