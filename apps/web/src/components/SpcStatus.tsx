import { assuranceMeaning, variationMeaning } from '../lib/spc';

/**
 * A series' variation and assurance in one line, for summaries (the trust workspace). Text
 * labels for now; the Making Data Count icons replace them here, in this one component.
 */
export function SpcStatus({
  variation,
  assurance,
  hasTarget,
}: {
  variation: string | null | undefined;
  assurance: string | null | undefined;
  hasTarget: boolean;
}) {
  const v = variationMeaning(variation);
  const a = assuranceMeaning(assurance);
  return (
    <span className="app-spc-status">
      <span className="app-spc-status__item">
        <span className="nhsuk-u-visually-hidden">Variation: </span>
        {v ? (
          <strong className={`nhsuk-tag ${v.tag}`} title={v.explanation}>
            {v.label}
          </strong>
        ) : (
          <span>Not analysed yet</span>
        )}
      </span>{' '}
      <span className="app-spc-status__item">
        <span className="nhsuk-u-visually-hidden">Assurance: </span>
        {a ? (
          <strong className={`nhsuk-tag ${a.tag}`} title={a.explanation}>
            {a.label}
          </strong>
        ) : (
          <strong className="nhsuk-tag nhsuk-tag--white">{hasTarget ? 'No assurance yet' : 'No target'}</strong>
        )}
      </span>
    </span>
  );
}
