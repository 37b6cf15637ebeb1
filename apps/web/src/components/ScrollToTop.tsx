import { useEffect } from 'react';
import { useLocation } from 'react-router';

/** Scrolls to the top when the path changes (not on query-string changes such as filters). */
export function ScrollToTop() {
  const { pathname } = useLocation();
  useEffect(() => {
    window.scrollTo(0, 0);
  }, [pathname]);
  return null;
}
