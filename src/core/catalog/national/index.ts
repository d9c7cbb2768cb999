/**
 * Importing a national implementation-list export: convert (./convert.ts), then check the
 * result with exactly the rules any catalog file goes through (parseCatalogData).
 */
import { parseCatalogData, type ParseCatalogResult } from '../import';
import { convertNationalExport, nationalExportFromCsv, wouldLoseData, type NationalFrame, type NationalImportReport } from './convert';

export * from './convert';
export * from './codes';
export { parseCsv, csvRecords } from './csv';

export interface NationalImportResult {
  report: NationalImportReport;
  /** The catalog check of the converted catalog (ok with warnings, or errors). */
  result: ParseCatalogResult;
  /** True when the export converts without loss and the catalog passes the check. */
  clean: boolean;
}

/** A parsed JSON export (`{ list: [...] }`) → report + checked catalog. Never throws. */
export function importNationalExport(data: unknown, frame: NationalFrame): NationalImportResult {
  const { catalog, report } = convertNationalExport(data, frame);
  const result = parseCatalogData(catalog);
  return { report, result, clean: result.ok && !wouldLoseData(report) };
}

/** CSV files (name → text, one per table) → report + checked catalog. Never throws. */
export function importNationalCsv(files: Readonly<Record<string, string>>, frame: NationalFrame): NationalImportResult {
  const { data, problems } = nationalExportFromCsv(files);
  const { catalog, report } = convertNationalExport(data, frame);
  report.problems.unshift(...problems);
  const result = parseCatalogData(catalog);
  return { report, result, clean: result.ok && !wouldLoseData(report) };
}
