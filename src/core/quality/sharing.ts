/**
 * 减材料 figures: how much paper data sharing spared applicants, per item and per centre.
 *
 * A line counts when the catalog lets it be fetched (a material whose forms include
 * 'dataSharing'; keys as the case records them, see `fetchableMaterialKeys`). For each such
 * line of a decided case:
 * - fetchedAtWindow: fetched by the clerk from the licence registry (a 'fetched' state with its
 *   licence);
 * - fetchedByDepartment: left to the department to fetch (由部门调取) or recorded as fetched
 *   before the window could fetch (a 'fetched' state without a licence);
 * - paper: the applicant brought it (original, copy, or original checked and returned);
 * - other: missing, deficient or still unrecorded.
 * applicantsSpared: cases where at least one line was fetched (window or department): the
 * applicant did not have to bring that document. documentsSpared: the fetched lines.
 * fetchRate: fetched / (fetched + paper), null when nothing counts.
 *
 * A line shared by a bundle's items (key `shared/…`) counts once in the centre's total and
 * once in the row of each of the case's items that has that material; an item-scoped line only
 * in its item's row. Training cases are never input.
 */
import type { Catalog } from '../catalog/schema';
import { materialKey, parseKey, type IntakeCase } from '../intake/case';

/** Which material keys can be fetched, and for a shared key which items have it. */
export interface FetchableKeys {
  /** key → basic codes of the items whose material has that key. */
  readonly items: ReadonlyMap<string, readonly string[]>;
}

const cache = new WeakMap<Catalog, FetchableKeys>();

export function fetchableMaterialKeys(catalog: Catalog): FetchableKeys {
  const cached = cache.get(catalog);
  if (cached) return cached;
  const items = new Map<string, string[]>();
  for (const item of catalog.items)
    for (const m of item.materials ?? []) {
      if (!(m.forms ?? []).includes('dataSharing')) continue;
      const key = materialKey(item.basicCode, m);
      const list = items.get(key);
      if (list) {
        if (!list.includes(item.basicCode)) list.push(item.basicCode);
      } else items.set(key, [item.basicCode]);
    }
  const out: FetchableKeys = { items };
  cache.set(catalog, out);
  return out;
}

export interface SharingCounts {
  fetchedAtWindow: number;
  fetchedByDepartment: number;
  paper: number;
  other: number;
  /** Cases with at least one fetched line. */
  applicantsSpared: number;
  /** Cases with at least one fetchable line. */
  cases: number;
}

export interface SharingRow extends SharingCounts {
  key: string;
  documentsSpared: number;
  fetchRate: number | null;
}

export interface SharingFigures {
  byItem: SharingRow[];
  byCentre: SharingRow[];
  total: SharingRow;
}

/** What the figures need of a case (decided cases only; training never). */
export type SharingCase = Pick<IntakeCase, 'subject' | 'materialStates' | 'clerk' | 'status'> & { training?: boolean | undefined };

const zero = (): SharingCounts => ({ fetchedAtWindow: 0, fetchedByDepartment: 0, paper: 0, other: 0, applicantsSpared: 0, cases: 0 });

type Bucket = 'fetchedAtWindow' | 'fetchedByDepartment' | 'paper' | 'other';

function bucketOf(s: IntakeCase['materialStates'][string] | undefined): Bucket {
  switch (s?.status) {
    case 'fetched':
      return s.licence ? 'fetchedAtWindow' : 'fetchedByDepartment';
    case 'receivedOriginal':
    case 'receivedCopy':
    case 'originalCheckedCopyKept':
      return 'paper';
    default:
      return 'other';
  }
}

function finish(key: string, c: SharingCounts): SharingRow {
  const fetched = c.fetchedAtWindow + c.fetchedByDepartment;
  const denom = fetched + c.paper;
  return { key, ...c, documentsSpared: fetched, fetchRate: denom === 0 ? null : fetched / denom };
}

/**
 * The figures over decided cases (drafts and training cases are skipped). `fetchable`: from
 * the catalog the cases were taken in under (usually the current one).
 */
export function sharingFigures(cases: Iterable<SharingCase>, fetchable: FetchableKeys): SharingFigures {
  const byItem = new Map<string, SharingCounts>();
  const byCentre = new Map<string, SharingCounts>();
  const total = zero();
  const row = (m: Map<string, SharingCounts>, k: string) => {
    let r = m.get(k);
    if (!r) m.set(k, (r = zero()));
    return r;
  };
  for (const c of cases) {
    if (c.training || c.status === 'draft') continue;
    const caseItems = c.subject.kind === 'item' ? [c.subject.basicCode] : c.subject.basicCodes;
    const perItem = new Map<string, { any: boolean; spared: boolean }>();
    let any = false;
    let spared = false;
    const centre = row(byCentre, c.clerk.centreCode);
    for (const [key, state] of Object.entries(c.materialStates)) {
      const owners = fetchable.items.get(key);
      if (!owners) continue;
      const parsed = parseKey(key);
      const items = parsed?.scope === 'item' ? [parsed.basicCode] : caseItems.filter((b) => owners.includes(b));
      const b = bucketOf(state);
      any = true;
      if (b === 'fetchedAtWindow' || b === 'fetchedByDepartment') spared = true;
      total[b]++;
      centre[b]++;
      for (const it of items) {
        row(byItem, it)[b]++;
        const f = perItem.get(it) ?? { any: false, spared: false };
        f.any = true;
        if (b === 'fetchedAtWindow' || b === 'fetchedByDepartment') f.spared = true;
        perItem.set(it, f);
      }
    }
    if (!any) continue;
    total.cases++;
    centre.cases++;
    if (spared) {
      total.applicantsSpared++;
      centre.applicantsSpared++;
    }
    for (const [it, f] of perItem) {
      const r = row(byItem, it);
      if (f.any) r.cases++;
      if (f.spared) r.applicantsSpared++;
    }
  }
  const rows = (m: Map<string, SharingCounts>) =>
    [...m.entries()].map(([k, v]) => finish(k, v)).sort((a, b) => b.documentsSpared - a.documentsSpared || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return { byItem: rows(byItem), byCentre: rows(byCentre), total: finish('total', total) };
}
