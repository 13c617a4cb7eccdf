import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  PEOPLE,
  SERVICE,
  addCommit,
  changeProcedure,
  gitIn,
  gitRepo,
  provenChange,
  rfc,
  rolesCommits,
  rolesDoc,
  smsInProcess,
  testEnv,
  tmp,
  type Finding,
} from './helpers.js';
import { sameParty } from '../src/model/policy.js';

const R = 'changes/RFC-0001-a.md';
const ben = PEOPLE.ben;

/** A repository where Ben (the only Control Manager) requested RFC-0001, all committed. */
function repoWith(config: string): string {
  const dir = tmp();
  gitRepo(dir, [
    ...rolesCommits(),
    { files: { 'sms.config.yaml': config, 'catalogue/SVC-0001-service-desk.md': SERVICE }, date: '2026-01-01T09:00:00Z' },
    { files: { [R]: rfc({ requested_by: ben.email }) }, author: ben, date: '2026-01-02T09:00:00Z' },
  ]);
  return dir;
}

const asBen = testEnv({
  GIT_AUTHOR_NAME: ben.name,
  GIT_AUTHOR_EMAIL: ben.email,
  GIT_COMMITTER_NAME: ben.name,
  GIT_COMMITTER_EMAIL: ben.email,
});

async function validateFindings(dir: string): Promise<{ code: number; selfApproval: Finding[] }> {
  const v = await smsInProcess(['validate', '--history', '--format', 'json'], dir);
  const out = JSON.parse(v.stdout) as { diagnostics: Finding[] };
  return { code: v.code, selfApproval: out.diagnostics.filter((d) => d.rule === 'self-approval') };
}

describe('one policy: set-status and validate agree under every setting', () => {
  const base = 'organisation: Acme IT\n';
  const variants: { name: string; config: string; refused: boolean; level?: 'error' | 'warning' }[] = [
    { name: 'default: self-approval is a warning (good practice, not the standard)', config: base, refused: false, level: 'warning' },
    { name: 'history.requester_may_approve: true', config: `${base}history:\n  requester_may_approve: true\n`, refused: false },
    { name: 'rules: self-approval: error', config: `${base}rules:\n  self-approval: error\n`, refused: true, level: 'error' },
    { name: 'rules: self-approval: off', config: `${base}rules:\n  self-approval: off\n`, refused: false },
    {
      name: 'rules: separation-of-duties: off (the old id still applies)',
      config: `${base}rules:\n  separation-of-duties: off\n`,
      refused: false,
    },
    {
      name: 'rules: separation-of-duties: error (the old id still applies)',
      config: `${base}rules:\n  separation-of-duties: error\n`,
      refused: true,
      level: 'error',
    },
    {
      name: 'its own setting wins over the old id',
      config: `${base}rules:\n  separation-of-duties: off\n  self-approval: error\n`,
      refused: true,
      level: 'error',
    },
  ];

  it.each(variants)('$name', async (v) => {
    const dir = repoWith(v.config);
    const before = readFileSync(path.join(dir, R), 'utf8');
    const s = await smsInProcess(['set-status', 'RFC-0001', 'approved', '--commit'], dir, asBen);
    if (v.refused) {
      expect(s.code).toBe(2);
      expect(s.stderr).toMatch(/Ben Okafor requested RFC-0001 and may not approve it/);
      expect(readFileSync(path.join(dir, R), 'utf8')).toBe(before);
      // What set-status refused, validate reports as an error once it is done by hand.
      addCommit(
        dir,
        {
          files: { [R]: rfc({ requested_by: ben.email, status: 'approved', approved_by: ben.email, approved_on: '2026-01-03' }) },
          author: ben,
          date: '2026-01-03T09:00:00Z',
        },
        asBen,
      );
    } else {
      expect(s.code, s.stderr).toBe(0);
      expect(s.stderr).toBe(v.level === 'warning' ? 'sms: warning: Ben Okafor requested RFC-0001 and approves it (self-approval)\n' : '');
    }
    const r = await validateFindings(dir);
    if (v.level === undefined) {
      expect(r.selfApproval).toEqual([]);
      expect(r.code).toBe(0);
    } else {
      // One finding, from the approving commit (approved_by in the working tree says the same).
      expect(r.selfApproval.map((d) => d.severity)).toEqual([v.level]);
      expect(r.selfApproval[0]!.message).toMatch(/^RFC-0001 was approved by Ben Okafor, who also requested or drafted it/);
      expect(r.code).toBe(v.level === 'error' ? 1 : 0);
    }
  });

  it('the Service Manager may take the decision (3.34), and both places agree', async () => {
    const dir = repoWith('organisation: Acme IT\n');
    const s = await smsInProcess(['set-status', 'RFC-0001', 'approved', '--commit'], dir, testEnv());
    expect(s.code, s.stderr).toBe(0);
    const v = await smsInProcess(['validate', '--history', '--format', 'json'], dir);
    expect((JSON.parse(v.stdout) as { diagnostics: Finding[] }).diagnostics).toEqual([]);
  });

  it('approval authority: the same check refuses in set-status and reports in validate', async () => {
    const dir = repoWith('organisation: Acme IT\n');
    const cleo = testEnv({ GIT_AUTHOR_NAME: PEOPLE.cleo.name, GIT_AUTHOR_EMAIL: PEOPLE.cleo.email });
    const s = await smsInProcess(['set-status', 'RFC-0001', 'approved'], dir, cleo);
    expect(s.code).toBe(2);
    expect(s.stderr).toMatch(
      /Cleo Park <cleo@acme.example> is not|Cleo Park holds IM, PT; moving a change-request to "approved" needs CM, SM/,
    );
    // The commit that records it is judged by validate --history too (approval-evidence): while
    // that is an error, set-status refuses whatever approval-authority is set to.
    const half = repoWith('organisation: Acme IT\nrules:\n  approval-authority: warn\n');
    const h = await smsInProcess(['set-status', 'RFC-0001', 'approved'], half, cleo);
    expect(h.code).toBe(2);
    expect(h.stderr).toMatch(/^sms: Cleo Park holds IM, PT; .* in the roles document in force/);
    const warn = repoWith('organisation: Acme IT\nrules:\n  approval-authority: warn\n  approval-evidence: warn\n');
    const w = await smsInProcess(['set-status', 'RFC-0001', 'approved'], warn, cleo);
    expect(w.code).toBe(0);
    expect(w.stderr).toMatch(/^sms: warning: Cleo Park holds IM, PT/);
    const v = await smsInProcess(['validate', '--format', 'json'], warn);
    const found = (JSON.parse(v.stdout) as { diagnostics: Finding[] }).diagnostics.filter((d) => d.rule === 'approval-authority');
    expect(found.map((d) => [d.severity, d.message])).toEqual([
      ['warning', 'Cleo Park holds IM, PT; moving a change-request to "approved" needs CM, SM'],
    ]);
  });
});

describe('one policy: a pre-approved change is exempt only under a proven model, in set-status as in validate', () => {
  // RFC-0009, a normal change deployed successfully, proved model PA-1, agreed on 2026-01-05.
  const proving = provenChange({ id: 'RFC-0009', approved_on: '2026-01-03', deployed_on: '2026-01-04' });
  const cases = [
    { name: 'labelled pre-approved, naming no model: refused', fields: {}, refused: true, why: 'it names no model (pre_approved_model)' },
    {
      name: 'naming a model the change procedure does not list: refused',
      fields: { pre_approved_model: 'PA-2' },
      refused: true,
      why: 'model PA-2 is not listed',
    },
    { name: 'under the proven model PA-1: exempt', fields: { pre_approved_model: 'PA-1' }, refused: false },
  ];
  /** Ben approves his own RFC-0001, pre-approved with `fields`, by hand on 7 January: what validate --history says (self-approval severities). */
  async function approvedByHand(dir: string, fields: Record<string, unknown>): Promise<string[]> {
    const approval = { status: 'approved', approved_by: ben.email, approved_on: '2026-01-07' };
    const files = { [R]: rfc({ requested_by: ben.email, change_type: 'pre-approved', ...fields, ...approval }) };
    addCommit(dir, { files, author: ben, date: '2026-01-07T09:00:00Z' }, asBen);
    return (await validateFindings(dir)).selfApproval.map((d) => d.severity);
  }
  /** Model PA-1 in force; RFC-0001, requested by Ben (CM) as pre-approved with `fields`, still a draft. */
  function requested(fields: Record<string, unknown>): string {
    const dir = tmp();
    gitRepo(dir, [
      ...rolesCommits(),
      {
        files: {
          'sms.config.yaml': 'organisation: Acme IT\nrules:\n  self-approval: error\n',
          'catalogue/SVC-0001-service-desk.md': SERVICE,
          'changes/RFC-0009-p.md': proving,
          'procedures/change-procedure.md': changeProcedure(
            [{ id: 'PA-1', title: 'Mailboxes', proven_by: 'RFC-0009', since: '2026-01-05' }],
            {
              approved_on: '2026-01-05',
            },
          ),
        },
        date: '2026-01-05T09:00:00Z',
      },
      {
        files: { [R]: rfc({ requested_by: ben.email, change_type: 'pre-approved', ...fields }) },
        author: ben,
        date: '2026-01-06T09:00:00Z',
      },
    ]);
    return dir;
  }
  it('approved as pre-approved under PA-1, then made a normal change and approved to deploy by the requester: refused', async () => {
    const dir = requested({ pre_approved_model: 'PA-1' });
    expect((await smsInProcess(['set-status', 'RFC-0001', 'approved', '--commit'], dir, asBen)).code).toBe(0);
    const normal = readFileSync(path.join(dir, R), 'utf8').replace('change_type: "pre-approved"', 'change_type: "normal"');
    writeFileSync(path.join(dir, R), normal);
    const s = await smsInProcess(['set-status', 'RFC-0001', 'updated', '--commit'], dir, asBen);
    expect(s.code).toBe(2);
    expect(s.stderr).toMatch(/Ben Okafor requested RFC-0001 and may not approve it/);
    expect(readFileSync(path.join(dir, R), 'utf8')).toBe(normal);
  });
  // Ben (CM) lists a model PA-2 for his own change: in the working tree only, or in a version of the change
  // procedure he approves himself. validate --history counts neither (the business agrees models), so
  // set-status refuses, where it used to judge by the working tree's list and let the approval through.
  it.each([
    { name: 'listed in the working tree only', commit: false },
    { name: 'listed in a version the Control Manager approved himself', commit: true },
  ])('under a model the business has not agreed ($name): refused, as validate --history reports it', async ({ commit }) => {
    const dir = requested({ pre_approved_model: 'PA-2' });
    const listing = changeProcedure(
      [
        { id: 'PA-1', title: 'Mailboxes', proven_by: 'RFC-0009', since: '2026-01-05' },
        { id: 'PA-2', title: 'Firewall rules', proven_by: 'RFC-0009', since: '2026-01-05' },
      ],
      { approved_by: ben.email, approved_on: '2026-01-06' },
    );
    if (commit) addCommit(dir, { files: { 'procedures/change-procedure.md': listing }, author: ben, date: '2026-01-06T10:00:00Z' }, asBen);
    else writeFileSync(path.join(dir, 'procedures/change-procedure.md'), listing);
    const before = readFileSync(path.join(dir, R), 'utf8');
    const s = await smsInProcess(['set-status', 'RFC-0001', 'approved', '--commit'], dir, asBen);
    expect(s.stderr).toContain(
      'Ben Okafor requested RFC-0001 and may not approve it (rule self-approval is set to error); it is not exempt: model PA-2 is not listed',
    );
    expect(s.code).toBe(2);
    expect(readFileSync(path.join(dir, R), 'utf8')).toBe(before);
    // What validate --history says of the same approval made by hand.
    expect(await approvedByHand(dir, { pre_approved_model: 'PA-2' })).toEqual(['error']);
  });
  it('under a model whose proving change looks done only in the working tree: refused, as validate --history reports it', async () => {
    const dir = requested({ pre_approved_model: 'PA-1' });
    // RFC-0009 as committed is still a draft; the working tree makes it look deployed successfully.
    addCommit(dir, { files: { 'changes/RFC-0009-p.md': rfc({ id: 'RFC-0009' }) }, author: PEOPLE.ana, date: '2026-01-06T10:00:00Z' });
    writeFileSync(path.join(dir, 'changes/RFC-0009-p.md'), proving);
    const s = await smsInProcess(['set-status', 'RFC-0001', 'approved', '--commit'], dir, asBen);
    expect(s.stderr).toContain(
      'Ben Okafor requested RFC-0001 and may not approve it (rule self-approval is set to error); it is not exempt: model PA-1 does not count: RFC-0009 is "draft", not through the whole process (updated)',
    );
    expect(s.code).toBe(2);
    // What CI (a clean checkout) says of the same approval committed by hand.
    gitIn(dir, ['checkout', '--', 'changes/RFC-0009-p.md']);
    expect(await approvedByHand(dir, { pre_approved_model: 'PA-1' })).toEqual(['error']);
  });
  it.each(cases)('$name', async (c) => {
    const dir = requested(c.fields);
    const before = readFileSync(path.join(dir, R), 'utf8');
    const s = await smsInProcess(['set-status', 'RFC-0001', 'approved', '--commit'], dir, asBen);
    if (c.refused) {
      expect(s.code).toBe(2);
      expect(s.stderr).toContain(
        `Ben Okafor requested RFC-0001 and may not approve it (rule self-approval is set to error); it is not exempt: ${c.why}`,
      );
      expect(readFileSync(path.join(dir, R), 'utf8')).toBe(before);
      // Done by hand, validate reports it as the error set-status refused.
      expect(await approvedByHand(dir, c.fields)).toEqual(['error']);
    } else {
      expect(s.code, s.stderr).toBe(0);
      expect((await validateFindings(dir)).selfApproval).toEqual([]);
    }
  });
});

describe('one policy: a request that names no requester counts its drafter, in set-status as in validate --history', () => {
  // change-request requires requested_by, so a request without one is a schema error: set to a
  // warning here, so that only the self-approval check decides.
  const base = 'organisation: Acme IT\nrules:\n  schema: warn\n';
  const drafted = (fields: Record<string, unknown> = {}): string => rfc(fields).replace(/^requested_by: .*\n/m, '');
  const variants: { name: string; config: string; level?: 'error' | 'warning' }[] = [
    { name: 'default: a warning', config: base, level: 'warning' },
    { name: 'history.requester_may_approve: true', config: `${base}history:\n  requester_may_approve: true\n` },
    { name: 'rules: self-approval: error', config: `${base}  self-approval: error\n`, level: 'error' },
    { name: 'rules: self-approval: off', config: `${base}  self-approval: off\n` },
  ];

  it.each(variants)('$name', async (v) => {
    const dir = tmp();
    gitRepo(dir, [
      ...rolesCommits(),
      { files: { 'sms.config.yaml': v.config, 'catalogue/SVC-0001-service-desk.md': SERVICE }, date: '2026-01-01T09:00:00Z' },
      { files: { [R]: drafted() }, author: ben, date: '2026-01-02T09:00:00Z' },
    ]);
    expect(readFileSync(path.join(dir, R), 'utf8')).not.toMatch(/requested_by/);
    const plain = await smsInProcess(['validate', '--format', 'json'], dir);
    expect(plain.code, plain.stdout + plain.stderr).toBe(0);
    expect((JSON.parse(plain.stdout) as { diagnostics: Finding[] }).diagnostics.map((d) => [d.rule, d.message])).toEqual([
      ['schema', 'missing required field "requested_by"'],
    ]);
    const before = readFileSync(path.join(dir, R), 'utf8');
    const head = gitIn(dir, ['rev-parse', 'HEAD']);
    const s = await smsInProcess(['set-status', 'RFC-0001', 'approved', '--commit'], dir, asBen);
    if (v.level === 'error') {
      expect(s.code).toBe(2);
      expect(s.stderr).toMatch(
        /^sms: Ben Okafor drafted RFC-0001, which names no requester, so counts as its requester and may not approve it/,
      );
      expect(s.stdout).toBe('');
      expect(readFileSync(path.join(dir, R), 'utf8')).toBe(before);
      expect(gitIn(dir, ['rev-parse', 'HEAD'])).toBe(head);
      // What set-status refused, validate --history reports as an error once it is done by hand.
      addCommit(
        dir,
        {
          files: { [R]: drafted({ status: 'approved', approved_by: ben.email, approved_on: '2026-01-03' }) },
          author: ben,
          date: '2026-01-03T09:00:00Z',
        },
        asBen,
      );
    } else {
      expect(s.code, s.stderr).toBe(0);
      expect(s.stderr).toBe(
        v.level === 'warning'
          ? 'sms: warning: Ben Okafor drafted RFC-0001, which names no requester, and approves it (self-approval)\n'
          : '',
      );
    }
    const r = await validateFindings(dir);
    // Only history knows the drafter: one finding, from the approving commit.
    expect(r.selfApproval.map((d) => [d.severity, d.message.replace(/ \(commit .*/, '')])).toEqual(
      v.level ? [[v.level, 'RFC-0001 was approved by Ben Okafor, who also requested or drafted it']] : [],
    );
    expect(r.code).toBe(v.level === 'error' ? 1 : 0);
  });
});

describe('one policy: set-status and validate --history agree under each history.* option, committed or only in the working tree', () => {
  const { ana, cleo } = PEOPLE;
  const envOf = (p: { name: string; email: string }): NodeJS.ProcessEnv =>
    testEnv({ GIT_AUTHOR_NAME: p.name, GIT_AUTHOR_EMAIL: p.email, GIT_COMMITTER_NAME: p.name, GIT_COMMITTER_EMAIL: p.email });
  interface Variant {
    name: string;
    /** The history: lines under test. */
    option: string;
    rules?: string;
    /** The document decided on, and how it is committed by hand where set-status refuses. */
    roles?: boolean;
    requester?: { name: string; email: string };
    actor: { name: string; email: string };
    as?: { name: string; email: string };
    /** Whether set-status lets the decision through with the option committed. */
    committedAllows: boolean;
  }
  const variants: Variant[] = [
    {
      name: 'requester_may_approve: true',
      option: '  requester_may_approve: true\n',
      rules: 'rules:\n  self-approval: error\n',
      requester: ben,
      actor: ben,
      committedAllows: true,
    },
    {
      name: 'trusted_committers',
      option: '  trusted_committers: [ana@acme.example]\n',
      requester: cleo,
      actor: ana,
      as: ben,
      committedAllows: true,
    },
    { name: 'attribution: [trailer]', option: '  attribution: [trailer]\n', requester: cleo, actor: ben, committedAllows: false },
    { name: 'roles_bootstrap: false', option: '  roles_bootstrap: false\n', roles: true, actor: ana, committedAllows: false },
  ];
  const cases = variants.flatMap((v) => [
    { ...v, mode: 'committed' as const },
    { ...v, mode: 'uncommitted' as const },
  ]);

  it.each(cases)('$name ($mode)', async (v) => {
    const plain = `organisation: Acme IT\n${v.rules ?? ''}`;
    const withOption = `${plain}history:\n${v.option}`;
    const file = v.roles ? 'governance/roles.md' : R;
    const dir = tmp();
    gitRepo(dir, [
      ...(v.roles ? [] : rolesCommits()),
      {
        files: {
          'sms.config.yaml': v.mode === 'committed' ? withOption : plain,
          'catalogue/SVC-0001-service-desk.md': SERVICE,
          ...(v.roles ? { 'governance/roles.md': rolesDoc() } : { [R]: rfc({ requested_by: v.requester!.email }) }),
        },
        author: v.requester ?? ana,
        date: '2026-01-02T09:00:00Z',
      },
    ]);
    if (v.mode === 'uncommitted') writeFileSync(path.join(dir, 'sms.config.yaml'), withOption);
    const id = v.roles ? 'ROLES' : 'RFC-0001';
    const asArgs = v.as ? ['--as', `${v.as.name} <${v.as.email}>`] : [];
    const s = await smsInProcess(['set-status', id, 'approved', ...asArgs, '--commit'], dir, envOf(v.actor));
    // Only what both the committed settings and the working tree's allow goes through.
    const allowed = v.mode === 'committed' ? v.committedAllows : false;
    expect(s.code, s.stderr).toBe(allowed ? 0 : 2);
    if (!allowed) {
      // Done by hand as set-status would have done it: the same author and Approved-by trailer.
      const approver = v.as ?? v.actor;
      const approvedText = v.roles
        ? rolesDoc(undefined, 'approved', approver.email)
        : rfc({ requested_by: v.requester!.email, status: 'approved', approved_by: approver.email, approved_on: '2026-01-03' });
      writeFileSync(path.join(dir, file), approvedText);
      gitIn(dir, ['add', '--', file], envOf(v.actor));
      gitIn(dir, ['commit', '-q', '-m', `${id} approved\n\nApproved-by: ${approver.name} <${approver.email}>`], {
        ...envOf(v.actor),
        GIT_AUTHOR_DATE: '2026-01-03T09:00:00Z',
        GIT_COMMITTER_DATE: '2026-01-03T09:00:00Z',
      });
    }
    // validate --history as CI sees it (the committed configuration) and as it will once the
    // working tree's is committed: set-status went through exactly when neither reports an error.
    const errors = async (): Promise<string[]> => {
      const r = await smsInProcess(['validate', '--history', '--format', 'json'], dir);
      return (JSON.parse(r.stdout) as { diagnostics: Finding[] }).diagnostics.filter((d) => d.severity === 'error').map((d) => d.rule);
    };
    const now = await errors();
    writeFileSync(path.join(dir, 'sms.config.yaml'), gitIn(dir, ['show', 'HEAD:sms.config.yaml']));
    const ci = await errors();
    expect([...now, ...ci].length === 0, JSON.stringify({ now, ci })).toBe(allowed);
  });
});

describe('set-status is refused where validate would report an error in the document', () => {
  it('a change request without requested_by (a schema error) is not approved, and nothing is written', async () => {
    const dir = tmp();
    gitRepo(dir, [
      ...rolesCommits(),
      {
        files: { 'sms.config.yaml': 'organisation: Acme IT\n', 'catalogue/SVC-0001-service-desk.md': SERVICE },
        date: '2026-01-01T09:00:00Z',
      },
      { files: { [R]: rfc().replace(/^requested_by: .*\n/m, '') }, author: ben, date: '2026-01-02T09:00:00Z' },
    ]);
    const plain = await smsInProcess(['validate', '--format', 'json'], dir);
    expect(plain.code).toBe(1);
    expect((JSON.parse(plain.stdout) as { diagnostics: Finding[] }).diagnostics.map((d) => [d.rule, d.line, d.message])).toEqual([
      ['schema', 2, 'missing required field "requested_by"'],
    ]);
    const before = readFileSync(path.join(dir, R), 'utf8');
    const head = gitIn(dir, ['rev-parse', 'HEAD']);
    for (const args of [['--commit'], []]) {
      const s = await smsInProcess(['set-status', 'RFC-0001', 'approved', ...args], dir, asBen);
      expect(s.code).toBe(2);
      expect(s.stderr).toMatch(
        /^sms: RFC-0001 was not moved to "approved": sms validate would report an error in changes\/RFC-0001-a\.md \(line 2: missing required field "requested_by" \(rule schema\)\); nothing was written\n/,
      );
      expect(s.stderr).toMatch(/fix it first \("sms validate changes\/RFC-0001-a\.md" lists every problem\)/);
      expect(s.stdout).toBe('');
      expect(readFileSync(path.join(dir, R), 'utf8')).toBe(before);
      expect(gitIn(dir, ['rev-parse', 'HEAD'])).toBe(head);
    }
    // Once it names its requester, the approval goes through and both checks pass.
    addCommit(dir, { files: { [R]: rfc() }, author: ben, date: '2026-01-03T09:00:00Z' }, asBen);
    const ok = await smsInProcess(['set-status', 'RFC-0001', 'approved', '--commit'], dir, asBen);
    expect(ok.code, ok.stderr).toBe(0);
    const v = await smsInProcess(['validate', '--history', '--format', 'json'], dir);
    expect((JSON.parse(v.stdout) as { diagnostics: Finding[] }).diagnostics).toEqual([]);
  });
});

describe('configuration of rule ids', () => {
  it('an unknown rule key is a located error with a suggestion, exit 2', async () => {
    const dir = tmp();
    gitRepo(dir, [
      { files: { 'sms.config.yaml': 'organisation: Acme IT\nrules:\n  unknown-persn: off\n', 'governance/roles.md': rolesDoc() } },
    ]);
    const r = await smsInProcess(['validate'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'sms: sms.config.yaml:3:3: "unknown-persn" is not a rule id; did you mean "unknown-person"?\n     run "sms rules" to list the rule ids\n',
    );
  });

  it('an unknown type key under folders: is located too', async () => {
    const dir = tmp();
    gitRepo(dir, [{ files: { 'sms.config.yaml': 'organisation: Acme IT\nfolders:\n  incidnet: tickets\n' } }]);
    const r = await smsInProcess(['validate'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^sms: sms.config.yaml:3:3: "incidnet" is not a type key; did you mean "incident"\?/);
  });
});

describe('who a signature names', () => {
  it('a verified signature counts for the person whose email it carries, never by a name beside an unknown email', async () => {
    const { approversOf } = await import('../src/model/policy.js');
    const { RolesIndex } = await import('../src/model/roles.js');
    const { builtInTypes } = await import('../src/model/types.js');
    const t = builtInTypes().find((x) => x.key === 'change-request')!;
    const roles = RolesIndex.fromData({ people: [{ name: 'Ben Okafor', email: 'ben@acme.example', roles: ['CM'] }] });
    const by = (ref: string, how: 'signature' | 'author') => approversOf(roles, t, 'approved', [{ how, ref, counts: true }], '2026-01-03');
    // A key whose user ID pairs the Control Manager's name with another address is not his key.
    expect(by('Ben Okafor <cleo.private@mail.example>', 'signature').people).toEqual([]);
    expect(by('Ben Okafor <ben@acme.example>', 'signature').people.map((p) => p.name)).toEqual(['Ben Okafor']);
    expect(by('ben@acme.example', 'signature').people.map((p) => p.name)).toEqual(['Ben Okafor']);
  });
});

describe('who speaks for a party', () => {
  it('an organisation is its party with or without the legal form, unless the agreements tell two parties apart by it', () => {
    const parties = ['Bluebell Bakery GmbH', 'Bluebell Bakery', 'Kessler Legal'];
    expect(sameParty('Bluebell Bakery', 'Bluebell Bakery GmbH', parties)).toBe(true);
    expect(sameParty('bluebell  bakery gmbh', 'Bluebell Bakery GmbH', parties)).toBe(true);
    // Read as a reader reads it: an invisible character, or a full stop after the legal form, makes no difference.
    expect(sameParty('Bluebell Bake\u200bry', 'Bluebell Bakery GmbH', parties)).toBe(true);
    expect(sameParty('Bluebell Bakery GmbH.', 'Bluebell Bakery GmbH', parties)).toBe(true);
    expect(sameParty('Kessler Legal', 'Bluebell Bakery GmbH', parties)).toBe(false);
    // Müller GmbH and Müller AG are two customers: the legal form decides.
    const namesakes = ['Müller GmbH', 'Müller AG'];
    expect(sameParty('Müller AG', 'Müller GmbH', namesakes)).toBe(false);
    expect(sameParty('Müller GmbH', 'Müller GmbH', namesakes)).toBe(true);
    expect(sameParty('Müller', 'Müller GmbH', namesakes)).toBe(false);
  });
});
