import type { ReactNode } from 'react';
import { Link, NavLink, useLocation } from 'react-router';
import { useQuery } from '@apollo/client/react';
import { VIEWER_QUERY } from '../graphql/viewer';
import { AccountNav } from './AccountNav';
import { SessionNotice } from './SessionNotice';

function NhsLogo() {
  return (
    <svg
      className="nhsuk-header__logo"
      xmlns="http://www.w3.org/2000/svg"
      viewBox="0 0 200 80"
      height="40"
      width="100"
      focusable="false"
      role="img"
      aria-label="NHS"
    >
      <title>NHS</title>
      <path
        fill="currentcolor"
        d="M200 0v80H0V0h200Zm-27.5 5.5c-14.5 0-29 5-29 22 0 10.2 7.7 13.5 14.7 16.3l.7.3c5.4 2 10.1 3.9 10.1 8.4 0 6.5-8.5 7.5-14 7.5s-12.5-1.5-16-3.5L135 70c5.5 2 13.5 3.5 20 3.5 15.5 0 32-4.5 32-22.5 0-19.5-25.5-16.5-25.5-25.5 0-5.5 5.5-6.5 12.5-6.5a35 35 0 0 1 14.5 3l4-13.5c-4.5-2-12-3-20-3Zm-131 2h-22l-14 65H22l9-45h.5l13.5 45h21.5l14-65H64l-9 45h-.5l-13-45Zm63 0h-18l-13 65h17l6-28H117l-5.5 28H129l13.5-65H125L119.5 32h-20l5-24.5Z"
      />
    </svg>
  );
}

interface NavItem {
  to: string;
  text: string;
  /** Whether the item is current for a given pathname. */
  matches: (pathname: string) => boolean;
}

const NAV_ITEMS: NavItem[] = [
  { to: '/', text: 'Trusts', matches: (p) => p === '/' || p.startsWith('/trusts') },
  { to: '/evidence', text: 'Evidence', matches: (p) => p === '/evidence' },
  { to: '/projection', text: 'Projection', matches: (p) => p === '/projection' },
  { to: '/lessons', text: 'Lessons', matches: (p) => p === '/lessons' },
  { to: '/programmes', text: 'Programmes', matches: (p) => p.startsWith('/programmes') },
  { to: '/interventions/new', text: 'Propose an intervention', matches: (p) => p === '/interventions/new' },
];

/** Shown to trust editors (and administrators, who pick a trust from its page) before the rest. */
const WORKSPACE_ITEM: NavItem = { to: '/workspace', text: 'Your workspace', matches: (p) => p.startsWith('/workspace') };

function Header() {
  const { pathname } = useLocation();
  const { data } = useQuery(VIEWER_QUERY);
  const items = data?.viewer?.role === 'TRUST_EDITOR' ? [WORKSPACE_ITEM, ...NAV_ITEMS] : NAV_ITEMS;
  return (
    <header className="nhsuk-header" role="banner">
      <div className="nhsuk-header__container nhsuk-width-container">
        <div className="nhsuk-header__service">
          <Link className="nhsuk-header__service-logo" to="/" aria-label="NHS Longview homepage">
            <NhsLogo />
            <span className="nhsuk-header__service-name">Longview</span>
          </Link>
        </div>
        <AccountNav />
      </div>
      <nav className="nhsuk-header__navigation" aria-label="Menu">
        <div className="nhsuk-header__navigation-container nhsuk-width-container">
          <ul className="nhsuk-header__navigation-list">
            {items.map((item) => {
              const current = item.matches(pathname);
              return (
                <li key={item.to} className={`nhsuk-header__navigation-item${current ? ' nhsuk-header__navigation-item--current' : ''}`}>
                  <NavLink className="nhsuk-header__navigation-link" to={item.to} end aria-current={current ? 'page' : undefined}>
                    {current ? <strong className="nhsuk-header__navigation-item-current-fallback">{item.text}</strong> : item.text}
                  </NavLink>
                </li>
              );
            })}
          </ul>
        </div>
      </nav>
    </header>
  );
}

function Footer() {
  return (
    <footer className="nhsuk-footer" role="contentinfo">
      <div className="nhsuk-width-container">
        <div className="nhsuk-footer__meta">
          <p className="nhsuk-body-s nhsuk-u-margin-bottom-0">
            Longview is where NHS trusts, policymakers and the wider community share improvement interventions and judge them by whether the improvement lasts,
            using the outcome data.
          </p>
        </div>
      </div>
    </footer>
  );
}

export function Layout({ children }: { children: ReactNode }) {
  return (
    <>
      <a className="nhsuk-skip-link" href="#maincontent">
        Skip to main content
      </a>
      <Header />
      <div className="nhsuk-width-container">
        <main className="nhsuk-main-wrapper" id="maincontent" role="main" tabIndex={-1}>
          <SessionNotice />
          {children}
        </main>
      </div>
      <Footer />
    </>
  );
}
