// The build's second step: the areas' SDL next to their compiled resolvers (dist/<area>/<area>.graphql).
const { cpSync, statSync } = require('node:fs');

cpSync('src', 'dist', { recursive: true, filter: (path) => statSync(path).isDirectory() || path.endsWith('.graphql') });
