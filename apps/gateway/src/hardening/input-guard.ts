import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import {
  GraphQLError,
  TypeInfo,
  getNamedType,
  isInputObjectType,
  isListType,
  isNonNullType,
  valueFromASTUntyped,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import { findMalformedText, type FieldError } from '@longview/contracts';
import { ODS_CODE } from '@longview/domain/patterns';

/** Longest id the gateway passes on (real ids are uuids, ODS codes or short slugs). */
export const MAX_ID_LENGTH = 200;

/** ID arguments and input fields that hold a trust's ODS code, by name. */
const TRUST_CODE_NAMES: ReadonlySet<string> = new Set(['trustCode', 'trustCodes', 'code', 'similarTo']);

const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/;

/** Why a value cannot be an id (it becomes a URL path segment or a stream name), or undefined. */
export function idProblem(id: string, trustCode: boolean): string | undefined {
  if (id.length === 0) return 'must not be empty';
  if (id === '.' || id === '..') return `must not be "${id}"`;
  if (id.length > MAX_ID_LENGTH) return `must be at most ${MAX_ID_LENGTH} characters (got ${id.length})`;
  if (id.includes('/') || id.includes('\\')) return 'must not contain "/" or "\\"';
  if (CONTROL_CHARACTER.test(id)) return 'must not contain control characters';
  if (trustCode && !ODS_CODE.test(id)) return 'must be an ODS code: 3 to 5 upper-case letters or digits, e.g. RJ1';
  return undefined;
}

interface Found {
  /** Dotted path inside the argument ('' for the argument itself). */
  readonly path: string;
  readonly problem: string;
}

/**
 * Checks every request once, after validation and before any resolver runs, so no resolver,
 * client or URL sees a string PostgreSQL or a URL cannot carry:
 * - every variable and every literal argument: no NUL, no lone surrogate, bounded nesting;
 * - every argument or input field of type ID (lists included): not empty, ".", "..", no "/",
 *   no control characters, at most MAX_ID_LENGTH characters; trust codes match the ODS pattern.
 * A violation is BAD_USER_INPUT naming the variable or argument, with `extensions.fields`.
 */
export function inputGuardPlugin<TContext extends BaseContext>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, schema, operationName }) {
          checkOperationInputs(schema, document, request.variables, operationName ?? null);
        },
      };
    },
  };
}

/**
 * The guard's checks on one operation (see inputGuardPlugin), for any transport: the HTTP
 * endpoint runs them through the plugin, the graphql-ws endpoint on each subscription. Throws
 * the BAD_USER_INPUT GraphQLError for the first violation.
 */
export function checkOperationInputs(schema: GraphQLSchema, document: DocumentNode, rawVariables: unknown, operationName: string | null): void {
  const variables = isRecord(rawVariables) ? rawVariables : {};
  for (const [name, value] of Object.entries(variables)) {
    const bad = findMalformedText(value);
    if (bad) throw rejected(`Variable $${name}${bad.path ? ` at ${bad.path}` : ''} ${bad.problem}`, fieldPath(name, bad.path));
  }
  checkArguments(schema, document, variables, operationName);
}

function checkArguments(schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown>, operationName: string | null): void {
  const typeInfo = new TypeInfo(schema);
  let operationSelected = true;
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      OperationDefinition: {
        enter(node) {
          // Only the operation that runs (Apollo has already checked that the name exists).
          operationSelected = operationName === null || node.name?.value === operationName;
          if (!operationSelected) return false;
          return undefined;
        },
      },
      Argument(node) {
        const argument = typeInfo.getArgument();
        if (!argument) return;
        const owner = typeInfo.getFieldDef()?.name ?? typeInfo.getDirective()?.name ?? 'a field';
        const value = valueFromASTUntyped(node.value, variables);
        const name = node.name.value;
        const text = findMalformedText(value);
        if (text) throw rejected(`Argument ${name}${text.path ? `.${text.path}` : ''} of ${owner} ${text.problem}`, fieldPath(name, text.path));
        const id = findBadId(value, argument.type, name, '');
        if (id) {
          const where = id.path ? `${name}.${id.path}` : name;
          throw rejected(`Argument ${where} of ${owner} is not a valid id: ${id.problem}`, fieldPath(name, id.path));
        }
      },
    }),
  );
}

/** The first ID in `value` (shaped by `type`) that `idProblem` refuses. */
function findBadId(value: unknown, type: GraphQLInputType, name: string, path: string): Found | undefined {
  if (value === null || value === undefined) return undefined;
  const inner = isNonNullType(type) ? type.ofType : type;
  if (isListType(inner)) {
    const items = Array.isArray(value) ? value : [value];
    for (const [index, item] of items.entries()) {
      const found = findBadId(item, inner.ofType, name, join(path, String(index)));
      if (found) return found;
    }
    return undefined;
  }
  const named = getNamedType(inner);
  if (isInputObjectType(named)) {
    if (!isRecord(value)) return undefined; // graphql-js reports the wrong type itself
    const fields = named.getFields();
    for (const [key, fieldValue] of Object.entries(value)) {
      const field = fields[key];
      if (!field) continue;
      const found = findBadId(fieldValue, field.type, key, join(path, key));
      if (found) return found;
    }
    return undefined;
  }
  if (named.name !== 'ID') return undefined;
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const problem = idProblem(String(value), TRUST_CODE_NAMES.has(name));
  return problem ? { path, problem } : undefined;
}

function rejected(message: string, path: string): GraphQLError {
  const fields: FieldError[] = [{ path, message }];
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', fields, http: { status: 400 } } });
}

/** The path the web client's forms use: inside the `input` argument, relative to it. */
function fieldPath(argument: string, path: string): string {
  if (argument === 'input') return path || argument;
  return path ? `${argument}.${path}` : argument;
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
