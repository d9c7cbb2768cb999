/**
 * A draft records the catalog version it started on. When a newer version arrives
 * while the draft is open (or parked), `carryDraftOver` moves it to the new version:
 *
 * - answers and material states are re-keyed through the catalog ids (basicCode +
 *   question/material id), so a question or material that became shared (or stopped
 *   being shared) keeps its answer/state under its new key;
 * - an answer whose question or option no longer exists is dropped; a state whose
 *   material no longer exists is dropped; a 'fetched' state on a material that can no
 *   longer be fetched goes back to pending (reported in `reset`);
 * - materials the new version newly requires for this draft come in as pending (`added`);
 * - item-specific field values whose field is gone are dropped; handling items that no
 *   longer exist are removed from the subject;
 * - the step goes back to 'situation' / 'materials' when something there changed;
 * - an item (or the bundle) gone from the new catalog blocks the carry-over: the clerk
 *   has to start again.
 */
import type { Catalog } from '../catalog/schema';
import { diffItem, type ItemDiff } from '../catalog/diff';
import { AGENT_SHARED_MATERIAL_IDS, materialKey, questionKey, sharedKey, type FieldValue, type IntakeCase, type IntakeStep, type MaterialState, type Subject } from './case';
import { asPrepared, deriveChecklist, type ChecklistMaterial, type PreparedCatalog, type PreparedItem } from './checklist';

export interface DroppedAnswer {
  key: string;
  optionId: string;
  reason: 'questionRemoved' | 'optionRemoved' | 'conflict';
  /** The question's text in the old version, when known. */
  questionText?: string;
}

export interface DroppedMaterialState {
  key: string;
  state: MaterialState;
  reason: 'materialRemoved';
  name?: string;
}

export interface CarryOverResult {
  blocked: false;
  draft: IntakeCase;
  dropped: {
    answers: DroppedAnswer[];
    materials: DroppedMaterialState[];
    fields: { basicCode: string; fieldId: string; value: FieldValue }[];
    handlingItems: { basicCode: string; code: string }[];
  };
  /** 'fetched' states reset to pending because the material can no longer be fetched. */
  reset: { key: string; name: string }[];
  /** Lines the new version requires that the old one did not (they start pending). */
  added: ChecklistMaterial[];
  /** Keys that changed (e.g. a question became shared). */
  rekeyed: { from: string; to: string }[];
  /** One per item of the subject (old and new version of the item). */
  itemDiffs: ItemDiff[];
  /** False when nothing in the draft had to change except the version. */
  changed: boolean;
}

export type CarryOverOutcome =
  | CarryOverResult
  | { blocked: 'itemRemoved'; basicCodes: string[] }
  | { blocked: 'bundleRemoved'; bundleId: string }
  | { blocked: 'notDraft' };

export interface CarryOverOptions {
  /** When given, becomes the draft's updatedAt. */
  at?: string;
}

const STEP_ORDER: readonly IntakeStep[] = ['situation', 'materials', 'applicant', 'review', 'decision', 'done'];
const AGENT_KEYS = new Set(Object.values(AGENT_SHARED_MATERIAL_IDS).map(sharedKey));

function subjectCodes(subject: Subject): string[] {
  return subject.kind === 'item' ? [subject.basicCode] : [...new Set(subject.basicCodes)];
}

/** key → [(basicCode, id)] for the questions or materials of the given items. */
function refsByKey(
  items: readonly PreparedItem[],
  kind: 'question' | 'material',
): Map<string, { basicCode: string; id: string; label: string }[]> {
  const map = new Map<string, { basicCode: string; id: string; label: string }[]>();
  for (const p of items) {
    const code = p.item.basicCode;
    const list =
      kind === 'question'
        ? (p.item.situations ?? []).map((q) => ({ key: questionKey(code, q), id: q.id, label: q.text }))
        : p.item.materials.map((m) => ({ key: materialKey(code, m), id: m.id, label: m.name }));
    for (const x of list) {
      const refs = map.get(x.key) ?? [];
      refs.push({ basicCode: code, id: x.id, label: x.label });
      map.set(x.key, refs);
    }
  }
  return map;
}

/** Moves a draft to a newer catalog version; see the module comment. Pure. */
export function carryDraftOver(
  draft: IntakeCase,
  oldCatalog: Catalog | PreparedCatalog,
  newCatalog: Catalog | PreparedCatalog,
  options: CarryOverOptions = {},
): CarryOverOutcome {
  if (draft.status !== 'draft') return { blocked: 'notDraft' };
  const oldPc = asPrepared(oldCatalog);
  const newPc = asPrepared(newCatalog);
  const subject = draft.subject;
  const codes = subjectCodes(subject);

  if (subject.kind === 'bundle') {
    const bundle = newPc.bundlesById.get(subject.bundleId);
    if (!bundle) return { blocked: 'bundleRemoved', bundleId: subject.bundleId };
    const inBundle = new Set(bundle.items.map((r) => r.basicCode));
    const gone = codes.filter((c) => !newPc.itemsByCode.has(c) || !inBundle.has(c));
    if (gone.length > 0) return { blocked: 'itemRemoved', basicCodes: gone };
  } else if (!newPc.itemsByCode.has(subject.basicCode)) {
    return { blocked: 'itemRemoved', basicCodes: [subject.basicCode] };
  }

  // When the old catalog lacks an item (should not happen), its keys resolve against the new one.
  const oldItems = codes.map((c) => oldPc.itemsByCode.get(c) ?? newPc.itemsByCode.get(c)!);

  const rekeyed = new Map<string, string>();
  const noteRekey = (from: string, to: string) => {
    if (from !== to && !rekeyed.has(from)) rekeyed.set(from, to);
  };

  // ---- answers
  const oldQuestions = refsByKey(oldItems, 'question');
  const answers: Record<string, string> = {};
  const droppedAnswers: DroppedAnswer[] = [];
  for (const [key, optionId] of Object.entries(draft.answers)) {
    const refs = oldQuestions.get(key);
    const questionText = refs?.[0]?.label;
    const drop = (reason: DroppedAnswer['reason']) =>
      droppedAnswers.push({ key, optionId, reason, ...(questionText !== undefined ? { questionText } : {}) });
    if (!refs) {
      drop('questionRemoved');
      continue;
    }
    let foundQuestion = false;
    let placed = false;
    let conflict = false;
    for (const ref of refs) {
      const q = newPc.itemsByCode.get(ref.basicCode)?.questionsById.get(ref.id);
      if (!q) continue;
      foundQuestion = true;
      if (!q.options.some((o) => o.id === optionId)) continue;
      const newKey = questionKey(ref.basicCode, q);
      const existing = answers[newKey];
      if (existing !== undefined && existing !== optionId) {
        conflict = true;
        continue;
      }
      answers[newKey] = optionId;
      placed = true;
      noteRekey(key, newKey);
    }
    if (!placed) drop(!foundQuestion ? 'questionRemoved' : conflict ? 'conflict' : 'optionRemoved');
  }

  // ---- material states
  const oldMaterials = refsByKey(oldItems, 'material');
  const materialStates: Record<string, MaterialState> = {};
  const droppedMaterials: DroppedMaterialState[] = [];
  const mapMaterialKey = (key: string): string[] => {
    const refs = oldMaterials.get(key);
    if (!refs) return AGENT_KEYS.has(key) ? [key] : [];
    const out: string[] = [];
    for (const ref of refs) {
      const m = newPc.itemsByCode.get(ref.basicCode)?.item.materials.find((x) => x.id === ref.id);
      if (m) {
        const k = materialKey(ref.basicCode, m);
        if (!out.includes(k)) out.push(k);
      }
    }
    if (out.length === 0 && AGENT_KEYS.has(key)) out.push(key); // the catalog's line went, the agent line stays
    return out;
  };
  for (const [key, state] of Object.entries(draft.materialStates)) {
    const targets = mapMaterialKey(key);
    if (targets.length === 0) {
      const name = oldMaterials.get(key)?.[0]?.label;
      droppedMaterials.push({ key, state, reason: 'materialRemoved', ...(name !== undefined ? { name } : {}) });
      continue;
    }
    for (const t of targets) {
      if (materialStates[t] === undefined) materialStates[t] = state;
      noteRekey(key, t);
    }
  }

  // ---- subject (handling items) and item fields
  const droppedHandling: { basicCode: string; code: string }[] = [];
  const keepHandling = (basicCode: string, list: readonly string[]): string[] => {
    const p = newPc.itemsByCode.get(basicCode)!;
    return list.filter((code) => {
      const ok = p.handlingItemsByCode.has(code);
      if (!ok) droppedHandling.push({ basicCode, code });
      return ok;
    });
  };
  let newSubject: Subject;
  if (subject.kind === 'item') {
    newSubject = { ...subject, handlingItemCodes: keepHandling(subject.basicCode, subject.handlingItemCodes ?? []) };
  } else {
    newSubject = { ...subject, basicCodes: [...subject.basicCodes] };
    if (subject.handlingItemCodes) {
      const per: Record<string, string[]> = {};
      for (const [code, list] of Object.entries(subject.handlingItemCodes)) {
        if (newPc.itemsByCode.has(code)) per[code] = keepHandling(code, list);
      }
      newSubject.handlingItemCodes = per;
    }
  }

  const droppedFields: CarryOverResult['dropped']['fields'] = [];
  const fields: IntakeCase['fields'] = {};
  for (const [basicCode, values] of Object.entries(draft.fields)) {
    const p = newPc.itemsByCode.get(basicCode);
    const known = new Set((p?.item.fields ?? []).map((f) => f.id));
    const kept: Record<string, FieldValue> = {};
    for (const [fieldId, value] of Object.entries(values)) {
      if (p && codes.includes(basicCode) && known.has(fieldId)) kept[fieldId] = value;
      else droppedFields.push({ basicCode, fieldId, value });
    }
    if (Object.keys(kept).length > 0) fields[basicCode] = kept;
  }

  // ---- what the new version asks for
  const hasAgent = draft.agent !== null && draft.agent !== undefined;
  const newChecklist = deriveChecklist(newPc, newSubject, answers, { hasAgent });
  const reset: { key: string; name: string }[] = [];
  for (const line of newChecklist.materials) {
    if (materialStates[line.key]?.status === 'fetched' && !line.canFetch) {
      materialStates[line.key] = { status: 'pending' };
      reset.push({ key: line.key, name: line.name });
    }
  }
  const oldChecklist = deriveChecklist(oldPc, subject, draft.answers, { hasAgent });
  const before = new Set<string>();
  for (const line of oldChecklist.materials) for (const k of mapMaterialKey(line.key)) before.add(k);
  const added = newChecklist.materials.filter((l) => !before.has(l.key));
  for (const line of added) if (materialStates[line.key] === undefined) materialStates[line.key] = { status: 'pending' };

  const itemDiffs: ItemDiff[] = [];
  for (const code of codes) {
    const from = oldPc.itemsByCode.get(code)?.item;
    const to = newPc.itemsByCode.get(code)!.item;
    if (from) itemDiffs.push(diffItem(from, to, { departments: newPc.catalog.departments, themes: newPc.catalog.themes }));
  }

  // ---- step: back to where something changed
  const situationChanged =
    droppedAnswers.length > 0 || newChecklist.unansweredQuestions.some((k) => !oldChecklist.unansweredQuestions.includes(k));
  const materialsChanged = droppedMaterials.length > 0 || reset.length > 0 || added.length > 0;
  let step = draft.step;
  const backTo = (target: IntakeStep) => {
    if (STEP_ORDER.indexOf(step) > STEP_ORDER.indexOf(target)) step = target;
  };
  if (situationChanged) backTo('situation');
  else if (materialsChanged) backTo('materials');

  const changed =
    droppedAnswers.length > 0 ||
    droppedMaterials.length > 0 ||
    droppedFields.length > 0 ||
    droppedHandling.length > 0 ||
    reset.length > 0 ||
    added.length > 0 ||
    rekeyed.size > 0 ||
    itemDiffs.some((d) => d.changed);

  const updated: IntakeCase = {
    ...draft,
    catalogVersion: newPc.catalog.version,
    subject: newSubject,
    answers,
    materialStates,
    fields,
    step,
    updatedAt: options.at ?? draft.updatedAt,
  };
  return {
    blocked: false,
    draft: updated,
    dropped: { answers: droppedAnswers, materials: droppedMaterials, fields: droppedFields, handlingItems: droppedHandling },
    reset,
    added,
    rekeyed: [...rekeyed].map(([from, to]) => ({ from, to })),
    itemDiffs,
    changed,
  };
}
