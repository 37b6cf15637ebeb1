import { MDC_COLOURS, assuranceIcon, variationIcon, type AssuranceContext, type AssuranceKind, type VariationKind } from '../lib/mdcIcons';

/**
 * The Making Data Count variation and assurance icons as inline SVG (see lib/mdcIcons.ts for
 * which icon each result gets). Each is an image with a plain-English name (role="img",
 * aria-label and a <title> for the tooltip), so the colour is never the only signal.
 */

const OUTLINE: Record<VariationKind, string> = {
  common: MDC_COLOURS.common,
  improvement: MDC_COLOURS.improvement,
  concern: MDC_COLOURS.concern,
  neutral: MDC_COLOURS.neutral,
};

const LETTER: Record<VariationKind, string> = {
  common: MDC_COLOURS.common,
  improvement: MDC_COLOURS.improvementDark,
  concern: MDC_COLOURS.concernDark,
  neutral: MDC_COLOURS.neutral,
};

const DOT_X = [8, 12, 16, 20, 24, 28, 32] as const;
/** Dot heights: an even zig-zag (common cause), a step up at the end (high), a step down (low). */
const DOT_Y = {
  common: [21, 17, 23, 18, 22, 17, 21],
  high: [26, 27, 25, 26, 18, 16, 14],
  low: [16, 15, 17, 16, 24, 26, 28],
} as const;

interface IconProps {
  /** Width and height in CSS pixels. */
  size?: number;
  className?: string;
}

export function VariationIcon({ variation, size = 40, className }: IconProps & { variation: string | null | undefined }) {
  const spec = variationIcon(variation);
  if (!spec) return null;
  const ys = spec.letter === 'H' ? DOT_Y.high : spec.letter === 'L' ? DOT_Y.low : DOT_Y.common;
  const special = spec.kind !== 'common';
  const line = DOT_X.map((x, i) => `${i === 0 ? 'M' : 'L'}${x},${ys[i]}`).join(' ');
  return (
    <svg
      className={`app-mdc-icon app-mdc-icon--variation app-mdc-icon--${spec.kind}${className ? ` ${className}` : ''}`}
      width={size}
      height={size}
      viewBox="0 0 40 40"
      role="img"
      aria-label={spec.label}
      focusable="false"
      data-icon={`variation-${spec.kind}${spec.letter ? `-${spec.letter.toLowerCase()}` : ''}`}
    >
      <title>{spec.label}</title>
      <circle cx="20" cy="20" r="18" fill="#ffffff" stroke={OUTLINE[spec.kind]} strokeWidth="3" />
      <path d={line} fill="none" stroke={MDC_COLOURS.common} strokeWidth="1.2" />
      {DOT_X.map((x, i) => {
        const coloured = special && i >= 4;
        return <circle key={x} cx={x} cy={ys[i]} r={coloured ? 2.4 : 2} fill={coloured ? OUTLINE[spec.kind] : MDC_COLOURS.common} />;
      })}
      {spec.letter && (
        <text
          x="13"
          y={spec.letter === 'H' ? 17 : 32}
          textAnchor="middle"
          fontSize="11"
          fontWeight="700"
          fontFamily="Arial, sans-serif"
          fill={LETTER[spec.kind]}
        >
          {spec.letter}
        </text>
      )}
    </svg>
  );
}

const ASSURANCE_OUTLINE: Record<AssuranceKind, string> = {
  pass: MDC_COLOURS.improvement,
  fail: MDC_COLOURS.concern,
  'hit-and-miss': MDC_COLOURS.common,
  none: '#aeb7bd',
};

export function AssuranceIcon({ assurance, hasTarget, chart, size = 40, className }: IconProps & AssuranceContext & { assurance: string | null | undefined }) {
  const spec = assuranceIcon(assurance, { hasTarget, chart });
  return (
    <svg
      className={`app-mdc-icon app-mdc-icon--assurance app-mdc-icon--${spec.kind}${className ? ` ${className}` : ''}`}
      width={size}
      height={size}
      viewBox="0 0 40 40"
      role="img"
      aria-label={spec.label}
      focusable="false"
      data-icon={`assurance-${spec.kind}`}
    >
      <title>{spec.label}</title>
      <circle
        cx="20"
        cy="20"
        r="18"
        fill="#ffffff"
        stroke={ASSURANCE_OUTLINE[spec.kind]}
        strokeWidth="3"
        strokeDasharray={spec.kind === 'none' ? '4 3' : undefined}
      />
      {spec.letter && (
        <>
          <text
            x="20"
            y="27"
            textAnchor="middle"
            fontSize="20"
            fontWeight="700"
            fontFamily="Arial, sans-serif"
            fill={spec.kind === 'pass' ? MDC_COLOURS.improvementDark : MDC_COLOURS.concernDark}
          >
            {spec.letter}
          </text>
          <line x1="9" x2="31" y1="32" y2="32" stroke="#d5281b" strokeWidth="1.5" strokeDasharray="3 2" />
        </>
      )}
      {spec.kind === 'hit-and-miss' && (
        <>
          <line x1="5" x2="35" y1="20" y2="20" stroke="#d5281b" strokeWidth="1.5" strokeDasharray="3 2" />
          <path d="M7,26 L13,13 L20,27 L27,13 L33,26" fill="none" stroke={MDC_COLOURS.common} strokeWidth="2.4" strokeLinejoin="round" />
        </>
      )}
      {spec.kind === 'none' && <line x1="12" x2="28" y1="20" y2="20" stroke="#aeb7bd" strokeWidth="3" strokeLinecap="round" />}
    </svg>
  );
}
