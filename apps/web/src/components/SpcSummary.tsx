import type { SpcAnalysisFieldsFragment } from '../__generated__/graphql';
import { assuranceIcon, variationIcon } from '../lib/mdcIcons';
import { AssuranceIcon, VariationIcon } from './MdcIcons';

/**
 * The Making Data Count variation and assurance icons, each with what it means. The variation
 * icon reads the latest point; the assurance icon compares the target with the latest process
 * limits (none without a target, or on a run chart).
 */
export function SpcIcons({
  variation,
  assurance,
  hasTarget,
  chart,
}: Pick<SpcAnalysisFieldsFragment, 'variation' | 'assurance'> & { hasTarget: boolean; chart?: string | null }) {
  const v = variationIcon(variation);
  if (!v) return null;
  const a = assuranceIcon(assurance, { hasTarget, chart });
  return (
    <dl className="app-spc-icons">
      <div className="app-spc-icons__item">
        <dt>
          <VariationIcon variation={variation} size={48} />
        </dt>
        <dd>
          <strong className="app-spc-icons__name">Variation.</strong> {v.explanation}
        </dd>
      </div>
      <div className="app-spc-icons__item">
        <dt>
          <AssuranceIcon assurance={assurance} hasTarget={hasTarget} chart={chart} size={48} />
        </dt>
        <dd>
          <strong className="app-spc-icons__name">Assurance.</strong> {a.explanation}
        </dd>
      </div>
    </dl>
  );
}

/** The NHS details component explaining how to read an SPC chart. */
export function HowToReadSpc() {
  return (
    <details className="nhsuk-details">
      <summary className="nhsuk-details__summary">
        <span className="nhsuk-details__summary-text">How to read this chart</span>
      </summary>
      <div className="nhsuk-details__text">
        <p>
          This is a statistical process control (SPC) chart, drawn the NHS <i>Making Data Count</i> way. Every month varies a little by chance. The{' '}
          <strong>mean</strong> (solid line) and the <strong>process limits</strong> (dashed lines) show the range the measure usually stays within: about 99
          months in 100 fall inside them while nothing changes.
        </p>
        <p>
          A point is a <strong>special cause</strong> — a real change, not chance — when:
        </p>
        <ul>
          <li>it is outside a process limit</li>
          <li>7 points in a row are above (or below) the mean — a shift</li>
          <li>7 points in a row rise (or fall) — a trend</li>
          <li>2 of 3 points in a row are close to the same limit</li>
        </ul>
        <p>
          Special cause points are <span className="app-spc__text--improvement">blue</span> when the change is an improvement,{' '}
          <span className="app-spc__text--concern">orange</span> when it is a concern and <span className="app-spc__text--neutral">purple</span> when the
          direction is neither better nor worse. Grey points are common cause: ordinary variation.
        </p>
        <p>
          When a process was deliberately changed, the chart can be <strong>rebased</strong>: a new mean and new limits are calculated from that month, and the
          lines step. Limits from fewer than 12 points are <strong>trial limits</strong>.
        </p>
        <p>
          The red line is the target (the national standard). If the target is inside the limits, it will be hit and missed at random; if it is outside, it will
          be consistently met or missed until the process changes.
        </p>
      </div>
    </details>
  );
}
