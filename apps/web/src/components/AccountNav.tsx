import { Link, useLocation } from 'react-router';
import { useApolloClient, useQuery } from '@apollo/client/react';
import { VIEWER_QUERY } from '../graphql/viewer';
import { ROLE_LABELS, label } from '../lib/labels';
import { resetAfterSessionChange, writeToken } from '../session/session';

function UserIcon() {
  return (
    <svg
      className="nhsuk-icon nhsuk-icon--user"
      xmlns="http://www.w3.org/2000/svg"
      viewBox="0 0 24 24"
      width="16"
      height="16"
      focusable="false"
      aria-hidden="true"
    >
      <path d="M12 1a11 11 0 1 1 0 22 11 11 0 0 1 0-22Zm0 2a9 9 0 0 0-5 16.5V18a4 4 0 0 1 4-4h2a4 4 0 0 1 4 4v1.5A9 9 0 0 0 12 3Zm0 3a3.5 3.5 0 1 1-3.5 3.5A3.4 3.4 0 0 1 12 6Z" />
    </svg>
  );
}

/** The header's account area (NHS.UK header "account"): who is signed in, Switch and Sign out; or Sign in. */
export function AccountNav() {
  const client = useApolloClient();
  const { pathname, search } = useLocation();
  const { data, loading } = useQuery(VIEWER_QUERY);
  const viewer = data?.viewer ?? null;
  const from = pathname.startsWith('/sign-in') ? '' : `?from=${encodeURIComponent(pathname + search)}`;

  const signOut = async () => {
    writeToken(null);
    await resetAfterSessionChange(client);
  };

  if (loading && !data) return null;
  return (
    <nav className="nhsuk-header__account" aria-label="Account">
      <ul className="nhsuk-header__account-list">
        {viewer ? (
          <>
            <li className="nhsuk-header__account-item" data-testid="signed-in-as">
              <UserIcon />
              Signed in as {viewer.name} ({label(ROLE_LABELS, viewer.role)}
              {viewer.trustCode ? `, ${viewer.trust?.name ?? viewer.trustCode}` : ''})
            </li>
            <li className="nhsuk-header__account-item">
              <Link className="nhsuk-header__account-link" to={`/sign-in${from}`}>
                Switch<span className="nhsuk-u-visually-hidden"> who you are signed in as</span>
              </Link>
            </li>
            <li className="nhsuk-header__account-item">
              <button type="button" className="nhsuk-header__account-button" onClick={() => void signOut()}>
                Sign out
              </button>
            </li>
          </>
        ) : (
          <li className="nhsuk-header__account-item">
            <Link className="nhsuk-header__account-link" to={`/sign-in${from}`}>
              <UserIcon />
              Sign in
            </Link>
          </li>
        )}
      </ul>
    </nav>
  );
}
