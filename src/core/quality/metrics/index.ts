/**
 * Dashboard computations: per centre, window, clerk, item or day, with filters
 * (date range, centre, window, clerk, item, department), and a CSV export for Excel.
 *
 * | module         | job |
 * |----------------|-----|
 * | `input.ts`     | `MetricCase`, `toMetricCase`, `applicantIdOf`: a decided case flattened once |
 * | `intake.ts`    | the window's figures: decision, one visit (一次办成), 容缺受理 |
 * | `department.ts`| the departments' figures: dispatched, returned, denied, approved, on time |
 * | `ratings.ts`   | 好差评: the `Rating` record and its levels |
 * | `dataset.ts`   | `MetricDataset` / `prepareMetricCases`: typed columns and key indices, once per load |
 * | `dashboard.ts` | `computeDashboard(s)`, `trainingAverages`: one pass with filters as masks |
 * | `export.ts`    | `metricsToCsv`, `metricsTable`, `csvField` |
 *
 * Input is a compact `MetricCase` per decided case, built once with `toMetricCase` when a
 * case is stored or its status events / ratings change — all parsing of timestamps happens
 * there. `prepareMetricCases` then works out, once per data load, what each case contributes
 * (typed columns: decision, one-visit, 容缺, return, on-time bits; rating; overdue; handling
 * time) and, on first use, each dimension's keys as per-case indices and the cases in order
 * of handling time. A dashboard is then one pass over typed arrays with filters as masks over
 * the keys: a few ms on a prepared dataset, ≤ 300 ms from 100,000 raw cases including the
 * preparation (test/bench/dashboards.bench.ts). Training cases are never input.
 *
 * ## Definitions (per group; rates are fractions 0–1, null when the denominator is 0)
 * - cases: decided cases (受理 + 一次性告知 + 不予受理); drafts are not cases yet.
 * - oneVisitRate 一次办成率: accepted cases with no earlier one-time notice (decided before
 *   this case's decision, within `oneVisitLookbackDays`, default unlimited) to the same
 *   applicant (normalised ID / USCC) for any of the same items — over all input cases, not
 *   only the filtered ones — / accepted. A case taken in again after a notice (再次受理,
 *   `followsUp`) is the same applicant matter as the notice: never one-visit, whatever its
 *   applicant ID (a company being founded has none; a typo corrected on the second visit)
 *   and however long ago the notice was.
 * - noticeRate: one-time notices / cases. refusalRate: refusals (不予受理 at the window) / cases.
 * - deferredRate 容缺率: accepted with deferred materials / accepted; overdueSupplements:
 *   deferred materials not supplied by their deadline (sum), and the cases with any.
 * - departmentReturnRate: cases with a correctionRequested (补正) or returned (退件) event /
 *   cases dispatched (any department event).
 * - handling time at the window: createdAt → decision, median and P90 (linear, type 7), seconds.
 * - promisedDateCompliance: cases approved (办结 at every department) on or before the
 *   promised date (the latest promised date of the case's items) / cases approved.
 * - ratings 好差评: count per level of the five; rated = cases with a rating.
 * - training: average score of the training results of the group's clerks (clerk rows and
 *   the total only; filtered by date, centre and clerk).
 * A bundle case counts once in the total and once in the row of each of its items.
 */
export { RATING_LABELS, RATING_LEVELS, Rating, RatingLevel } from './ratings';
export { applicantIdOf, toMetricCase, type DecisionKind, type DeferralInfo, type MetricCase, type MetricEvent, type ToMetricOptions } from './input';
export { DIMENSIONS, MetricDataset, prepareMetricCases, windowKey, type Dimension, type PrepareOptions } from './dataset';
export {
  computeDashboard,
  computeDashboards,
  trainingAverages,
  type Dashboard,
  type DashboardOptions,
  type DashboardsOptions,
  type MetricFilters,
  type MetricRow,
  type TrainingScore,
} from './dashboard';
export { csvField, metricsTable, metricsToCsv, type CsvOptions, type MetricsTable } from './export';
