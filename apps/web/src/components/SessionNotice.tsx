import { Link, useLocation } from 'react-router';
import { dismissNotice, useSession } from '../session/session';

/** Says why the browser was signed out (an expired or refused token), on the page where it happened. */
export function SessionNotice() {
  const { notice } = useSession();
  const { pathname, search } = useLocation();
  if (!notice || notice.pathname !== pathname) return null;
  return (
    <div className="nhsuk-warning-callout app-session-notice" role="alert">
      <h2 className="nhsuk-warning-callout__label">
        <span className="nhsuk-u-visually-hidden">Important: </span>
        Signed out
      </h2>
      <p>{notice.text}</p>
      <p>
        <Link to={`/sign-in?from=${encodeURIComponent(pathname + search)}`} onClick={() => dismissNotice()}>
          Sign in again
        </Link>{' '}
        or carry on reading what is public.
      </p>
    </div>
  );
}
