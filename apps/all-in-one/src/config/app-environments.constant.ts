import { CLI_ENVIRONMENT } from '@underpin/app-cli';
import { GATEWAY_ENVIRONMENT } from '@underpin/app-gateway';
import { serviceProcessEnvironment, type AppEnvironment } from '@underpin/platform';
import { SERVICES } from '../services.constant';
import { ALL_IN_ONE_ENVIRONMENT } from './all-in-one.config';

/** What every app reads: the source of docs/configuration.md and of each app's .env.example. */
export const APP_ENVIRONMENTS: readonly AppEnvironment[] = [
  ...SERVICES.map(serviceProcessEnvironment),
  GATEWAY_ENVIRONMENT,
  ALL_IN_ONE_ENVIRONMENT,
  CLI_ENVIRONMENT,
];
