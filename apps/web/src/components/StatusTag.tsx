import type { InterventionStatus } from '../__generated__/graphql';
import { STATUS_LABELS, STATUS_TAG_CLASSES, label } from '../lib/labels';

export function StatusTag({ status }: { status: InterventionStatus }) {
  // A status from a newer server than this client gets the neutral colour.
  const modifier = (STATUS_TAG_CLASSES as Readonly<Record<string, string | undefined>>)[status] ?? 'nhsuk-tag--grey';
  return <strong className={`nhsuk-tag ${modifier}`}>{label(STATUS_LABELS, status)}</strong>;
}
