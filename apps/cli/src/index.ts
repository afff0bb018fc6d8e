// What the configuration reference needs of the CLI (the command itself starts from main.ts).
export { CLI_ENVIRONMENT } from './config/cli.config';
