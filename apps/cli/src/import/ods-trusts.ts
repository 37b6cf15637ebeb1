/**
 * Pure parser of the Organisation Data Service "etr" (NHS trusts) file as published around
 * 2017: code, name, ..., postcode, open_date, close_date, c13..c23, gor.
 * The `gor` letter (Government Office Region) is mapped onto the seven NHS England regions;
 * Welsh trusts are skipped. Where `gor` is blank the postcode area decides the region.
 */
import { CsvSyntaxError, parseCsv } from '@longview/analytics';
import { ODS_CODE, type Region } from '@longview/domain';

export interface OdsTrust {
  /** Title-cased name, e.g. "Guy's and St Thomas' NHS Foundation Trust". */
  readonly name: string;
  readonly region: Region;
  readonly postcode?: string;
  /** YYYY-MM-DD, when the file gives an open date. */
  readonly openDate?: string;
  /** YYYY-MM-DD, when the trust has closed. */
  readonly closeDate?: string;
}

export class OdsImportError extends Error {
  constructor(
    readonly line: number,
    readonly detail: string,
  ) {
    super(`line ${line}: ${detail}`);
    this.name = 'OdsImportError';
  }
}

/** `gor` letter -> NHS England region; `W` (Wales) maps to null and is skipped. */
export const GOR_TO_REGION: Readonly<Record<string, Region | null>> = {
  A: 'NORTH_EAST_AND_YORKSHIRE',
  D: 'NORTH_EAST_AND_YORKSHIRE',
  B: 'NORTH_WEST',
  E: 'MIDLANDS',
  F: 'MIDLANDS',
  G: 'EAST_OF_ENGLAND',
  H: 'LONDON',
  J: 'SOUTH_EAST',
  K: 'SOUTH_WEST',
  W: null,
};

const AREA = (region: Region, areas: string): [string, Region][] => areas.split(' ').map((a) => [a, region]);

/**
 * English postcode areas -> NHS England region, used only when `gor` is blank. Areas that
 * straddle a boundary go to the region holding most of their population; Welsh areas are absent.
 */
export const POSTCODE_AREA_TO_REGION: ReadonlyMap<string, Region> = new Map([
  ...AREA('NORTH_EAST_AND_YORKSHIRE', 'NE SR DH DL TS YO HU LS BD HX HD WF HG S DN'),
  ...AREA('NORTH_WEST', 'M L WA WN BL OL SK PR BB FY LA CA CH CW'),
  ...AREA('MIDLANDS', 'B CV WV WS DY ST TF SY WR HR DE NG LE LN NN'),
  ...AREA('EAST_OF_ENGLAND', 'CB CM CO IP NR PE SG AL LU SS WD'),
  ...AREA('LONDON', 'E EC N NW SE SW W WC BR CR EN HA IG RM SM TW UB'),
  ...AREA('SOUTH_EAST', 'BN CT DA GU HP KT ME MK OX PO RG RH SL SO TN'),
  ...AREA('SOUTH_WEST', 'BA BH BS DT EX GL PL SN SP TA TQ TR'),
]);

export function regionFromPostcode(postcode: string): Region | undefined {
  const area = /^([A-Z]{1,2})\d/.exec(postcode.trim().toUpperCase())?.[1];
  return area === undefined ? undefined : POSTCODE_AREA_TO_REGION.get(area);
}

const SMALL_WORDS = new Set(['and', 'of', 'the', 'for', 'in', 'on', 'upon', 'at', 'with', 'under']);
const UPPER_WORDS = new Set(['NHS', 'UK', 'HIV', 'CIC', 'LLP', 'CCG']);

function capitalise(word: string): string {
  // "KING'S" -> "King's", "2GETHER" -> "2gether"
  const lower = word.toLowerCase();
  const at = lower.search(/[a-z]/);
  if (at < 0 || /^\d/.test(lower)) return lower;
  return lower.slice(0, at) + lower.charAt(at).toUpperCase() + lower.slice(at + 1);
}

/** "GUY'S AND ST THOMAS' NHS FOUNDATION TRUST" -> "Guy's and St Thomas' NHS Foundation Trust". */
export function titleCaseTrustName(raw: string): string {
  const words = raw
    .trim()
    .split(/\s+/)
    .filter((w) => w.length > 0);
  return words
    .map((word, i) =>
      word
        .split('-')
        .map((part, j) => {
          const upper = part.toUpperCase();
          if (UPPER_WORDS.has(upper.replace(/[^A-Z]/g, ''))) return upper;
          const lower = part.toLowerCase();
          if ((i > 0 || j > 0) && SMALL_WORDS.has(lower)) return lower;
          return capitalise(part);
        })
        .join('-'),
    )
    .join(' ');
}

function isoDate(yyyymmdd: string | undefined): string | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec((yyyymmdd ?? '').trim());
  return m ? `${m[1]}-${m[2]}-${m[3]}` : undefined;
}

/**
 * Parses the ODS trusts file into code -> { name, region, postcode }. Rows whose region cannot be
 * determined (Welsh trusts, blank `gor` with an unknown postcode area) are left out.
 */
export function parseOdsTrusts(text: string): Map<string, OdsTrust> {
  let records;
  try {
    records = parseCsv(text);
  } catch (e) {
    if (e instanceof CsvSyntaxError) throw new OdsImportError(e.line, e.detail);
    throw e;
  }
  const header = records[0];
  if (!header) throw new OdsImportError(1, 'the file is empty: expected a header row');
  const names = header.fields.map((f) => f.trim().toLowerCase());
  const col = (name: string) => {
    const at = names.indexOf(name);
    if (at < 0) throw new OdsImportError(header.line, `header has no column "${name}"`);
    return at;
  };
  const codeAt = col('code');
  const nameAt = col('name');
  const gorAt = col('gor');
  const postcodeAt = names.indexOf('postcode');
  const openAt = names.indexOf('open_date');
  const closeAt = names.indexOf('close_date');
  const trusts = new Map<string, OdsTrust>();
  for (const { line, fields } of records.slice(1)) {
    if (fields.length !== names.length) {
      throw new OdsImportError(line, `expected ${names.length} columns but found ${fields.length}`);
    }
    const code = fields[codeAt]!.trim().toUpperCase();
    const rawName = fields[nameAt]!.trim();
    // The file lists NHS trusts only, and each becomes (or names) a Longview trust.
    if (!ODS_CODE.test(code)) throw new OdsImportError(line, `column "code" value "${fields[codeAt]}" is not a trust's ODS code (3 to 5 letters or digits)`);
    if (rawName === '') throw new OdsImportError(line, `column "name" is empty for code "${code}"`);
    const gor = fields[gorAt]!.trim().toUpperCase();
    const postcode = postcodeAt >= 0 ? fields[postcodeAt]!.trim() : '';
    let region: Region | null | undefined;
    if (gor !== '') {
      region = GOR_TO_REGION[gor];
      if (region === undefined) throw new OdsImportError(line, `column "gor" value "${gor}" is not a known region letter`);
    } else {
      region = postcode ? regionFromPostcode(postcode) : undefined;
    }
    if (!region) continue;
    const openDate = openAt >= 0 ? isoDate(fields[openAt]) : undefined;
    const closeDate = closeAt >= 0 ? isoDate(fields[closeAt]) : undefined;
    trusts.set(code, {
      name: titleCaseTrustName(rawName),
      region,
      ...(postcode ? { postcode } : {}),
      ...(openDate ? { openDate } : {}),
      ...(closeDate ? { closeDate } : {}),
    });
  }
  return trusts;
}
