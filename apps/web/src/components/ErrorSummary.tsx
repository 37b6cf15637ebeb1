import { forwardRef, type MouseEvent } from 'react';

export interface ErrorSummaryItem {
  text: string;
  /** Id of the field to focus; none for errors that belong to no field. */
  targetId?: string;
}

function focusTarget(event: MouseEvent<HTMLAnchorElement>, targetId: string) {
  const target = document.getElementById(targetId);
  if (!target) return;
  event.preventDefault();
  // Bring the question (legend or label) into view with the field, as NHS.UK frontend does.
  const container = target.closest('fieldset') ?? target.closest('.nhsuk-form-group');
  (container ?? target).scrollIntoView();
  target.focus({ preventScroll: true });
}

/** The NHS error summary: shown at the top of a form, each error linking to its field. */
export const ErrorSummary = forwardRef<HTMLDivElement, { items: ErrorSummaryItem[] }>(function ErrorSummary({ items }, ref) {
  if (items.length === 0) return null;
  return (
    <div className="nhsuk-error-summary" aria-labelledby="error-summary-title" tabIndex={-1} ref={ref}>
      <div role="alert">
        <h2 className="nhsuk-error-summary__title" id="error-summary-title">
          There is a problem
        </h2>
        <div className="nhsuk-error-summary__body">
          <ul className="nhsuk-list nhsuk-error-summary__list">
            {items.map((item, index) => (
              <li key={`${item.targetId ?? 'general'}-${index}`}>
                {item.targetId ? (
                  <a href={`#${item.targetId}`} onClick={(event) => focusTarget(event, item.targetId!)}>
                    {item.text}
                  </a>
                ) : (
                  item.text
                )}
              </li>
            ))}
          </ul>
        </div>
      </div>
    </div>
  );
});

export function ErrorMessage({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <span className="nhsuk-error-message" id={id}>
      <span className="nhsuk-u-visually-hidden">Error:</span> {message}
    </span>
  );
}
