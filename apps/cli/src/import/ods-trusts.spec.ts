import { OdsImportError, parseOdsTrusts, regionFromPostcode, titleCaseTrustName } from './ods-trusts';

describe('titleCaseTrustName', () => {
  it.each([
    ["GUY'S AND ST THOMAS' NHS FOUNDATION TRUST", "Guy's and St Thomas' NHS Foundation Trust"],
    ["THE QUEEN ELIZABETH HOSPITAL, KING'S LYNN, NHS FOUNDATION TRUST", "The Queen Elizabeth Hospital, King's Lynn, NHS Foundation Trust"],
    ['UNIVERSITY HOSPITALS OF NORTH MIDLANDS NHS TRUST', 'University Hospitals of North Midlands NHS Trust'],
    ['NORTHUMBRIA HEALTHCARE NHS FOUNDATION TRUST', 'Northumbria Healthcare NHS Foundation Trust'],
    ['ROYAL BROMPTON & HAREFIELD NHS FOUNDATION TRUST', 'Royal Brompton & Harefield NHS Foundation Trust'],
    ['STOKE-ON-TRENT NHS TRUST', 'Stoke-on-Trent NHS Trust'],
    ['2GETHER NHS FOUNDATION TRUST', '2gether NHS Foundation Trust'],
  ])('%s -> %s', (raw, nice) => expect(titleCaseTrustName(raw)).toBe(nice));
});

describe('parseOdsTrusts', () => {
  const header =
    'code,name,national_grouping,health_geography,address1,address2,address3,address4,address5,postcode,open_date,close_date,c13,c14,c15,c16,c17,c18,c19,c20,c21,c22,c23,gor';
  const row = (code: string, name: string, postcode: string, gor: string, close = '') =>
    `${code},${name},Y56,Q71,"1 HIGH STREET, TOWN",,,,,${postcode},20010401,${close},,,,,,,,,,,,${gor}`;

  it('maps gor letters to NHS England regions, skips Wales, uses the postcode when gor is blank', () => {
    const trusts = parseOdsTrusts(
      [
        header,
        row('RA1', 'NORTH TEES NHS TRUST', 'TS19 8PE', 'A'),
        row('RA2', 'LEEDS THING NHS TRUST', 'LS1 3EX', 'D'),
        row('RA3', 'WEST MIDS NHS TRUST', 'B15 2TH', 'F'),
        row('RA4', 'EAST MIDS NHS TRUST', 'NG5 1PB', 'E'),
        row('RA5', 'NORFOLK NHS TRUST', 'NR4 7UY', 'G'),
        row('RA6', 'LONDON NHS TRUST', 'SE1 7EH', 'H'),
        row('RA7', 'KENT NHS TRUST', 'ME16 9QQ', 'J'),
        row('RA8', 'DEVON NHS TRUST', 'EX2 5DW', 'K'),
        row('RA9', 'MERSEY NHS TRUST', 'L7 8XP', 'B'),
        row('7A1', 'BETSI CADWALADR UNIVERSITY LHB', 'LL57 2PW', 'W'),
        row('R0A', 'MANCHESTER UNIVERSITY NHS FOUNDATION TRUST', 'M13 9WL', ''),
        row('RQ1', 'OLD NHS TRUST', 'SE1 7EH', 'H', '20150331'),
      ].join('\n'),
    );
    expect(Object.fromEntries([...trusts].map(([code, t]) => [code, t.region]))).toEqual({
      RA1: 'NORTH_EAST_AND_YORKSHIRE',
      RA2: 'NORTH_EAST_AND_YORKSHIRE',
      RA3: 'MIDLANDS',
      RA4: 'MIDLANDS',
      RA5: 'EAST_OF_ENGLAND',
      RA6: 'LONDON',
      RA7: 'SOUTH_EAST',
      RA8: 'SOUTH_WEST',
      RA9: 'NORTH_WEST',
      R0A: 'NORTH_WEST',
      RQ1: 'LONDON',
    });
    expect(trusts.get('RA1')).toEqual({ name: 'North Tees NHS Trust', region: 'NORTH_EAST_AND_YORKSHIRE', postcode: 'TS19 8PE', openDate: '2001-04-01' });
    expect(trusts.get('RQ1')?.closeDate).toBe('2015-03-31');
  });

  it('rejects an unknown region letter with its line', () => {
    expect(() => parseOdsTrusts([header, row('RA1', 'X NHS TRUST', 'TS1 1AA', 'A'), row('RA2', 'Y NHS TRUST', 'TS1 1AA', 'Q')].join('\n'))).toThrow(
      /line 3: column "gor" value "Q"/,
    );
  });

  it('rejects a code that cannot be a trust, and reports a broken quote with its line', () => {
    expect(() => parseOdsTrusts([header, row('RA1', 'X NHS TRUST', 'TS1 1AA', 'A'), row('C82009', 'A GP PRACTICE', 'TS1 1AA', 'A')].join('\n'))).toThrow(
      /line 3: column "code" value "C82009" is not a trust's ODS code/,
    );
    expect(() => parseOdsTrusts([header, row('RA1', 'X NHS TRUST', 'TS1 1AA', 'A'), '"RA2,"Y'].join('\n'))).toThrow(OdsImportError);
    expect(() => parseOdsTrusts([header, row('RA1', 'X NHS TRUST', 'TS1 1AA', 'A'), '"RA2,"Y'].join('\n'))).toThrow(/^line 3: /);
  });

  it('finds regions from postcode areas', () => {
    expect(regionFromPostcode('SR4 7TP')).toBe('NORTH_EAST_AND_YORKSHIRE');
    expect(regionFromPostcode('m13 9wl')).toBe('NORTH_WEST');
    expect(regionFromPostcode('CF14 4XW')).toBeUndefined();
  });
});
