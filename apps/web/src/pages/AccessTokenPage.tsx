import { useState, type FormEvent } from 'react';
import { useApolloClient } from '@apollo/client/react';
import { readToken, writeToken } from '../apollo';
import { usePageTitle } from '../lib/usePageTitle';

/** `/access`: keep an access token (JWT) in this browser; it is sent with every request. */
export function AccessTokenPage() {
  usePageTitle('Access token');
  const client = useApolloClient();
  const [token, setToken] = useState(() => readToken() ?? '');
  const [saved, setSaved] = useState<string | null>(null);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const value = token.trim();
    writeToken(value || null);
    // What the viewer may see depends on the token, so drop everything cached.
    await client.clearStore();
    setSaved(value ? 'Your access token has been saved in this browser.' : 'Your access token has been removed.');
  };

  return (
    <>
      <h1>Access token</h1>
      <p>
        Anyone can read what is shared publicly. To propose interventions or see what your trust shares privately, paste the access token you were given. In a
        local installation, <code>npx longview token --role trust-editor --trust RJ1</code> prints one.
      </p>
      {saved && (
        <div className="nhsuk-inset-text" role="status">
          <span className="nhsuk-u-visually-hidden">Information: </span>
          <p>{saved}</p>
        </div>
      )}
      <form onSubmit={(event) => void onSubmit(event)} noValidate>
        <div className="nhsuk-form-group">
          <label className="nhsuk-label" htmlFor="token">
            Access token
          </label>
          <div className="nhsuk-hint" id="token-hint">
            Leave empty and save to remove a saved token
          </div>
          <textarea
            className="nhsuk-textarea"
            id="token"
            name="token"
            rows={4}
            spellCheck={false}
            autoComplete="off"
            aria-describedby="token-hint"
            value={token}
            onChange={(e) => setToken(e.target.value)}
          />
        </div>
        <button type="submit" className="nhsuk-button">
          Save access token
        </button>
      </form>
    </>
  );
}
