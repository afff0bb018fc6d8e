import { readOlaChainingConfig } from './ola-chaining.config';

describe(readOlaChainingConfig.name, () => {
  it('reads the catalogue path, treating empty as none', () => {
    expect(readOlaChainingConfig({ UNDERPIN_CATALOG: '/etc/underpin/catalog' })).toEqual({ catalogPath: '/etc/underpin/catalog' });
    expect(readOlaChainingConfig({ UNDERPIN_CATALOG: '  ' })).toEqual({});
    expect(readOlaChainingConfig({ UNDERPIN_CATALOG: '' })).toEqual({});
    expect(readOlaChainingConfig({})).toEqual({});
  });
});
