/**
 * The ten factors of the NHS Sustainability Model (Maher, Gustafson and Evans, NHS Institute for
 * Innovation and Improvement, 2010) in its three groups, and how Longview scores a team's
 * self-assessment against them.
 *
 * The factors and groups are the Model's. The SCORES are not: the Model's guide publishes a
 * weighted "master score system" (levels a-d per factor, weighted so the total is out of about
 * 100), but we could not find its per-level figures in a source we can cite, so Longview does not
 * use or imitate them. Instead every factor is scored on Longview's own linear scale
 * (LONGVIEW_LINEAR_V1, docs/sustainability-self-assessment.md): level 1 (weakest) to 4
 * (strongest), each factor worth the same 10 points, level L scoring (L - 1) / 3 x 10, so the
 * total runs 0-100. The level descriptions below are Longview's short paraphrases, not the
 * Model's wording.
 */

export const SUSTAINABILITY_GROUPS = ['PROCESS', 'STAFF', 'ORGANISATION'] as const;
export type SustainabilityGroup = (typeof SUSTAINABILITY_GROUPS)[number];

export const SUSTAINABILITY_FACTORS = [
  'BENEFITS_BEYOND_HELPING_PATIENTS',
  'CREDIBILITY_OF_THE_BENEFITS',
  'ADAPTABILITY',
  'EFFECTIVENESS_OF_MONITORING',
  'STAFF_INVOLVEMENT_AND_TRAINING',
  'STAFF_BEHAVIOURS',
  'SENIOR_LEADERSHIP_ENGAGEMENT',
  'CLINICAL_LEADERSHIP_ENGAGEMENT',
  'FIT_WITH_AIMS_AND_CULTURE',
  'INFRASTRUCTURE_FOR_SUSTAINABILITY',
] as const;
export type SustainabilityFactor = (typeof SUSTAINABILITY_FACTORS)[number];

export interface SustainabilityFactorInfo {
  readonly factor: SustainabilityFactor;
  readonly group: SustainabilityGroup;
  /** The factor's name as the Model gives it. */
  readonly name: string;
  /** What levels 1 (weakest) to 4 (strongest) mean: Longview's short paraphrases. */
  readonly levels: readonly [string, string, string, string];
}

export const SUSTAINABILITY_FACTOR_INFO: readonly SustainabilityFactorInfo[] = [
  {
    factor: 'BENEFITS_BEYOND_HELPING_PATIENTS',
    group: 'PROCESS',
    name: 'Benefits beyond helping patients',
    levels: [
      'The change brings no benefit beyond patients: no time saved, no easier jobs.',
      'Some staff find it saves a little time or effort.',
      'It makes jobs easier or saves time or money for most of those involved.',
      'It clearly saves time, money or effort and staff see the benefit every day.',
    ],
  },
  {
    factor: 'CREDIBILITY_OF_THE_BENEFITS',
    group: 'PROCESS',
    name: 'Credibility of the benefits',
    levels: [
      'The benefits are not known or not believed.',
      'Some people know the benefits; the evidence is thin.',
      'The benefits are supported by evidence and known to most staff.',
      'The benefits are visible to everyone, backed by evidence and believed.',
    ],
  },
  {
    factor: 'ADAPTABILITY',
    group: 'PROCESS',
    name: 'Adaptability of the improved process',
    levels: [
      'It depends on particular people or money and would stop if they went.',
      'It could survive small changes in staff or structure.',
      'It can adapt to most changes in staff, leadership or structure.',
      'It keeps going whatever changes around it, and adapts as it goes.',
    ],
  },
  {
    factor: 'EFFECTIVENESS_OF_MONITORING',
    group: 'PROCESS',
    name: 'Effectiveness of the system to monitor progress',
    levels: [
      'Nobody measures whether the change is still working.',
      'Progress is measured now and then, and rarely fed back.',
      'Progress is measured regularly and shared with the team.',
      'Progress is measured continually, shared, and acted on when it slips.',
    ],
  },
  {
    factor: 'STAFF_INVOLVEMENT_AND_TRAINING',
    group: 'STAFF',
    name: 'Staff involvement and training to sustain the process',
    levels: [
      'Staff were not involved and have not been trained.',
      'Some staff were involved or trained.',
      'Most staff were involved from the start and trained for the new way.',
      'Staff shaped the change from the start and training is built into routine.',
    ],
  },
  {
    factor: 'STAFF_BEHAVIOURS',
    group: 'STAFF',
    name: 'Staff behaviours toward sustaining the change',
    levels: [
      'Staff resist the change or expect it to fade.',
      'Some staff believe it will last; many are waiting to see.',
      'Most staff believe it will last and feel able to keep it going.',
      'Staff own the change and would defend it.',
    ],
  },
  {
    factor: 'SENIOR_LEADERSHIP_ENGAGEMENT',
    group: 'STAFF',
    name: 'Senior leadership engagement',
    levels: [
      'Senior leaders are unaware of or uninvolved in the change.',
      'Senior leaders know of it but take little part.',
      'Senior leaders support it and are kept informed.',
      'Senior leaders champion it, share responsibility and remove obstacles.',
    ],
  },
  {
    factor: 'CLINICAL_LEADERSHIP_ENGAGEMENT',
    group: 'STAFF',
    name: 'Clinical leadership engagement',
    levels: [
      'Clinical leaders are unaware of or uninvolved in the change.',
      'Clinical leaders know of it but take little part.',
      'Clinical leaders support it and are kept informed.',
      'Clinical leaders champion it and lead others in it.',
    ],
  },
  {
    factor: 'FIT_WITH_AIMS_AND_CULTURE',
    group: 'ORGANISATION',
    name: "Fit with the organisation's strategic aims and culture",
    levels: [
      'The change does not fit the organisation’s aims, and past changes have not lasted.',
      'It fits some aims; the organisation has a mixed record of sustaining change.',
      'It fits the organisation’s aims and culture.',
      'It is central to the organisation’s aims, in a culture that sustains change.',
    ],
  },
  {
    factor: 'INFRASTRUCTURE_FOR_SUSTAINABILITY',
    group: 'ORGANISATION',
    name: 'Infrastructure for sustainability',
    levels: [
      'No staff, facilities, policies or money are in place to keep it going.',
      'Some resources are in place but not secured.',
      'Most resources are in place: job descriptions, policies, equipment.',
      'Everything needed is in place and built into the organisation’s plans.',
    ],
  },
];

export const SUSTAINABILITY_GROUP_NAMES: { readonly [G in SustainabilityGroup]: string } = {
  PROCESS: 'Process',
  STAFF: 'Staff',
  ORGANISATION: 'Organisation',
};

/** The identifier of the scale the scores are computed on (Longview's own; see the module comment). */
export const SUSTAINABILITY_SCALE = 'LONGVIEW_LINEAR_V1';
export const MIN_SUSTAINABILITY_LEVEL = 1;
export const MAX_SUSTAINABILITY_LEVEL = 4;
/** Points a factor is worth at its strongest level: ten factors, 100 in all. */
export const POINTS_PER_FACTOR = 10;
export const MAX_SUSTAINABILITY_TOTAL = POINTS_PER_FACTOR * SUSTAINABILITY_FACTORS.length;

export interface FactorLevel {
  readonly factor: SustainabilityFactor;
  readonly level: number;
}

export interface ScoredFactor extends FactorLevel {
  readonly group: SustainabilityGroup;
  readonly score: number;
}

export interface SustainabilityScore {
  readonly scale: typeof SUSTAINABILITY_SCALE;
  /** 0-100, one decimal. */
  readonly total: number;
  readonly max: number;
  readonly scores: readonly ScoredFactor[];
  readonly groups: readonly { readonly group: SustainabilityGroup; readonly score: number; readonly max: number }[];
}

const round1 = (x: number) => Math.round(x * 10) / 10;

export function infoOf(factor: SustainabilityFactor): SustainabilityFactorInfo {
  return SUSTAINABILITY_FACTOR_INFO.find((f) => f.factor === factor) as SustainabilityFactorInfo;
}

/** One factor's points on Longview's linear scale: (level - 1) / 3 x 10, unrounded. */
export function factorPoints(level: number): number {
  return ((level - MIN_SUSTAINABILITY_LEVEL) * POINTS_PER_FACTOR) / (MAX_SUSTAINABILITY_LEVEL - MIN_SUSTAINABILITY_LEVEL);
}

/**
 * Scores a complete assessment (each of the ten factors once, levels 1-4; the decider has
 * checked that). Factor, group and total scores are each rounded to one decimal from the
 * unrounded points, so a total is never off by the sum of rounding errors.
 */
export function scoreSustainability(levels: readonly FactorLevel[]): SustainabilityScore {
  const ordered = SUSTAINABILITY_FACTORS.map((factor) => {
    const level = levels.find((l) => l.factor === factor)?.level ?? MIN_SUSTAINABILITY_LEVEL;
    return { factor, level, group: infoOf(factor).group, points: factorPoints(level) };
  });
  const groups = SUSTAINABILITY_GROUPS.map((group) => {
    const inGroup = ordered.filter((f) => f.group === group);
    return { group, score: round1(inGroup.reduce((s, f) => s + f.points, 0)), max: inGroup.length * POINTS_PER_FACTOR };
  });
  return {
    scale: SUSTAINABILITY_SCALE,
    total: round1(ordered.reduce((s, f) => s + f.points, 0)),
    max: MAX_SUSTAINABILITY_TOTAL,
    scores: ordered.map(({ factor, level, group, points }) => ({ factor, level, group, score: round1(points) })),
    groups,
  };
}
