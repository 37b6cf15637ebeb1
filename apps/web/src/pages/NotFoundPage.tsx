import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { usePageTitle } from '../lib/usePageTitle';

export function NotFoundPage({ heading = 'Page not found', children }: { heading?: string; children?: ReactNode }) {
  usePageTitle(heading);
  return (
    <>
      <h1>{heading}</h1>
      {children ?? <p>If you typed the web address, check it is correct.</p>}
      <p>
        <Link to="/">Go to the list of trusts</Link>
      </p>
    </>
  );
}
