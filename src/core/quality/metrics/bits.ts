/**
 * What a case contributes to the dashboards, as one bit field per case (MetricDataset.bits):
 * worked out once per data load (intake.ts, department.ts), read by every dashboard.
 */
// at the window (intake.ts)
export const B_ACCEPT = 1;
export const B_NOTICE = 2;
export const B_REFUSE = 4;
export const B_ONE_VISIT = 8;
export const B_DEFERRED = 16;
// at the departments (department.ts)
export const B_DISPATCHED = 32;
export const B_RETURNED = 64;
export const B_DENIED = 128;
export const B_APPROVED = 256;
export const B_ON_TIME = 512;
