import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../platform/testing/harness.ts';
import { seedPassedBallot } from '../participation/index.ts';
import { creditCheckChar, governanceGaps, validCreditCode, type GovernanceFacts } from './rules.ts';

describe('unified social credit codes', () => {
  const charset = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  // Registration authority and kind, the 6-digit division code, then the organisation code.
  const body = fc
    .tuple(fc.stringMatching(/^\d{6}$/), fc.string({ unit: fc.constantFrom(...charset), minLength: 9, maxLength: 9 }))
    .map(([division, org]) => `91${division}${org}`);
  it('accepts a code completed by its check character and refuses any single changed character', () => {
    fc.assert(
      fc.property(body, fc.nat(17), fc.constantFrom(...charset), (first17, at, other) => {
        const code = first17 + creditCheckChar(first17);
        expect(validCreditCode(code)).toBe(true);
        fc.pre(code[at] !== other);
        expect(validCreditCode(code.slice(0, at) + other + code.slice(at + 1))).toBe(false);
      }),
    );
  });
  it('refuses letters outside the charset and wrong lengths', () => {
    expect(validCreditCode('91330105MA2AXXXXXX'.replace(/X/g, 'I'))).toBe(false);
    expect(validCreditCode('9133010500000000')).toBe(false);
  });
});

describe('governance gaps', () => {
  const complete: GovernanceFacts = {
    partyOrganisation: '党支部',
    partyServiceStation: '党群服务站',
    ownersCommittee: { name: '业委会', electedOn: '2021-11-10', members: 7 },
    propertyCompany: { status: 'active' },
    managementMode: 'professional_property',
    modeBallotPassed: true,
    documentKinds: ['management_rules', 'meeting_rules'],
  };
  it('finds nothing missing when every part is in place', () => expect(governanceGaps(complete)).toEqual([]));
  it.each([
    ['party_organisation', { partyOrganisation: null }],
    ['party_service_station', { partyServiceStation: null }],
    ['owners_committee', { ownersCommittee: null }],
    ['management_mode', { modeBallotPassed: false }],
    ['property_company', { propertyCompany: { status: 'suspended' as const } }],
    ['management_rules', { documentKinds: ['meeting_rules'] }],
    ['meeting_rules', { documentKinds: ['management_rules', 'other'] }],
  ])('names %s when it is missing', (gap, change) => expect(governanceGaps({ ...complete, ...change })).toEqual([gap]));
  it('needs no company when the owners chose self-management', () =>
    expect(governanceGaps({ ...complete, managementMode: 'self_management', propertyCompany: null })).toEqual([]));
});

describe('governance over the API', () => {
  let t: TestApp;
  let projectId: string;
  beforeAll(async () => {
    t = await testApp();
    const compounds = (await t.call('GET', '/api/v1/compounds?limit=5', 'hemu')).json().items as { id: string }[];
    const res = await t.call('POST', '/api/v1/projects', 'hemu', { name: '治理测试', year: 2021, compoundIds: [compounds[4]!.id] });
    projectId = res.json().id;
  });
  afterAll(() => t.close());

  const code = (n: number) => {
    const first17 = `91330105${String(n).padStart(9, '0')}`;
    return first17 + creditCheckChar(first17);
  };

  it('keeps a register of property companies with checked credit codes, within the officer’s district', async () => {
    const ok = await t.call('POST', '/api/v1/property-companies', 'gongshu', {
      name: '和睦物业',
      creditCode: code(424242),
      districtCode: '330105',
    });
    expect(ok.statusCode, ok.body).toBe(201);
    const again = await t.call('POST', '/api/v1/property-companies', 'gongshu', {
      name: '重复',
      creditCode: code(424242),
      districtCode: '330105',
    });
    expect(again.statusCode).toBe(409);
    const bad = await t.call('POST', '/api/v1/property-companies', 'gongshu', {
      name: '错码',
      creditCode: code(7).slice(0, 17) + (code(7).endsWith('0') ? '1' : '0'),
      districtCode: '330105',
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors[0].path).toBe('body.creditCode');
    const elsewhere = await t.call('POST', '/api/v1/property-companies', 'gongshu', {
      name: '别区',
      creditCode: code(8),
      districtCode: '330106',
    });
    expect(elsewhere.statusCode).toBe(403);
    expect(
      (await t.call('POST', '/api/v1/property-companies', 'hemu', { name: 'x', creditCode: code(9), districtCode: '330105' })).statusCode,
    ).toBe(403);
    const found = await t.call('GET', `/api/v1/property-companies?q=${encodeURIComponent('和睦物业')}`, 'hemu');
    expect(found.json().items.map((c: { id: string }) => c.id)).toEqual([ok.json().id]);
  });

  it('records the tripartite governance, adopting the mode only from a passed management_mode ballot', async () => {
    const patch = (body: unknown, username = 'hemu') => t.call('PATCH', `/api/v1/projects/${projectId}/governance`, username, body);
    expect((await t.call('GET', `/api/v1/projects/${projectId}/governance`, 'hemu')).json().gaps).toHaveLength(7);
    expect((await patch({ partyOrganisation: '党支部' }, 'hemu-resident')).statusCode).toBe(403);

    const company = (await t.call('GET', '/api/v1/property-companies?district=330105&status=active', 'hemu')).json().items[0];
    const first = await patch({
      partyOrganisation: '和睦新村党支部',
      partyServiceStation: '和睦新村党群服务站',
      ownersCommittee: { name: '和睦新村业主委员会', electedOn: '2021-11-10', members: 7 },
      propertyCompanyId: company.id,
    });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().gaps).toEqual(['management_mode', 'management_rules', 'meeting_rules']);

    // A ballot of another kind, or one that was never closed, decides nothing.
    const consent = await seedPassedBallot(t.ctx.db, { projectId, year: 2021, kind: 'renovation_consent' });
    const wrongKind = await patch({ managementModeBallotId: consent });
    expect(wrongKind.statusCode).toBe(422);
    expect(wrongKind.json().errors[0]).toMatchObject({ path: 'body.managementModeBallotId', message: 'not a management_mode ballot' });
    const open = await t.call('POST', `/api/v1/projects/${projectId}/ballots`, 'hemu', {
      kind: 'management_mode',
      title: '管理模式',
      closesAt: new Date(Date.now() + 86_400_000).toISOString(),
      revote: 'none',
    });
    expect(open.statusCode).toBe(422); // the proposal is required
    const opened = await t.call('POST', `/api/v1/projects/${projectId}/ballots`, 'hemu', {
      kind: 'management_mode',
      title: '管理模式',
      closesAt: new Date(Date.now() + 86_400_000).toISOString(),
      revote: 'none',
      proposal: 'professional_property',
    });
    expect(opened.statusCode, opened.body).toBe(201);
    expect((await patch({ managementModeBallotId: opened.json().id })).json().errors[0].message).toBe('not closed and passed');

    const passed = await seedPassedBallot(t.ctx.db, { projectId, year: 2021, kind: 'management_mode', proposal: 'professional_property' });
    const adopted = await patch({ managementModeBallotId: passed });
    expect(adopted.json()).toMatchObject({ managementMode: 'professional_property', managementModeBallotId: passed });

    const pdf = Buffer.from('%PDF-1.4\n% 管理规约\n%%EOF\n');
    const url = `/api/v1/projects/${projectId}/governance/documents`;
    expect((await t.upload(url, 'hemu', { kind: 'bylaws' }, { name: 'a.pdf', data: pdf })).statusCode).toBe(400);
    expect((await t.upload(url, 'hemu', { kind: 'management_rules' }, { name: '管理规约.pdf', data: pdf })).statusCode).toBe(201);
    const doc = await t.upload(url, 'hemu', { kind: 'meeting_rules' }, { name: '议事规则.pdf', data: pdf });
    expect(doc.statusCode, doc.body).toBe(201);
    const view = (await t.call('GET', `/api/v1/projects/${projectId}/governance`, 'hemu')).json();
    expect(view.gaps).toEqual([]);
    const content = await t.app.inject({ url: `/api/v1/governance-documents/${doc.json().id}/content`, headers: await t.as('hemu') });
    expect(content.rawPayload.equals(pdf)).toBe(true);

    // A company suspended in the register can no longer be engaged, and the gate notices it.
    const suspended = await t.call('PATCH', `/api/v1/property-companies/${company.id}`, 'gongshu', { status: 'suspended' });
    expect(suspended.json().status).toBe('suspended');
    expect((await t.call('GET', `/api/v1/projects/${projectId}/governance`, 'hemu')).json().gaps).toEqual(['property_company']);
    expect((await patch({ propertyCompanyId: company.id })).json().errors[0].message).toBe('suspended');
  });
});
