import { Fragment, useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useApolloClient, useQuery } from '@apollo/client/react';
import { Role } from '../__generated__/graphql';
import { ErrorMessage, ErrorSummary, type ErrorSummaryItem } from '../components/ErrorSummary';
import { TRUST_LIST_QUERY } from '../graphql/trusts';
import { VIEWER_QUERY } from '../graphql/viewer';
import { valuesOf } from '../lib/enums';
import { ROLE_LABELS, label } from '../lib/labels';
import { usePageTitle } from '../lib/usePageTitle';
import { checkToken, demoSignIn, demoSignInAvailability, type DemoAvailability } from '../session/demoSignIn';
import { resetAfterSessionChange, writeToken } from '../session/session';

const ROLE_HINTS: Readonly<Record<Role, string>> = {
  TRUST_EDITOR: "Record and change one trust's interventions and outcome data, and see what it keeps private.",
  POLICYMAKER: 'Read everything shared with NHS trusts and policymakers.',
  COMMUNITY: 'Read what is shared publicly, as patients, staff and researchers do.',
  ADMIN: 'Act for any trust.',
};

/** Only paths inside the app, so a crafted link cannot send someone elsewhere after signing in. */
function safeReturnPath(from: string | null): string {
  return from && from.startsWith('/') && !from.startsWith('//') && !from.startsWith('/sign-in') ? from : '/';
}

type Errors = Partial<Record<'role' | 'trustCode' | 'token' | 'general', string>>;

/** `/sign-in` (and the old `/access`): demo roles in the embedded mode, an access token anywhere. */
export function SignInPage() {
  const client = useApolloClient();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const returnTo = safeReturnPath(params.get('from'));
  const viewer = useQuery(VIEWER_QUERY).data?.viewer ?? null;

  const [availability, setAvailability] = useState<DemoAvailability | 'checking'>('checking');
  const [role, setRole] = useState<Role | ''>('');
  const [trustCode, setTrustCode] = useState('');
  const [token, setToken] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const summaryRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const controller = new AbortController();
    demoSignInAvailability(controller.signal).then(setAvailability, () => undefined);
    return () => controller.abort();
  }, []);

  const trustsResult = useQuery(TRUST_LIST_QUERY, { skip: availability !== 'available' });
  const trusts = useMemo(() => [...(trustsResult.data?.trusts ?? [])].sort((a, b) => a.name.localeCompare(b.name)), [trustsResult.data]);

  const hasErrors = Object.keys(errors).length > 0;
  usePageTitle(`${hasErrors ? 'Error: ' : ''}Sign in`);
  useEffect(() => {
    if (attempt > 0 && summaryRef.current) summaryRef.current.focus();
  }, [attempt]);

  const fail = (next: Errors) => {
    setErrors(next);
    setAttempt((n) => n + 1);
  };

  /**
   * Signs in with `newToken`, then returns to `returnTo`, but only if the address is still the one the
   * person signed in from. The header says who is signed in as soon as its own query is back, before
   * the rest of the refresh is over, so by then they may have followed one of its links: that choice
   * wins. (The address, not whether this page is mounted: a link to a page still loading changes the
   * address at once while this page stays on screen until the new one is ready.)
   */
  const signedIn = async (newToken: string) => {
    const signedInFrom = window.location.href;
    writeToken(newToken);
    await resetAfterSessionChange(client);
    if (window.location.href === signedInFrom) void navigate(returnTo);
  };

  const onDemoSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    if (!role) return fail({ role: 'Select who to sign in as' });
    if (role === Role.TrustEditor && !trustCode) return fail({ trustCode: 'Select the trust you edit for' });
    setBusy(true);
    try {
      const result = await demoSignIn(role, role === Role.TrustEditor ? trustCode : null);
      if ('error' in result) return fail({ general: result.error });
      setErrors({});
      await signedIn(result.token);
    } finally {
      setBusy(false);
    }
  };

  const onTokenSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const value = token.trim().replace(/^Bearer\s+/i, '');
    if (!value) return fail({ token: 'Paste your access token' });
    setBusy(true);
    try {
      const checked = await checkToken(value);
      if ('error' in checked) return fail({ token: checked.error });
      setErrors({});
      await signedIn(value);
    } finally {
      setBusy(false);
    }
  };

  const summaryItems: ErrorSummaryItem[] = [
    ...(errors.general ? [{ text: errors.general }] : []),
    ...(errors.role ? [{ text: errors.role, targetId: 'role' }] : []),
    ...(errors.trustCode ? [{ text: errors.trustCode, targetId: 'trustCode' }] : []),
    ...(errors.token ? [{ text: errors.token, targetId: 'token' }] : []),
  ];

  return (
    <>
      <ErrorSummary ref={summaryRef} items={summaryItems} />
      <h1>{viewer ? 'Switch who you are signed in as' : 'Sign in'}</h1>
      <p>
        Anyone can read what is shared publicly without signing in. Sign in to record your trust&apos;s interventions and outcome data, or to see what is shared
        with NHS trusts.
      </p>
      {viewer && (
        <div className="nhsuk-inset-text">
          <span className="nhsuk-u-visually-hidden">Information: </span>
          <p>
            You are signed in as {viewer.name} ({label(ROLE_LABELS, viewer.role)}
            {viewer.trustCode ? `, ${viewer.trust?.name ?? viewer.trustCode}` : ''}).
          </p>
        </div>
      )}

      {availability === 'checking' && (
        <p className="nhsuk-body" role="status">
          Checking how you can sign in…
        </p>
      )}

      {availability === 'available' && (
        <form onSubmit={(event) => void onDemoSubmit(event)} noValidate>
          <h2>Sign in with a demo role</h2>
          <p>This Longview runs on your computer with demo data, so you can sign in as anyone. The sign-in lasts 2 hours and works only in this browser.</p>
          <div className={`nhsuk-form-group${errors.role ? ' nhsuk-form-group--error' : ''}`}>
            <fieldset className="nhsuk-fieldset" aria-describedby={errors.role ? 'role-error' : undefined}>
              <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Who do you want to sign in as?</legend>
              <ErrorMessage id="role-error" message={errors.role} />
              <div className="nhsuk-radios">
                {valuesOf(Role).map((option, index) => {
                  const id = index === 0 ? 'role' : `role-${option}`;
                  return (
                    <Fragment key={option}>
                      <div className="nhsuk-radios__item">
                        <input
                          className="nhsuk-radios__input"
                          id={id}
                          name="role"
                          type="radio"
                          value={option}
                          checked={role === option}
                          aria-describedby={`${id}-hint`}
                          onChange={() => setRole(option)}
                        />
                        <label className="nhsuk-label nhsuk-radios__label" htmlFor={id}>
                          {label(ROLE_LABELS, option)}
                        </label>
                        <div className="nhsuk-hint nhsuk-radios__hint" id={`${id}-hint`}>
                          {ROLE_HINTS[option]}
                        </div>
                      </div>
                      {option === Role.TrustEditor && role === Role.TrustEditor && (
                        <div className="nhsuk-radios__conditional" id="trust-editor-conditional">
                          <div className={`nhsuk-form-group${errors.trustCode ? ' nhsuk-form-group--error' : ''}`}>
                            <label className="nhsuk-label" htmlFor="trustCode">
                              Trust
                            </label>
                            <div className="nhsuk-hint" id="trustCode-hint">
                              The trust you edit for
                            </div>
                            <ErrorMessage id="trustCode-error" message={errors.trustCode} />
                            <select
                              className={`nhsuk-select app-select--full${errors.trustCode ? ' nhsuk-select--error' : ''}`}
                              id="trustCode"
                              name="trustCode"
                              aria-describedby={`trustCode-hint${errors.trustCode ? ' trustCode-error' : ''}`}
                              value={trustCode}
                              disabled={trustsResult.loading && trusts.length === 0}
                              onChange={(e) => setTrustCode(e.target.value)}
                            >
                              <option value="">{trustsResult.loading && trusts.length === 0 ? 'Loading trusts…' : 'Select a trust'}</option>
                              {trusts.map((trust) => (
                                <option key={trust.code} value={trust.code}>
                                  {trust.name} ({trust.code})
                                </option>
                              ))}
                            </select>
                          </div>
                        </div>
                      )}
                    </Fragment>
                  );
                })}
              </div>
            </fieldset>
          </div>
          <button type="submit" className="nhsuk-button" disabled={busy} aria-disabled={busy}>
            {busy ? 'Signing in…' : 'Sign in'}
          </button>
        </form>
      )}

      {availability === 'unavailable' && (
        <>
          <h2>Sign in with your organisation&apos;s account</h2>
          <p>
            This Longview uses your organisation&apos;s identity provider. Get an access token from it (ask your Longview administrator how), then paste it
            below. Your role and trust come from the token.
          </p>
        </>
      )}

      {availability !== 'checking' && (
        <form onSubmit={(event) => void onTokenSubmit(event)} noValidate>
          <h2>Sign in with an access token</h2>
          {availability === 'available' && (
            <p>
              A token from <code>npx longview token --role trust-editor --trust RJ1</code> works here too.
            </p>
          )}
          <div className={`nhsuk-form-group${errors.token ? ' nhsuk-form-group--error' : ''}`}>
            <label className="nhsuk-label" htmlFor="token">
              Access token
            </label>
            <div className="nhsuk-hint" id="token-hint">
              A long string of letters and numbers in three parts separated by dots
            </div>
            <ErrorMessage id="token-error" message={errors.token} />
            <textarea
              className={`nhsuk-textarea${errors.token ? ' nhsuk-textarea--error' : ''}`}
              id="token"
              name="token"
              rows={4}
              spellCheck={false}
              autoComplete="off"
              aria-describedby={`token-hint${errors.token ? ' token-error' : ''}`}
              value={token}
              onChange={(e) => setToken(e.target.value)}
            />
          </div>
          <button
            type="submit"
            className={`nhsuk-button${availability === 'available' ? ' nhsuk-button--secondary' : ''}`}
            disabled={busy}
            aria-disabled={busy}
          >
            Sign in with this token
          </button>
        </form>
      )}

      <p>
        <Link to={returnTo}>Continue without signing in</Link>
      </p>
    </>
  );
}
