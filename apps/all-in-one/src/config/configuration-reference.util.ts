import { join } from 'node:path';
import { renderConfigurationReference, renderEnvExample } from '@underpin/platform';
import { APP_ENVIRONMENTS } from './app-environments.constant';

/** The generated files, by path from the repository root, with their content. */
export function configurationFiles(): Map<string, string> {
  const files = new Map<string, string>([[join('docs', 'configuration.md'), renderConfigurationReference(APP_ENVIRONMENTS)]]);
  for (const environment of APP_ENVIRONMENTS) files.set(join('apps', environment.app, '.env.example'), renderEnvExample(environment));
  return files;
}
