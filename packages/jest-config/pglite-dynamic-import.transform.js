// PGlite's CommonJS build loads Node built-ins with dynamic `import("fs")` etc. Jest runs
// modules in a VM sandbox where dynamic import() throws unless Node is started with
// --experimental-vm-modules. This transform rewrites those imports of *bare built-in
// names* to the sandbox's require, which behaves the same for built-ins.
const { builtinModules } = require('node:module');
const crypto = require('node:crypto');

const builtins = new Set([...builtinModules, ...builtinModules.map((name) => `node:${name}`)]);
const DYNAMIC_IMPORT = /\bimport\((["'])([^"']+)\1\)/g;

module.exports = {
  process(source) {
    const rewritten = source.replace(DYNAMIC_IMPORT, (match, _quote, specifier) =>
      builtins.has(specifier) ? `Promise.resolve().then(() => __builtinRequire(${JSON.stringify(specifier)}))` : match,
    );
    // Captured at module top level: PGlite's Emscripten glue declares its own `var require`
    // in the function that performs the import, shadowing the module's one.
    return { code: rewritten === source ? source : `const __builtinRequire = require;${rewritten}` };
  },
  getCacheKey(source, path) {
    return crypto.createHash('sha256').update('pglite-dynamic-import-v2').update(path).update(source).digest('hex');
  },
};
