import { Link } from 'react-router';
import { pageItems } from '../lib/paging';

/**
 * The NHS.UK numbered pagination: previous and next, and links to the first, last and nearby
 * pages. `href(page)` gives each page's address, so every page is a link that can be shared.
 */
export function Pagination({ current, total, href, label = 'Pages' }: { current: number; total: number; href: (page: number) => string; label?: string }) {
  if (total <= 1) return null;
  return (
    <nav className="nhsuk-pagination nhsuk-pagination--numbered" role="navigation" aria-label={label}>
      {current > 1 && (
        <Link to={href(current - 1)} className="nhsuk-pagination__previous" rel="prev">
          <svg
            className="nhsuk-icon nhsuk-icon--arrow-left"
            xmlns="http://www.w3.org/2000/svg"
            viewBox="0 0 24 24"
            width="16"
            height="16"
            focusable="false"
            aria-hidden="true"
          >
            <path d="M10.7 6.3c.4.4.4 1 0 1.4L7.4 11H19a1 1 0 0 1 0 2H7.4l3.3 3.3c.4.4.4 1 0 1.4a1 1 0 0 1-1.4 0l-5-5A1 1 0 0 1 4 12c0-.3.1-.5.3-.7l5-5a1 1 0 0 1 1.4 0Z" />
          </svg>
          <span className="nhsuk-pagination__title">
            Previous<span className="nhsuk-u-visually-hidden"> page</span>
          </span>
        </Link>
      )}
      <ul className="nhsuk-pagination__list">
        {pageItems(current, total).map((item, i) =>
          item === '…' ? (
            <li key={`gap-${i}`} className="nhsuk-pagination__item nhsuk-pagination__item--ellipsis">
              &ctdot;
            </li>
          ) : (
            <li key={item} className={`nhsuk-pagination__item${item === current ? ' nhsuk-pagination__item--current' : ''}`}>
              <Link className="nhsuk-pagination__link" to={href(item)} aria-label={`Page ${item}`} aria-current={item === current ? 'page' : undefined}>
                {item}
              </Link>
            </li>
          ),
        )}
      </ul>
      {current < total && (
        <Link to={href(current + 1)} className="nhsuk-pagination__next" rel="next">
          <span className="nhsuk-pagination__title">
            Next<span className="nhsuk-u-visually-hidden"> page</span>
          </span>
          <svg
            className="nhsuk-icon nhsuk-icon--arrow-right"
            xmlns="http://www.w3.org/2000/svg"
            viewBox="0 0 24 24"
            width="16"
            height="16"
            focusable="false"
            aria-hidden="true"
          >
            <path d="m14.7 6.3 5 5c.2.2.3.4.3.7 0 .3-.1.5-.3.7l-5 5a1 1 0 0 1-1.4-1.4l3.3-3.3H5a1 1 0 0 1 0-2h11.6l-3.3-3.3a1 1 0 1 1 1.4-1.4Z" />
          </svg>
        </Link>
      )}
    </nav>
  );
}
