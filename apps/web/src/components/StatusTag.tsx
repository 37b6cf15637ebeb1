import { STATUS_LABELS, STATUS_TAG_CLASSES, label } from '../lib/labels';

export function StatusTag({ status }: { status: string }) {
  const modifier = STATUS_TAG_CLASSES[status] ?? 'nhsuk-tag--grey';
  return <strong className={`nhsuk-tag ${modifier}`}>{label(STATUS_LABELS, status)}</strong>;
}
