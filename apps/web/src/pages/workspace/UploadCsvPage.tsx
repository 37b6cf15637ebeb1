import { useState, type ChangeEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useMutation, useQuery } from '@apollo/client/react';
import { RECORD_OBSERVATIONS_MUTATION, WORKSPACE_METRICS_QUERY, WORKSPACE_QUERY } from '../../graphql/workspace';
import { formatPeriod, formatValue } from '../../lib/format';
import { evictTrustData } from '../../lib/refresh';
import { usePageTitle } from '../../lib/usePageTitle';
import { previewObservationsCsv, type CsvPreview } from '../../lib/workspace';
import { SelectField, newCommandId, useFormErrors } from '../../components/FormFields';
import { ErrorMessage } from '../../components/ErrorSummary';
import { Loading, QueryError } from '../../components/QueryError';
import { EditorOnly, useWorkspaceHref } from './useWorkspaceTrust';
import type { WorkspaceNotice } from './WorkspacePage';

/** The preview of a file: every row with its problems. Nothing is saved from here. */
export function CsvPreviewTable({ preview, unit }: { preview: CsvPreview; unit: string }) {
  return (
    <div className="app-table-wrapper" tabIndex={0} role="region" aria-label="Preview of the file">
      <table className="nhsuk-table">
        <caption className="nhsuk-table__caption nhsuk-table__caption--s">What the file contains</caption>
        <thead className="nhsuk-table__head">
          <tr>
            <th scope="col" className="nhsuk-table__header">
              Line
            </th>
            <th scope="col" className="nhsuk-table__header">
              Month
            </th>
            <th scope="col" className="nhsuk-table__header">
              Value
            </th>
            <th scope="col" className="nhsuk-table__header">
              Check
            </th>
          </tr>
        </thead>
        <tbody className="nhsuk-table__body">
          {preview.rows.map((row) => (
            <tr key={row.line} className="nhsuk-table__row">
              <td className="nhsuk-table__cell">{row.line}</td>
              <td className="nhsuk-table__cell">{row.period ? formatPeriod(row.period) : row.monthText || 'None'}</td>
              <td className="nhsuk-table__cell">{row.value !== undefined ? formatValue(row.value, unit) : row.valueText || 'None'}</td>
              <td className="nhsuk-table__cell">
                {row.errors.length === 0 ? (
                  <strong className="nhsuk-tag nhsuk-tag--green">Ready</strong>
                ) : (
                  <ul className="nhsuk-list nhsuk-u-margin-bottom-0">
                    {row.errors.map((e) => (
                      <li key={e} className="nhsuk-error-message nhsuk-u-margin-bottom-0">
                        <span className="nhsuk-u-visually-hidden">Error:</span> {e}
                      </li>
                    ))}
                  </ul>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Upload({ code }: { code: string }) {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const href = useWorkspaceHref();
  const workspace = useQuery(WORKSPACE_QUERY, { variables: { code } });
  const metrics = useQuery(WORKSPACE_METRICS_QUERY);
  const [metric, setMetric] = useState(params.get('metric') ?? '');
  const [text, setText] = useState<string | null>(null);
  const form = useFormErrors(['metric', 'file'], (path) => (path === 'metric' ? 'metric' : path.startsWith('observations') ? 'file' : undefined));
  const [record, { loading }] = useMutation(RECORD_OBSERVATIONS_MUTATION, { update: (cache) => evictTrustData(cache, code) });
  usePageTitle('Upload a CSV file');
  const trust = workspace.data?.trust;
  if (workspace.loading && !trust) return <Loading what="your trust’s data" />;
  if (workspace.error && !trust) return <QueryError error={workspace.error} what="your trust’s data" />;
  if (!trust) return <p>There is no trust with the ODS code {code}.</p>;

  const info = metrics.data?.metrics.find((m) => m.code === metric);
  const recorded = new Set(trust.series.find((s) => s.metric === metric)?.observations.map((o) => o.period) ?? []);
  const preview = text !== null && info ? previewObservationsCsv(text, info, recorded) : null;
  const bad = preview ? preview.fileErrors.length > 0 || preview.rows.some((r) => r.errors.length > 0) : true;

  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    form.clear();
    setText(file ? await file.text() : null);
  };
  const save = async () => {
    if (!metric) return form.fail({ metric: 'Select the measure' });
    if (!preview || text === null) return form.fail({ file: 'Choose a CSV file' });
    if (bad) return form.fail({ file: 'The file has problems: correct them and choose it again. Nothing has been saved' });
    try {
      await record({
        variables: {
          input: {
            trustCode: code,
            metric,
            source: 'CSV upload',
            commandId: newCommandId(),
            observations: preview.rows.map((r) => ({ period: r.period!, value: r.value!, numerator: r.numerator ?? null, denominator: r.denominator ?? null })),
          },
        },
      });
      void navigate(href('/workspace'), {
        state: { done: `${preview.rows.length} months have been recorded for ${info?.name ?? metric}.` } satisfies WorkspaceNotice,
      });
    } catch (error) {
      form.fail(error);
    }
  };

  return (
    <>
      <Link className="nhsuk-back-link" to={href('/workspace')}>
        Back to your workspace
      </Link>
      {form.summary}
      <h1>
        <span className="nhsuk-caption-l">
          {trust.name}
          <span className="nhsuk-u-visually-hidden"> - </span>
        </span>
        Upload a CSV file
      </h1>
      <p>
        The file needs a first row naming the columns, with one called <code>month</code> (like 2025-03 or March 2025) and one called <code>value</code>;{' '}
        <code>numerator</code> and <code>denominator</code> are optional. You will see every row checked before anything is saved.
      </p>
      <SelectField
        id="metric"
        label="Measure"
        value={metric}
        onChange={setMetric}
        options={(metrics.data?.metrics ?? []).map((m) => ({ value: m.code, text: m.name }))}
        placeholder="Select a measure"
        error={form.errors.metric}
      />
      <div className={`nhsuk-form-group${form.errors.file ? ' nhsuk-form-group--error' : ''}`}>
        <label className="nhsuk-label nhsuk-label--s" htmlFor="file">
          CSV file
        </label>
        <ErrorMessage id="file-error" message={form.errors.file} />
        <input
          className="nhsuk-file-upload"
          id="file"
          name="file"
          type="file"
          accept=".csv,text/csv"
          onChange={(e) => void onFile(e)}
          aria-describedby={form.errors.file ? 'file-error' : undefined}
        />
      </div>
      {preview && preview.fileErrors.length > 0 && (
        <ul className="nhsuk-list">
          {preview.fileErrors.map((e) => (
            <li key={e} className="nhsuk-error-message">
              <span className="nhsuk-u-visually-hidden">Error:</span> {e}
            </li>
          ))}
        </ul>
      )}
      {preview && preview.rows.length > 0 && <CsvPreviewTable preview={preview} unit={info?.unit ?? ''} />}
      {preview && !bad && (
        <button className="nhsuk-button" type="button" disabled={loading} onClick={() => void save()}>
          Save {preview.rows.length} {preview.rows.length === 1 ? 'month' : 'months'}
        </button>
      )}
      {preview && bad && <p>Nothing has been saved. Correct the file and choose it again.</p>}
    </>
  );
}

export default function UploadCsvPage() {
  return <EditorOnly what="Upload a CSV file">{(code) => <Upload code={code} />}</EditorOnly>;
}
