import { useEffect, useRef, useState, type ReactNode } from 'react';

/**
 * Renders its children only once they come near the screen (IntersectionObserver), so a page
 * of many charts draws — and fetches for — only those being looked at. Until then a
 * placeholder of about the same height keeps the page's length (and the scroll position)
 * steady. Without IntersectionObserver (old browsers) it renders at once; once shown it stays.
 */
export function LazyRender({ children, placeholderHeight, label }: { children: ReactNode; placeholderHeight: number; label: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const [shown, setShown] = useState(() => typeof window !== 'undefined' && typeof window.IntersectionObserver === 'undefined');
  useEffect(() => {
    if (shown) return;
    const element = ref.current;
    if (!element) return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) {
          setShown(true);
          observer.disconnect();
        }
      },
      // Start a screen ahead, so the chart is drawn by the time it scrolls into view.
      { rootMargin: '600px 0px' },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, [shown]);
  if (shown) return <>{children}</>;
  return (
    <div ref={ref} className="app-lazy-placeholder" style={{ minHeight: placeholderHeight }} data-lazy="pending">
      <p className="nhsuk-body-s app-secondary-text">{label}</p>
    </div>
  );
}
