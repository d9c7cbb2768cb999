/**
 * Identity numbers: validate, never invent.
 *
 * - Resident ID (GB 11643-1999): checkResidentId / isValidResidentId
 * - Unified social credit code (GB 32100-2015): checkUscc / isValidUscc
 * - maskIdNumber, identityProblemMessage (zh-CN / en-US)
 *
 * Input may come typed or pasted: whitespace (also inside), zero-width
 * characters and full-width forms are cleaned, letters upper-cased.
 */
export { normalizeIdentityInput, toHalfWidth } from './normalize';
export {
  EARLIEST_BIRTH_DATE,
  RESIDENT_ID_WEIGHTS,
  checkResidentId,
  isValidResidentId,
  residentIdCheckChar,
  type ResidentIdCheck,
  type ResidentIdProblem,
} from './residentId';
export {
  USCC_AUTHORITY_CODES,
  USCC_CATEGORY_CODES,
  USCC_CHARSET,
  USCC_WEIGHTS,
  checkUscc,
  isOverridableUsccProblem,
  isValidUscc,
  usccCheckChar,
  type UsccCheck,
  type UsccProblem,
} from './uscc';
export { maskIdNumber } from './mask';
export { identityProblemMessage, type IdentityProblem } from './messages';
