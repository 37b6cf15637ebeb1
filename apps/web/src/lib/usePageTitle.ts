import { useEffect } from 'react';

export const SERVICE_NAME = 'Longview';

/** Sets document.title to `<page> - Longview` (the NHS pattern). */
export function usePageTitle(title: string | null | undefined): void {
  useEffect(() => {
    document.title = title ? `${title} - ${SERVICE_NAME}` : SERVICE_NAME;
  }, [title]);
}
