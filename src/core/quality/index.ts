/**
 * Intake quality: the audit trail, review sampling, the review rubric, dashboard
 * metrics and what each role sees. Pure: time, randomness and data are passed in.
 *
 * | module        | what |
 * |---------------|------|
 * | `audit.ts`    | hash-chained audit log per case: `appendEntry`, `nextEntry`, `verifyChain`, `caseHistory`, `chainHead`, `withServerTime`, `changedFields` |
 * | `opened.ts`   | `shouldRecordOpening`: a `case.opened` entry at most once per user and case per `OPENED_QUIET_MINUTES` |
 * | `sampling.ts` | `sampleForReview(cases, settings, rng \| { seed })`, `handlingBounds` |
 * | `rubric.ts`   | `Review` schema, `scoreReview`, `withClerkReply`, weights and labels |
 * | `metrics/`    | `MetricCase`, `toMetricCase`, `computeDashboard(s)`, `prepareMetricCases`, `trainingAverages`, `metricsToCsv` (one module per job, see metrics/index.ts) |
 * | `masking.ts`  | `maskForRole(value, field, role, view?)`, `canSee`, `MASKING_POLICY`, `maskApplicantForRole` |
 * | `roles.ts`    | `Role` (clerk, trainer, supervisor), `PERMISSIONS`, `can` |
 * | `accounts.ts` | local accounts: password rules, lockout (5 failures → 5 min), `signInOutcome`, `canDisable` |
 * | `health.ts`   | `HealthReport` (workstation → server), `CentreHealthResponse`, `healthWarnings` |
 * | `sources.ts`  | `deferralInfoOf`, `ratingOf`, `trainingScoreOf`: the workstation's records as metric inputs |
 * | `stats.ts`    | `mulberry32`, `rngFor`, `quantileSorted`, `isoWeekOf`, `epochSeconds` |
 */
export * from './accounts';
export * from './audit';
export * from './health';
export * from './masking';
export * from './metrics';
export * from './opened';
export * from './roles';
export * from './rubric';
export * from './sampling';
export * from './sources';
export * from './stats';
