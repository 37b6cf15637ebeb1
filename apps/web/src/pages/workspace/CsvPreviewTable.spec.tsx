import { describe, expect, it } from '@jest/globals';
import { renderToStaticMarkup } from 'react-dom/server';
import { previewObservationsCsv } from '../../lib/workspace';
import { CsvPreviewTable } from './UploadCsvPage';

const AE = { code: 'ae-4hr', name: 'A&E 4-hour performance', unit: '%', validMin: 0, validMax: 100 };

describe('CsvPreviewTable', () => {
  it('shows each row of the file as read, with its own problems in plain English', () => {
    const preview = previewObservationsCsv('month,value\n2025-01,71.2\nFebruary 2025,abc\n2024-12,72\n', AE, new Set(['2024-12']));
    const html = renderToStaticMarkup(<CsvPreviewTable preview={preview} unit="%" />);
    expect(html).toContain('January 2025');
    expect(html).toContain('71.2%');
    expect(html.match(/Ready/g)).toHaveLength(1);
    expect(html).toContain('The value must be a number, like 76.5');
    expect(html).toContain('December 2024 is already recorded: correct it on its own page, with a reason');
    expect(html).not.toMatch(/RecordObservations|recordObservations/);
  });
});
