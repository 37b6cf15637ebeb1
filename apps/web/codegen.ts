import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Typed documents for the client: every `graphql(...)` call in src/ is validated against the
 * gateway's SDL (an unknown field fails the build) and typed from it.
 */
const config: CodegenConfig = {
  // The glob covers one SDL file or one module per area.
  schema: '../gateway/src/**/*.graphql',
  documents: ['src/**/*.{ts,tsx}', '!src/__generated__/**'],
  generates: {
    'src/__generated__/': {
      preset: 'client',
      presetConfig: {
        // Apollo Client does not mask fragments unless asked to, so the types do not either.
        fragmentMasking: false,
      },
      config: {
        // Enums as `const` objects: one definition gives both the type and its values.
        enumType: 'const',
        useTypeImports: true,
      },
    },
  },
  // Keep the schema's order (not alphabetical), so each enum's values list in the order the
  // SDL gives them, which is the order the forms offer them.
  config: { sort: false },
  errorsOnly: true,
};

export default config;
