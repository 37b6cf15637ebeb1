import { GraphQLError, OperationTypeNode, type GraphQLObjectType, type GraphQLSchema, type ValidationRule } from 'graphql';

function rootType(schema: GraphQLSchema, operation: OperationTypeNode): GraphQLObjectType | null | undefined {
  switch (operation) {
    case OperationTypeNode.QUERY:
      return schema.getQueryType();
    case OperationTypeNode.MUTATION:
      return schema.getMutationType();
    case OperationTypeNode.SUBSCRIPTION:
      return schema.getSubscriptionType();
  }
}

/**
 * An operation whose root type the schema lacks (today: any subscription) fails validation, as
 * graphql-js 17's KnownOperationTypesRule does. graphql-js 16 lets it through to execution,
 * which throws "Schema is not configured to execute subscription operation": a code-less error
 * Apollo reports as INTERNAL_SERVER_ERROR.
 */
export const knownOperationTypesRule: ValidationRule = (context) => ({
  OperationDefinition(node) {
    if (!rootType(context.getSchema(), node.operation)) {
      context.reportError(new GraphQLError(`This API has no ${node.operation} operations`, { nodes: [node] }));
    }
  },
});

/**
 * Over HTTP a subscription fails validation (400, GRAPHQL_VALIDATION_FAILED) with where to send
 * it: subscriptions are served over graphql-ws on the same port and path.
 */
export const noSubscriptionsOverHttpRule: ValidationRule = (context) => ({
  OperationDefinition(node) {
    if (node.operation === OperationTypeNode.SUBSCRIPTION) {
      context.reportError(
        new GraphQLError('Subscriptions are served over WebSocket (graphql-ws protocol) at this same /graphql address, not over HTTP', { nodes: [node] }),
      );
    }
  },
});
