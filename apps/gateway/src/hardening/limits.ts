import type { ApolloServerOptions, BaseContext } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { HardeningConfig } from './config';
import { knownOperationTypesRule } from './operation-types';

type ApolloLimits = Pick<
  ApolloServerOptions<BaseContext>,
  | 'validationRules'
  | 'parseOptions'
  | 'introspection'
  | 'hideSchemaDetailsFromClientErrors'
  | 'includeStacktraceInErrorResponses'
  | 'persistedQueries'
  | 'allowBatchedHttpRequests'
>;

/**
 * What the Apollo server is built with to refuse expensive or probing operations before they run:
 * depth, alias, cost and directive limits (graphql-armor's validation rules, each answering
 * GRAPHQL_VALIDATION_FAILED with the limit in the message), a token limit in the parser, no
 * introspection or field suggestions unless configured, never a stack trace, no persisted queries;
 * and an operation type the schema does not have fails validation (knownOperationTypesRule).
 */
export function apolloLimits(config: HardeningConfig): ApolloLimits {
  const armor = new ApolloArmor({
    maxDepth: { n: config.maxDepth, exposeLimits: true },
    maxAliases: { n: config.maxAliases, exposeLimits: true },
    costLimit: { maxCost: config.maxCost, exposeLimits: true },
    maxDirectives: { n: config.maxDirectives, exposeLimits: true },
    // Counted by graphql-js's own parser instead (parseOptions below): armor's token plugin throws
    // from a plugin hook, which Apollo would answer with a 500.
    maxTokens: { enabled: false },
    // Apollo's hideSchemaDetailsFromClientErrors does it below, together with introspection.
    blockFieldSuggestion: { enabled: false },
  });
  const { validationRules } = armor.protect();
  return {
    validationRules: [knownOperationTypesRule, ...validationRules],
    parseOptions: { maxTokens: config.maxTokens },
    introspection: config.introspection,
    hideSchemaDetailsFromClientErrors: !config.introspection,
    includeStacktraceInErrorResponses: false,
    // A body with extensions.persistedQuery is answered PERSISTED_QUERY_NOT_SUPPORTED (400): the
    // gateway keeps no query cache a client could fill or probe.
    persistedQueries: false,
    allowBatchedHttpRequests: false,
  };
}
