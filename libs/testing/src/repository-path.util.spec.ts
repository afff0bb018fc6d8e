import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPOSITORY_ROOT, repositoryPath, sharedPath } from './repository-path.util';

describe(repositoryPath.name, () => {
  it('resolves from the repository root, wherever the spec runs from', () => {
    expect(existsSync(repositoryPath('package.json'))).toBe(true);
    expect(repositoryPath('examples', 'meetings', 'catalog.yaml')).toBe(join(REPOSITORY_ROOT, 'examples', 'meetings', 'catalog.yaml'));
  });

  it('refuses a path that climbs out of the repository', () => {
    expect(() => repositoryPath('..', 'elsewhere')).toThrow('../elsewhere is not inside the repository');
  });
});

describe(sharedPath.name, () => {
  let parent: string;
  let root: string;

  beforeEach(() => {
    parent = mkdtempSync(join(tmpdir(), 'underpin-shared-path-'));
    root = join(parent, 'repository');
    mkdirSync(root);
  });

  afterEach(() => rmSync(parent, { recursive: true, force: true }));

  it('finds a file of the shared folder beside the repository', () => {
    mkdirSync(join(parent, 'shared', 'design'), { recursive: true });
    writeFileSync(join(parent, 'shared', 'design', 'style.md'), '# Style\n');
    expect(sharedPath('design/style.md', root)).toBe(join(parent, 'shared', 'design', 'style.md'));
  });

  it('says that the shared folder itself is missing, and where it was looked for', () => {
    expect(() => sharedPath('design/style.md', root)).toThrow(
      `design/style.md is in ../shared, the folder beside the repository, and there is no such folder (looked for ${join(parent, 'shared')})`,
    );
  });

  it('names the file that is missing from a shared folder that is there', () => {
    mkdirSync(join(parent, 'shared'));
    expect(() => sharedPath('spec/domain.md', root)).toThrow(`spec/domain.md is missing from ../shared (looked for ${join(parent, 'shared', 'spec', 'domain.md')})`);
  });

  it('refuses a path that climbs out of the shared folder', () => {
    mkdirSync(join(parent, 'shared'));
    expect(() => sharedPath('../repository/package.json', root)).toThrow('../repository/package.json is not inside ../shared');
  });
});
