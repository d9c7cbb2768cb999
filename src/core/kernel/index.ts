/** The kernel: canonical JSON and SHA-256, the definition of "the hash of a record". */
export * from './canonical';
export * from './hash';
