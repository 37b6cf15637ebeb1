import { CombinedGraphQLErrors, ServerError } from '@apollo/client/errors';

/** Explains a failed query in plain words, in the NHS warning style. */
export function QueryError({ error, what }: { error: unknown; what: string }) {
  let detail = 'Check your connection and try again. If the problem continues, the Longview service may be unavailable.';
  if (CombinedGraphQLErrors.is(error)) {
    detail = error.errors.map((e) => e.message).join(' ');
  } else if (ServerError.is(error)) {
    detail = `The server responded with status ${error.statusCode}.`;
  }
  return (
    <div className="nhsuk-error-summary" role="alert" aria-labelledby="query-error-title" tabIndex={-1}>
      <h2 className="nhsuk-error-summary__title" id="query-error-title">
        Sorry, we could not load {what}
      </h2>
      <div className="nhsuk-error-summary__body">
        <p>{detail}</p>
      </div>
    </div>
  );
}

export function Loading({ what }: { what: string }) {
  return (
    <p className="nhsuk-body" role="status" aria-live="polite">
      Loading {what}…
    </p>
  );
}
