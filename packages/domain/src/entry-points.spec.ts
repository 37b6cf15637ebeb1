import fs from 'node:fs';
import path from 'node:path';
import * as main from './index';
import * as testing from './testing';

describe('entry points', () => {
  it('keeps the test fixtures out of the main entry and in @longview/domain/testing', () => {
    for (const name of ['actors', 'commandMetadata', 'DeciderSpecification', 'DeciderOutcome']) {
      expect(Object.keys(main)).not.toContain(name);
      expect(Object.keys(testing)).toContain(name);
    }
  });

  it('points every export of package.json at a file the build emits', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8')) as {
      exports: Record<string, string | { types: string; default: string }>;
    };
    for (const [subpath, target] of Object.entries(pkg.exports)) {
      if (typeof target === 'string') continue;
      const source = (file: string) => path.join(__dirname, '..', file.replace(/^\.\/dist\//, 'src/').replace(/\.d\.ts$|\.js$/, '.ts'));
      expect({ subpath, types: fs.existsSync(source(target.types)), default: fs.existsSync(source(target.default)) }).toEqual({
        subpath,
        types: true,
        default: true,
      });
    }
  });
});
