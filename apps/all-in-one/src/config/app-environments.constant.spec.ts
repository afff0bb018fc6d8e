import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot, settingsOf, type AppEnvironment, type Env } from '@underpin/platform';
import { APP_ENVIRONMENTS } from './app-environments.constant';
import { configurationFiles } from './configuration-reference.util';

/** Reads `env` as the app's boot does, noting every variable asked for. */
function readsOf(environment: AppEnvironment, env: Env): { names: Set<string>; values?: unknown; error?: unknown } {
  const names = new Set<string>();
  const watched = new Proxy(env, {
    get(target, key) {
      if (typeof key === 'string') names.add(key);
      return Reflect.get(target, key);
    },
  });
  try {
    return { names, values: environment.read(watched) };
  } catch (error) {
    return { names, error };
  }
}

describe('APP_ENVIRONMENTS', () => {
  describe.each(APP_ENVIRONMENTS.map((environment) => [environment.app, environment] as const))('%s', (_app, environment) => {
    const declared = settingsOf(environment.groups);
    const required: Record<string, string> = Object.fromEntries(declared.filter((s) => s.required).map((s) => [s.name, s.example ?? '']));
    // Every optional setting without a default set to its example: what a full .env looks like.
    const full: Record<string, string> = {
      ...required,
      ...Object.fromEntries(declared.filter((s) => !s.required && s.default === undefined && s.example !== undefined).map((s) => [s.name, s.example!])),
    };

    it('starts with its required settings set to their examples, and with every example', () => {
      expect(declared.filter((s) => s.required && s.example === undefined).map((s) => s.name)).toEqual([]);
      expect(readsOf(environment, required).error).toBeUndefined();
      expect(readsOf(environment, full).error).toBeUndefined();
    });

    it('reads every variable it declares, and nothing else', () => {
      const names = new Set([...readsOf(environment, required).names, ...readsOf(environment, full).names]);
      expect([...names].sort()).toEqual(declared.map((s) => s.name).sort());
    });

    it.each(declared.filter((s) => s.default !== undefined).map((s) => [s.name, s.default!] as const))('means by %s=%j what it means unset', (name, fallback) => {
      // Some defaults only apply beside another setting (SMTP_FROM beside SMTP_URL).
      const base = [required, full].find((env) => readsOf(environment, env).names.has(name) && readsOf(environment, { ...env, [name]: fallback }).error === undefined);
      expect(base).toBeDefined();
      expect(readsOf(environment, { ...base!, [name]: fallback }).values).toEqual(readsOf(environment, base!).values);
    });
  });

  it('are what docs/configuration.md and every .env.example say (npm run config:write)', () => {
    for (const [path, content] of configurationFiles()) {
      let committed = '';
      try {
        committed = readFileSync(join(repoRoot(), path), 'utf8');
      } catch {
        committed = `(${path} is missing)`;
      }
      expect({ path, content: committed }).toEqual({ path, content });
    }
  });
});
