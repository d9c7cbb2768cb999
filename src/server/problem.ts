import { jsonDepthExceeds, MAX_JSON_DEPTH } from '../core/text';

/** A 4xx answer with a stable code: `{ error: { code, message, paths? } }` (ApiError in the protocol). */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly paths?: string[],
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'ApiProblem';
  }
}

/** `['case', 'applicant', 'idNumber']` → `case.applicant.idNumber`; numbers as `[1]`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out === '' ? String(seg) : `.${String(seg)}`;
  }
  return out;
}

/** Issues of a failed zod parse as paths and a short message (no values: they may be personal data). */
export function describeIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[], prefix: PropertyKey[] = []): { paths: string[]; message: string } {
  const paths = [...new Set(issues.map((i) => formatPath([...prefix, ...i.path]) || '(root)'))].slice(0, 50).map((p) => p.slice(0, 200));
  const message = issues
    .slice(0, 5)
    .map((i) => `${formatPath([...prefix, ...i.path]) || '(root)'}: ${i.message}`)
    .join('; ')
    .slice(0, 500);
  return { paths, message };
}

/**
 * 400 when a body nests deeper than any record of the protocol — checked on the raw JSON,
 * iteratively, before zod or anything recursive sees it.
 */
export function refuseTooDeep(value: unknown, limit: number = MAX_JSON_DEPTH): void {
  const deep = jsonDepthExceeds(value, limit);
  if (deep) {
    const path = formatPath(deep.slice(0, 12)) || '(root)';
    throw new ApiProblem(400, 'invalidBody', `${path}: nested deeper than ${limit} levels`, [path]);
  }
}
