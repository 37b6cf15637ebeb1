import type { ReactNode } from 'react';

/**
 * A region that scrolls sideways when its content (a chart, a wide table) is wider than the
 * screen. It can be focused, so keyboard users can scroll it with the arrow keys (axe
 * `scrollable-region-focusable`), and it is named for screen readers.
 */
export function ScrollRegion({ label, className, children }: { label: string; className?: string; children: ReactNode }) {
  return (
    // A focusable, named region is how WCAG expects a scrolling area to be reached by keyboard.
    <div className={`app-scroll-region${className ? ` ${className}` : ''}`} role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
