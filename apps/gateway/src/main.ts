import { telemetry } from './tracing';
import { ConfigException } from '@underpin/platform';
import { gatewayConfigFromProcess } from './config/gateway.config';
import { startGateway } from './start-gateway.util';

async function main(): Promise<void> {
  const { gateway: config, listen, logLevel } = gatewayConfigFromProcess();
  const gateway = await startGateway(config, { ...listen, logLevel });
  const stop = async () => {
    await gateway.close();
    await telemetry.shutdown();
    process.exit(0);
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigException ? error.message : `gateway failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
