import type { ReactNode } from 'react';
import { Link, useLocation, useSearchParams } from 'react-router';
import { useQuery } from '@apollo/client/react';
import { VIEWER_QUERY } from '../../graphql/viewer';
import { workspaceTrustOf } from '../../lib/workspaceSummary';
import { Loading } from '../../components/QueryError';

/** The trust the signed-in viewer works on in the workspace (see workspaceTrustOf), and whether the viewer is still loading. */
export function useWorkspaceTrust(): { code: string | null; loading: boolean; signedIn: boolean } {
  const [params] = useSearchParams();
  const { data, loading } = useQuery(VIEWER_QUERY);
  const viewer = data?.viewer ?? null;
  return { code: workspaceTrustOf(viewer, params.get('trust')), loading: loading && !data, signedIn: viewer !== null };
}

/**
 * A link within the workspace, keeping an administrator's `?trust=` (a trust editor's trust
 * comes from the sign-in, so theirs has none).
 */
export function useWorkspaceHref(): (path: string, query?: Record<string, string>) => string {
  const [params] = useSearchParams();
  const trust = params.get('trust');
  return (path, query = {}) => {
    const all = new URLSearchParams(query);
    if (trust) all.set('trust', trust);
    const text = all.toString();
    return text ? `${path}?${text}` : path;
  };
}

/** Shows `children(code)` to someone who may edit a trust's data; otherwise says how to sign in. */
export function EditorOnly({ what, children }: { what: string; children: (code: string) => ReactNode }) {
  const { code, loading, signedIn } = useWorkspaceTrust();
  const { pathname, search } = useLocation();
  if (loading) return <Loading what="who you are signed in as" />;
  if (code) return <>{children(code)}</>;
  return (
    <>
      <h1>{what}</h1>
      <div className="nhsuk-inset-text">
        <span className="nhsuk-u-visually-hidden">Information: </span>
        <p>
          {signedIn
            ? 'Only an editor of a trust can use its workspace. Sign in as an editor of your trust.'
            : 'To use your trust’s workspace, sign in as an editor of your trust.'}{' '}
          <Link to={`/sign-in?from=${encodeURIComponent(pathname + search)}`}>{signedIn ? 'Switch who you are signed in as' : 'Sign in'}</Link>.
        </p>
      </div>
    </>
  );
}
