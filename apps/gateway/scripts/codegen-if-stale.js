// Jest's global setup: (re)generate the resolver types when an SDL file is newer than them, so
// `npx jest` works on a fresh checkout too (the generated file also carries the enums' values).
const { execFileSync } = require('node:child_process');
const { existsSync, readdirSync, statSync } = require('node:fs');
const { join } = require('node:path');

const GENERATED = join(__dirname, '..', 'src', '__generated__', 'resolvers-types.ts');

function sdlFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === '__generated__' ? [] : sdlFiles(path);
    return entry.name.endsWith('.graphql') ? [path] : [];
  });
}

module.exports = function codegenIfStale() {
  const inputs = [...sdlFiles(join(__dirname, '..', 'src')), join(__dirname, '..', 'codegen.ts')];
  const generatedAt = existsSync(GENERATED) ? statSync(GENERATED).mtimeMs : 0;
  if (inputs.every((file) => statSync(file).mtimeMs <= generatedAt)) return;
  execFileSync('npm', ['run', '--silent', 'codegen'], { cwd: join(__dirname, '..'), stdio: 'inherit' });
};
