import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Typed operations for clients of the alliance graph, generated from the published API
 * schema (`npm run compose` writes it). `npm run codegen` regenerates; CI fails when the
 * checked-in output is stale, so a schema change that breaks a client operation fails the
 * build. The string document mode keeps graphql-js out of the browser bundle.
 */
const config: CodegenConfig = {
  schema: 'schema/api.graphql',
  documents: ['web/src/**/*.{ts,tsx}', '!web/src/gql/**'],
  ignoreNoDocuments: false,
  generates: {
    'web/src/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        documentMode: 'string',
        enumsAsTypes: true,
        strictScalars: true,
        useTypeImports: true,
        skipTypename: true,
      },
    },
  },
};

export default config;
