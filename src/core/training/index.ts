/**
 * Training mode: drill scenarios and packs, scoring with explanations from the
 * catalog, coached step feedback, readiness, "what changed" drills after a catalog update, and
 * the isolation rules that keep practice cases away from departments. Pure; see README.md.
 */
export * from './outcome';
export * from './scenario';
export * from './scoring';
export * from './changeDrills';
export * from './isolation';
export * from './fictional';
