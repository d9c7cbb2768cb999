import { describe, expect, it } from 'vitest';
import { usccCheckChar } from '../identity';
import { clone, defaultCatalog, defaultPackData } from '../../../test/fixtures/training';
import { type ScenarioIssue, parseScenarioData, parseScenarioPackData, parseScenarioPackText } from './scenario';

const catalog = defaultCatalog();

type Json = Record<string, any>;

/** The default pack's raw data with scenario `id` moved to index `at` (others keep their order). */
function packWith(id: string, mutate: (s: Json) => void, at?: number): Json {
  const pack = defaultPackData() as Json;
  const i = pack.scenarios.findIndex((s: Json) => s.id === id);
  if (i < 0) throw new Error(id);
  const [s] = pack.scenarios.splice(i, 1);
  mutate(s);
  pack.scenarios.splice(at ?? i, 0, s);
  return pack;
}

function errorsOf(pack: Json): ScenarioIssue[] {
  const r = parseScenarioPackData(pack, catalog);
  return r.ok ? [] : r.errors;
}

const show = (issues: ScenarioIssue[]) => issues.map((i) => `${i.path}: ${i.message['en-US']}`);

function expectError(pack: Json, path: string, code?: string): ScenarioIssue {
  const errors = errorsOf(pack);
  const hit = errors.find((e) => e.path === path && (code === undefined || e.code === code));
  expect(hit, `no error at ${path}; got ${JSON.stringify(show(errors))}`).toBeDefined();
  expect(hit!.message['zh-CN'].length).toBeGreaterThan(0);
  expect(hit!.message['en-US'].length).toBeGreaterThan(0);
  return hit!;
}

describe('parseScenarioPackText: syntax and structure', () => {
  it('points at a JSON syntax error with line and column', () => {
    const r = parseScenarioPackText('{\n  "schemaVersion": 1,\n  "packId": "x",\n}', catalog);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors[0]!.code).toBe('json.syntax');
    expect(r.errors[0]!.position?.line).toBe(3); // the trailing comma
    expect(r.errors[0]!.message['zh-CN']).toMatch(/逗号/);
  });

  it('never throws, whatever the input', () => {
    for (const t of ['', '   ', 'null', '42', '[]', '"x"', '{"scenarios": 5}', '{"schemaVersion":1,"packId":"p","title":"t","scenarios":[null]}', '\uFEFF{}'])
      expect(() => parseScenarioPackText(t, catalog)).not.toThrow();
    expect(parseScenarioPackText(undefined as unknown as string, catalog).ok).toBe(false);
    expect(parseScenarioPackData(Symbol('x'), catalog).ok).toBe(false);
  });

  it('refuses another schema version and names unknown fields at their own path', () => {
    const pack = defaultPackData() as Json;
    pack.schemaVersion = 2;
    (pack.scenarios[0] as Json).expected.decisoin = 'x';
    const errors = errorsOf(pack);
    expect(errors.map((e) => e.path)).toContain('schemaVersion');
    const unknown = errors.find((e) => e.path === 'scenarios[0].expected.decisoin');
    expect(unknown?.message['zh-CN']).toContain('场景格式');
  });

  it('requires a defect for a defective document and none otherwise', () => {
    const pack = packWith('social-card-first', (s) => {
      s.applicant.documents[0].state = 'defective';
    });
    expectError(pack, 'scenarios[0].applicant.documents[0].defect');
  });

  it('rejects a key that is not in the key format', () => {
    const pack = packWith('social-card-first', (s) => {
      s.expected.materials['applicant-id-card'] = { status: 'receivedOriginal' };
    });
    expectError(pack, 'scenarios[0].expected.materials["applicant-id-card"]');
  });
});

describe('parseScenarioPackText: against the catalog', () => {
  it('reports a material not on the checklist at its exact path', () => {
    // The 补领 checklist has no 原居民身份证 line (the card is lost).
    const pack = packWith(
      'id-card-lost-replacement',
      (s) => {
        s.expected.materials['shared/applicant-id-card'] = { status: 'receivedOriginal' };
      },
      3,
    );
    const e = expectError(pack, 'scenarios[3].expected.materials["shared/applicant-id-card"]', 'scenario.unknownMaterial');
    expect(e.message['zh-CN']).toContain('材料清单');
  });

  it('reports an unknown item, bundle, handling item and bundle item', () => {
    expectError(packWith('social-card-first', (s) => void (s.expected.subject.basicCode = '339999999999'), 0), 'scenarios[0].expected.subject.basicCode', 'scenario.subject');
    expectError(
      packWith('newborn-bundle', (s) => void (s.expected.subject.bundleId = 'no-such-bundle'), 0),
      'scenarios[0].expected.subject.bundleId',
      'scenario.subject',
    );
    expectError(
      packWith('social-card-first', (s) => void (s.expected.subject.handlingItemCodes = ['330003001000-09']), 0),
      'scenarios[0].expected.subject.handlingItemCodes[0]',
    );
    expectError(
      packWith('newborn-bundle', (s) => s.expected.subject.basicCodes.push('330001001000'), 0),
      'scenarios[0].expected.subject.basicCodes[4]',
    );
    // A non-optional bundle item left out.
    expectError(
      packWith('newborn-bundle', (s) => void (s.expected.subject.basicCodes = s.expected.subject.basicCodes.filter((c: string) => c !== '330002004000')), 0),
      'scenarios[0].expected.subject.basicCodes',
    );
  });

  it('requires a handling item when the item has several', () => {
    expectError(packWith('social-card-first', (s) => void (s.expected.subject.handlingItemCodes = []), 0), 'scenarios[0].expected.subject.handlingItemCodes');
  });

  it('checks answers: existing option, asked question, known question, none missing', () => {
    const bad = expectError(
      packWith('id-card-expired-renewal', (s) => void (s.expected.answers['330002001000/under-16'] = 'maybe'), 0),
      'scenarios[0].expected.answers["330002001000/under-16"]',
      'scenario.unknownOption',
    );
    expect(bad.message['zh-CN']).toContain('yes');
    expectError(
      packWith('id-card-expired-renewal', (s) => void (s.expected.answers['330002001000/colour'] = 'red'), 0),
      'scenarios[0].expected.answers["330002001000/colour"]',
      'scenario.unknownQuestion',
    );
    // spouse-fund-local is asked only when spouse-joint = yes.
    expectError(
      packWith('housing-fund-second-hand-purchase', (s) => void (s.expected.answers['330009001000/spouse-fund-local'] = 'local'), 0),
      'scenarios[0].expected.answers["330009001000/spouse-fund-local"]',
      'scenario.answerNotAsked',
    );
    const missing = expectError(
      packWith('id-card-expired-renewal', (s) => void delete s.expected.answers['330002001000/under-16'], 0),
      'scenarios[0].expected.answers',
      'scenario.answerMissing',
    );
    expect(missing.message['zh-CN']).toContain('十六周岁');
  });

  it('requires an expected state for every required line, and allows fetching only where the catalog does', () => {
    expectError(
      packWith('social-card-first', (s) => void delete s.expected.materials['shared/applicant-id-card'], 0),
      'scenarios[0].expected.materials',
      'scenario.materialMissing',
    );
    expectError(
      packWith('social-card-first', (s) => void (s.expected.materials['shared/applicant-id-card'] = { status: 'fetched' }), 0),
      'scenarios[0].expected.materials["shared/applicant-id-card"]',
      'scenario.fetchNotAllowed',
    );
  });

  it('checks the documents agree with the expected states', () => {
    // Expected received, but the applicant does not bring it.
    expectError(
      packWith('social-card-first', (s) => void (s.applicant.documents[0] = { key: 'shared/applicant-id-card', state: 'missing' }), 0),
      'scenarios[0].expected.materials["shared/applicant-id-card"]',
      'scenario.documentDisagrees',
    );
    // A defective document expected as received.
    expectError(
      packWith(
        'no-criminal-record-expired-id',
        (s) => {
          s.expected.materials['shared/applicant-id-card'] = { status: 'receivedOriginal' };
          s.expected.decision = { kind: 'accept' };
        },
        0,
      ),
      'scenarios[0].expected.materials["shared/applicant-id-card"]',
      'scenario.documentDisagrees',
    );
  });

  it('warns about a document that is not on the checklist', () => {
    const pack = packWith('housing-fund-rent', (s) => s.applicant.documents.push({ key: '330009002000/filed-lease', state: 'present', label: '租赁合同' }), 0);
    const r = parseScenarioPackData(pack, catalog);
    expect(r.ok).toBe(true);
    expect(r.warnings.map((w) => [w.path, w.code])).toContainEqual(['scenarios[0].applicant.documents[3].key', 'scenario.extraDocument']);
  });

  it('warns (does not block) when written for another catalog version', () => {
    const r = parseScenarioPackData(packWith('social-card-first', (s) => void (s.catalogVersion = '2025.1.1'), 0), catalog);
    expect(r.ok).toBe(true);
    expect(r.warnings.map((w) => w.path)).toEqual(['scenarios[0].catalogVersion']);
  });

  it('refuses duplicate scenario ids', () => {
    const pack = defaultPackData() as Json;
    pack.scenarios.push(clone(pack.scenarios[0]));
    expectError(pack, `scenarios[${pack.scenarios.length - 1}].id`, 'scenario.duplicateId');
  });
});

describe('parseScenarioPackText: identities and circumstances', () => {
  it('refuses a resident ID with a wrong check character', () => {
    const pack = packWith(
      'social-card-first',
      (s) => {
        const id: string = s.applicant.party.idNumber;
        s.applicant.party.idNumber = id.slice(0, 17) + (id[17] === '1' ? '2' : '1');
      },
      0,
    );
    const e = expectError(pack, 'scenarios[0].applicant.party.idNumber', 'scenario.residentId');
    expect(e.message['zh-CN']).toContain('校验位');
  });

  it('refuses an agent who is the applicant and an invalid phone', () => {
    expectError(
      packWith('elderly-allowance-agent-without-authorisation', (s) => void (s.applicant.agent.idNumber = s.applicant.party.idNumber), 0),
      'scenarios[0].applicant.agent.idNumber',
      'scenario.agentIsApplicant',
    );
    expectError(packWith('social-card-first', (s) => void (s.applicant.party.phone = '12345'), 0), 'scenarios[0].applicant.party.phone', 'scenario.phone');
  });

  it('needs a failing USCC exactly when the scenario says so', () => {
    // A failing USCC without the circumstance.
    const body = '91330106MA2H7K3L5';
    const wrong = body + (usccCheckChar(body) === 'A' ? 'B' : 'A');
    expectError(packWith('prepackaged-food-filing', (s) => void (s.applicant.party.uscc = wrong), 0), 'scenarios[0].applicant.party.uscc', 'scenario.uscc');
    // The circumstance with a valid USCC.
    expectError(
      packWith('employer-social-insurance-uscc-checksum', (s) => void (s.applicant.party.uscc = body + usccCheckChar(body)), 0),
      'scenarios[0].applicant.party.uscc',
      'scenario.uscc',
    );
    // The circumstance without the expected override.
    expectError(packWith('employer-social-insurance-uscc-checksum', (s) => void (s.expected.usccOverride = false), 0), 'scenarios[0].expected.usccOverride');
  });

  it('keeps the agent answer and the agent in step', () => {
    expectError(packWith('elderly-allowance-agent-without-authorisation', (s) => void (s.applicant.agent = null), 0), 'scenarios[0].applicant.agent', 'scenario.agentMissing');
  });

  it('refuses 容缺 for a dishonest applicant', () => {
    const pack = packWith(
      'hygiene-licence-dishonest-deferral',
      (s) => void (s.expected.decision = { kind: 'deferral', deferred: ['330007003000/hygiene-test-report'] }),
      0,
    );
    const e = expectError(pack, 'scenarios[0].applicant.circumstances[1].kind', 'scenario.inconsistent');
    expect(e.message['zh-CN']).toContain('失信');
  });

  it('requires a refusal with where to apply for another jurisdiction', () => {
    expectError(
      packWith('individual-business-other-province', (s) => void (s.expected.decision = { kind: 'refuse', refusalCode: 'notJurisdiction' }), 0),
      'scenarios[0].expected.decision.whereToApply',
    );
    expectError(
      packWith('individual-business-other-province', (s) => void (s.expected.decision = { kind: 'refuse', refusalCode: 'other' }), 0),
      'scenarios[0].applicant.circumstances[0].kind',
    );
  });
});

describe('parseScenarioPackText: the expected decision follows the intake rules', () => {
  it('refuses an accept while a required line is missing', () => {
    const e = expectError(
      packWith('elderly-allowance-agent-without-authorisation', (s) => void (s.expected.decision = { kind: 'accept' }), 0),
      'scenarios[0].expected.decision',
      'scenario.inconsistent',
    );
    expect(e.message['zh-CN']).toContain('授权委托书');
  });

  it('refuses a notice that does not list exactly the missing lines', () => {
    const e = expectError(
      packWith('food-licence-required-missing', (s) => void (s.expected.decision.notice = ['330001005000/layout']), 0),
      'scenarios[0].expected.decision.notice',
      'scenario.inconsistent',
    );
    expect(e.message['zh-CN']).toContain('漏列');
    expect(e.message['zh-CN']).toContain('330001005000/safety-rules');
  });

  it('refuses a notice when nothing is missing', () => {
    expectError(
      packWith('social-card-first', (s) => void (s.expected.decision = { kind: 'oneTimeNotice', notice: ['shared/applicant-id-card'] }), 0),
      'scenarios[0].expected.decision',
      'scenario.inconsistent',
    );
  });

  it('refuses 容缺 past a required line, and on a same-day (即办) item', () => {
    const required = expectError(
      packWith(
        'food-licence-required-missing',
        (s) => void (s.expected.decision = { kind: 'deferral', deferred: ['330001005000/layout', '330001005000/safety-rules'] }),
        0,
      ),
      'scenarios[0].expected.decision',
    );
    expect(required.message['zh-CN']).toContain('必备');
    const immediate = expectError(
      packWith(
        'unemployment-registration-immediate-no-deferral',
        (s) => void (s.expected.decision = { kind: 'deferral', deferred: ['shared/termination-certificate'] }),
        0,
      ),
      'scenarios[0].expected.decision',
    );
    expect(immediate.message['zh-CN']).toContain('即办');
  });

  it('refuses a deferred list other than the missing deferrable lines', () => {
    expectError(
      packWith('food-licence-deferral', (s) => void (s.expected.decision.deferred = ['330001005000/layout']), 0),
      'scenarios[0].expected.decision.deferred',
    );
  });
});

describe('parseScenarioData (one scenario, the authoring preview)', () => {
  it('checks one scenario with paths from its root', () => {
    const s = clone((defaultPackData() as Json).scenarios[0]);
    expect(parseScenarioData(s, catalog).ok).toBe(true);
    s.expected.materials['shared/nonsense'] = { status: 'missing' };
    const r = parseScenarioData(s, catalog);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map((e) => e.path)).toContain('expected.materials["shared/nonsense"]');
  });
});
