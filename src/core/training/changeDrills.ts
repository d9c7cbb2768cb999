/**
 * "What changed" drills after a catalog update: for every item whose materials
 * changed (diffItem: a material added, removed or changed), one scenario in which the
 * applicant brings exactly what the OLD catalog asked for, and the expected outcome follows
 * the NEW catalog — a newly required material becomes a one-time notice listing it, a material
 * now fetched by data sharing is fetched, a copy no longer enough is deficient, a dropped
 * material is simply not needed.
 *
 * How a drill is built
 * - Subject: the item with a handling item that exists in both versions, preferring one the
 *   changed materials apply to.
 * - Answers: the conditions of the changed materials first (so the change is on the
 *   checklist), “本人办理” for the agent question, otherwise each question's first option.
 * - Documents: every required/deferrable line of the OLD checklist, brought in the form the
 *   old catalog asked for (an original where it took either); a line the old catalog fetched
 *   only by data sharing is not brought.
 * - Expected: each line of the NEW checklist given those documents (fetched where the new
 *   catalog allows it), and the decision the rules reach (accept or a one-time notice).
 * - The debrief lists the changes in the catalog's own words (diff labels, before → after).
 *
 * Items added or removed by the update, and items whose changes touch no material, get no drill.
 * The applicant is fictional and deterministic (./fictional.ts).
 */
import { type FieldChange, diffItem } from '../catalog/diff';
import type { Catalog, Item, SituationQuestion } from '../catalog/schema';
import { questionKey } from '../intake/case';
import { type ChecklistMaterial, deriveChecklist } from '../intake/checklist';
import { fictionalOrganisation, fictionalPerson } from './fictional';
import { assessMaterials, noticeKeys } from './outcome';
import type { ExpectedMaterial, Scenario, ScenarioDocument, ScenarioPack } from './scenario';

export interface WhatChangedOptions {
  /** The day the drills play (default: the new catalog's effective date). */
  drillDate?: string;
  /** Level of the generated drills (default 3). */
  level?: number;
}

export interface SkippedItem {
  basicCode: string;
  name: string;
  reason: 'noHandlingItemInBoth';
}

const AGENT_QUESTION = 'applicant-is-agent';

function answerFor(q: SituationQuestion, preferred: ReadonlyMap<string, string>): string {
  const want = preferred.get(q.id);
  if (want && q.options.some((o) => o.id === want)) return want;
  if (q.sharedQuestionId === AGENT_QUESTION && q.options.some((o) => o.id === 'self')) return 'self';
  return q.options[0]!.id;
}

/** Answers every asked question of the item, preferring `preferred` (question id → option id). */
function answerAll(catalog: Catalog, item: Item, subject: Scenario['expected']['subject'], start: Record<string, string>, preferred: ReadonlyMap<string, string>): Record<string, string> {
  const answers = { ...start };
  const byKey = new Map((item.situations ?? []).map((q) => [questionKey(item.basicCode, q), q]));
  for (let round = 0; round < 50; round++) {
    const cl = deriveChecklist(catalog, subject, answers, { hasAgent: answers[`shared/${AGENT_QUESTION}`] === 'agent' });
    if (cl.unansweredQuestions.length === 0) break;
    for (const key of cl.unansweredQuestions) {
      const q = byKey.get(key);
      if (q) answers[key] = answerFor(q, preferred);
    }
  }
  return answers;
}

function show(c: FieldChange, zh: boolean): string {
  const v = (x: FieldChange['before']) => (x ? x[zh ? 'zh-CN' : 'en-US'] : zh ? '（无）' : '(none)');
  return `${c.label[zh ? 'zh-CN' : 'en-US']}${zh ? '：' : ': '}${v(c.before)} → ${v(c.after)}`;
}

/** Drills for the items whose materials changed between two catalog versions. */
export function whatChangedDrills(oldCatalog: Catalog, newCatalog: Catalog, options: WhatChangedOptions = {}): Scenario[] {
  return whatChangedDrillsWithSkipped(oldCatalog, newCatalog, options).scenarios;
}

/** As whatChangedDrills, also naming the changed items that got no drill and why. */
export function whatChangedDrillsWithSkipped(
  oldCatalog: Catalog,
  newCatalog: Catalog,
  options: WhatChangedOptions = {},
): { scenarios: Scenario[]; skipped: SkippedItem[] } {
  const drillDate = options.drillDate ?? newCatalog.effectiveDate;
  const level = options.level ?? 3;
  const oldByCode = new Map(oldCatalog.items.map((i) => [i.basicCode, i]));
  const departments = [...newCatalog.departments, ...oldCatalog.departments];
  const scenarios: Scenario[] = [];
  const skipped: SkippedItem[] = [];

  for (const item of newCatalog.items) {
    const old = oldByCode.get(item.basicCode);
    if (!old) continue;
    const diff = diffItem(old, item, { departments });
    const md = diff.materials;
    if (md.added.length + md.removed.length + md.changed.length === 0) continue;

    const changedIds = [...md.added.map((e) => e.key), ...md.changed.map((e) => e.key)];
    const targets = changedIds.map((id) => item.materials.find((m) => m.id === id)).filter((m) => m !== undefined);
    const inBoth = item.handlingItems.filter((h) => old.handlingItems.some((o) => o.code === h.code));
    if (inBoth.length === 0) {
      skipped.push({ basicCode: item.basicCode, name: item.name, reason: 'noHandlingItemInBoth' });
      continue;
    }
    const applies = (code: string) => targets.filter((m) => m.handlingItems.length === 0 || m.handlingItems.includes(code)).length;
    const handling = [...inBoth].sort((a, b) => applies(b.code) - applies(a.code))[0]!;
    const subject = { kind: 'item' as const, basicCode: item.basicCode, handlingItemCodes: item.handlingItems.length > 1 ? [handling.code] : [] };

    // Prefer the answers under which the changed materials apply (required ones first).
    const preferred = new Map<string, string>();
    const ordered = [...targets].sort((a, b) => (a.necessity === 'optional' ? 1 : 0) - (b.necessity === 'optional' ? 1 : 0));
    for (const m of ordered) for (const c of m.appliesWhen ?? []) if (!preferred.has(c.questionId) && c.optionIds[0]) preferred.set(c.questionId, c.optionIds[0]);
    const answers = answerAll(newCatalog, item, subject, {}, preferred);
    const hasAgent = answers[`shared/${AGENT_QUESTION}`] === 'agent';
    const oldAnswers = answerAll(oldCatalog, old, subject, answers, preferred);
    const newCl = deriveChecklist(newCatalog, subject, answers, { hasAgent });
    const oldCl = deriveChecklist(oldCatalog, subject, oldAnswers, { hasAgent });

    // The applicant brings what the old catalog asked for.
    const documents: ScenarioDocument[] = [];
    const docByKey = new Map<string, ScenarioDocument>();
    for (const line of oldCl.materials) {
      if (line.necessity === 'optional') continue;
      const fetchOnly = line.forms.every((f) => f === 'dataSharing');
      const doc: ScenarioDocument = fetchOnly
        ? { key: line.key, state: 'missing', label: line.name, note: '按原办事指南，该材料由系统调取，申请人未携带' }
        : { key: line.key, state: 'present', form: line.type === 'copy' ? 'copy' : 'original', label: line.name };
      documents.push(doc);
      docByKey.set(line.key, doc);
    }

    const materials: Record<string, ExpectedMaterial> = {};
    for (const line of newCl.materials) {
      if (line.necessity === 'optional') continue;
      materials[line.key] = expectedFor(line, docByKey.get(line.key));
    }
    for (const line of newCl.materials) {
      // An optional line the applicant brings anyway is simply received.
      if (line.necessity !== 'optional') continue;
      const doc = docByKey.get(line.key);
      if (doc?.state === 'present') materials[line.key] = expectedFor(line, doc);
    }
    const states = Object.fromEntries(
      Object.entries(materials).map(([k, m]) => [k, m.status === 'deficient' ? { status: 'deficient' as const, reason: '不符合受理标准' } : { status: m.status }]),
    );
    const a = assessMaterials(newCl, states);
    const listed = noticeKeys(newCl, a);
    const decision: Scenario['expected']['decision'] = a.canAccept ? { kind: 'accept' } : { kind: 'oneTimeNotice', notice: listed };

    const organisation = newCl.materials.some((l) => l.key === 'shared/business-licence' || l.key === 'shared/legal-rep-id-card');
    const seed = `${item.basicCode}/${newCatalog.version}`;
    const party: Scenario['applicant']['party'] = organisation
      ? { kind: 'organisation', ...fictionalOrganisation(seed, drillDate) }
      : { kind: 'person', idType: 'residentId', ...fictionalPerson(seed, drillDate) };
    const agentPerson = hasAgent ? fictionalPerson(`${seed}/agent`, drillDate) : null;

    const changeLinesZh: string[] = [];
    const changeLinesEn: string[] = [];
    for (const e of md.added) {
      changeLinesZh.push(`新增材料「${e.name}」`);
      changeLinesEn.push(`new material “${e.name}”`);
    }
    for (const e of md.removed) {
      changeLinesZh.push(`取消材料「${e.name}」`);
      changeLinesEn.push(`material dropped: “${e.name}”`);
    }
    for (const c of md.changed) {
      changeLinesZh.push(`「${c.name}」${c.changes.map((x) => show(x, true)).join('；')}`);
      changeLinesEn.push(`“${c.name}”: ${c.changes.map((x) => show(x, false)).join('; ')}`);
    }
    const name = (k: string) => newCl.materials.find((l) => l.key === k)?.name ?? k;
    const outcomeZh = decision.kind === 'accept' ? '按新目录材料齐全，应予受理。' : `按新目录应一次性告知补正：${listed.map(name).join('、')}。`;
    const outcomeEn =
      decision.kind === 'accept' ? 'Under the new catalog the materials are complete: accept.' : `Under the new catalog, issue a one-time notice for: ${listed.map(name).join(', ')}.`;
    const handlingName = item.handlingItems.length > 1 ? `（${handling.name}）` : '';

    const scenario: Scenario = {
      id: `whats-changed-${item.basicCode}-${newCatalog.version.replace(/\./g, '-')}`,
      title: `目录更新演练：${item.name}`.slice(0, 100),
      titleEn: `What changed: ${item.nameEn ?? item.name}`.slice(0, 200),
      level,
      tags: ['whatChanged', `catalog-${newCatalog.version}`],
      catalogVersion: newCatalog.version,
      drillDate,
      applicant: {
        party,
        agent: agentPerson ? { name: agentPerson.name, idType: 'residentId', idNumber: agentPerson.idNumber, phone: agentPerson.phone, relation: '亲属' } : null,
        says: `您好，我来办${item.name}${handlingName}。材料是照着原来的办事指南准备的，应该都齐了。`,
        saysEn: `Hello, I'm here for ${item.nameEn ?? item.name}. I prepared the documents from the old guide; everything should be there.`,
        documents,
        circumstances: [],
      },
      expected: { subject, answers, materials, decision, usccOverride: false },
      debrief: {
        'zh-CN': `目录 ${oldCatalog.version} → ${newCatalog.version} 的变化：${changeLinesZh.join('；')}。申请人按旧目录准备材料。${outcomeZh}`,
        'en-US': `Changes from catalog ${oldCatalog.version} to ${newCatalog.version}: ${changeLinesEn.join('; ')}. The applicant prepared for the old catalog. ${outcomeEn}`,
      },
    };
    scenarios.push(scenario);
  }
  return { scenarios, skipped };
}

function expectedFor(line: ChecklistMaterial, doc: ScenarioDocument | undefined): ExpectedMaterial {
  if (!doc || doc.state !== 'present') return { status: line.canFetch ? 'fetched' : 'missing' };
  const status = doc.form === 'copy' ? 'receivedCopy' : 'receivedOriginal';
  return line.canFetch ? { status, also: ['fetched'] } : { status };
}

/** The drills as a pack, ready to export or import. */
export function whatChangedPack(oldCatalog: Catalog, newCatalog: Catalog, options: WhatChangedOptions = {}): ScenarioPack {
  return {
    schemaVersion: 1,
    packId: `whats-changed-${newCatalog.version.replace(/\./g, '-')}`,
    title: `目录更新演练 ${oldCatalog.version} → ${newCatalog.version}`,
    titleEn: `What changed: catalog ${oldCatalog.version} → ${newCatalog.version}`,
    description: `为材料有变化的事项自动生成：申请人按旧目录准备材料，按新目录判断。`,
    scenarios: whatChangedDrills(oldCatalog, newCatalog, options),
  };
}

