import type { LocalMeasureView } from '@longview/contracts';
import { metricForTrust, type Direction, type LocalMeasure, type MetricDefinition } from '@longview/domain';
import type { Database } from '@longview/event-store';

interface Row {
  code: string;
  trust_code: string;
  name: string;
  unit: string;
  direction: string;
  defined_at: string;
}

/**
 * Local measures are part of a trust's public profile (like its name and context): what a trust
 * measures is not hidden, whatever the sharing of the interventions that use it.
 */
export class LocalMeasureQueries {
  constructor(private readonly db: Database) {}

  async ofTrust(trustCode: string): Promise<LocalMeasureView[]> {
    const { rows } = await this.db.query<Row>('SELECT * FROM rm_local_measures WHERE trust_code = $1 ORDER BY defined_position', [trustCode]);
    return rows.map(toView);
  }

  /** Batch: the measures of each code asked, in the order asked. */
  async ofTrusts(trustCodes: readonly string[]): Promise<{ trustCode: string; measures: LocalMeasureView[] }[]> {
    if (trustCodes.length === 0) return [];
    const { rows } = await this.db.query<Row>('SELECT * FROM rm_local_measures WHERE trust_code = ANY($1) ORDER BY defined_position', [trustCodes]);
    const views = rows.map(toView);
    return trustCodes.map((trustCode) => ({ trustCode, measures: views.filter((v) => v.trustCode === trustCode) }));
  }

  async measure(code: string): Promise<LocalMeasureView | undefined> {
    const { rows } = await this.db.query<Row>('SELECT * FROM rm_local_measures WHERE code = $1', [code]);
    return rows[0] ? toView(rows[0]) : undefined;
  }

  /**
   * The definition of `metric` for `trustCode` (catalogue, or the trust's own local measure),
   * by the domain's one rule (metricForTrust); undefined when the code is not valid for the trust.
   */
  async definitionFor(trustCode: string | undefined, metric: string): Promise<MetricDefinition | undefined> {
    const local = await this.measure(metric);
    return metricForTrust(metric, trustCode ?? local?.trustCode, local ? [asLocalMeasure(local)] : []);
  }
}

export function asLocalMeasure(view: LocalMeasureView): LocalMeasure {
  return { code: view.code, trustCode: view.trustCode, name: view.name, unit: view.unit, improvement: view.direction };
}

function toView(row: Row): LocalMeasureView {
  return { code: row.code, trustCode: row.trust_code, name: row.name, unit: row.unit, direction: row.direction as Direction, definedAt: row.defined_at };
}
