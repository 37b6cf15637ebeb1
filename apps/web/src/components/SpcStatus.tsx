import { AssuranceIcon, VariationIcon } from './MdcIcons';

/**
 * A series' variation and assurance in one line, for summaries (the trust workspace): the
 * Making Data Count icons, each named in plain English for screen readers and as a tooltip.
 */
export function SpcStatus({
  variation,
  assurance,
  hasTarget,
  chart,
}: {
  variation: string | null | undefined;
  assurance: string | null | undefined;
  hasTarget: boolean;
  /** The chart drawn (`run`: too few months for limits, so no assurance). */
  chart?: string | null;
}) {
  return (
    <span className="app-spc-status">
      <span className="app-spc-status__item">{variation ? <VariationIcon variation={variation} size={36} /> : <span>Not analysed yet</span>}</span>
      <span className="app-spc-status__item">
        <AssuranceIcon assurance={assurance} hasTarget={hasTarget} chart={chart} size={36} />
      </span>
    </span>
  );
}
