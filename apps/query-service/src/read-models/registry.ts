import { activityFeed } from './activity-feed/activity-feed.read-model';
import { comments } from './comments/comments.read-model';
import { driverDiagrams } from './driver-diagrams/driver-diagrams.read-model';
import { interventionLineage } from './intervention-lineage/intervention-lineage.read-model';
import { interventionSummary } from './intervention-summary/intervention-summary.read-model';
import { lessons } from './lessons/lessons.read-model';
import { localMeasures } from './local-measures/local-measures.read-model';
import { mentorship } from './mentorship/mentorship.read-model';
import { metricCoverage } from './metric-coverage/metric-coverage.read-model';
import { metricSeries } from './metric-series/metric-series.read-model';
import { programmes } from './programmes/programmes.read-model';
import type { ReadModel } from './read-model';
import { timeTravel } from './time-travel/time-travel.read-model';
import { sustainabilityAssessments } from './sustainability-assessments/sustainability-assessments.read-model';
import { trustDirectory } from './trust-directory/trust-directory.read-model';

/**
 * Every read model, one line each. Order does not matter: each projection owns its tables and
 * reads no other's (tested by applying them in reverse order).
 */
export const READ_MODELS: readonly ReadModel[] = [
  trustDirectory,
  interventionSummary,
  metricSeries,
  metricCoverage,
  mentorship,
  interventionLineage,
  activityFeed,
  lessons,
  comments,
  timeTravel,
  programmes,
  sustainabilityAssessments,
  driverDiagrams,
  localMeasures,
];
