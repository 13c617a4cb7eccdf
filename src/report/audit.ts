import { forTerminal } from '../formatters/terminal.js';
import { logEntry } from '../history/log-entry.js';
import type { Obligation, TaskModel } from '../model/processes.js';
import { builtInTypes } from '../model/types.js';
import { findingOf, type Period, type ReportContext } from './context.js';
import { defineReport } from './define.js';
import { CHECKS, approvalsOf as judgedApprovals, type AuditContext, type Instance } from './obligations.js';
import type { SmsDocument } from '../repo/documents.js';
import type { Diagnostic } from '../diagnostic.js';
import { linkPath } from '../paths.js';
import { ruleById } from '../rules/index.js';

/**
 * Conformance evidence for ISO/IEC TR 29110-5-3, as an assessor reads it: for every task the
 * obligations model/processes.yaml gives it, checked record by record (per instance where the task
 * is per instance), who did the work and whether they held the task's role, a verdict per task
 * (conformant, partial, gap, not applicable), a conclusion per objective, every shortfall as a
 * finding with a stable id and what to do, and the FitSM-2 crosswalk scored from the same verdicts.
 */

export type Verdict = 'conformant' | 'partial' | 'gap' | 'not applicable';

export interface Finding {
  /** Stable across runs: task / record / check. */
  id: string;
  source: 'obligation' | 'validation';
  task?: string;
  severity: 'gap' | 'partial' | 'error' | 'warning';
  record?: string;
  file?: string;
  /** Where the record can be read (the repository URL template, else a relative path). */
  link?: string;
  what: string;
  todo?: string;
}

function slug(s: string): string {
  return s.replace(/[^A-Za-z0-9.-]+/g, '-').replace(/^-+|-+$/g, '');
}

/** The start of the period when no --since is given: every record counts. */
const ALL_RECORDS = '0001-01-01';

function url(template: string | undefined, values: { commit?: string; path?: string }): string | undefined {
  if (!template) return undefined;
  if (template.includes('{commit}') && !values.commit) return undefined;
  return template.replaceAll('{commit}', values.commit ?? '').replaceAll('{path}', linkPath(values.path ?? ''));
}

export function buildAudit(ctx: ReportContext, period: Period) {
  const actx: AuditContext = { ...ctx, period, asOf: period.until };
  const { processes, fitsm } = ctx.processes;
  const na = ctx.config.notApplicable;
  const commitUrl = (sha?: string): string | undefined => url(ctx.config.links.commit, { commit: sha });
  // Without a template, a path relative to the repository root (where the report is usually kept),
  // each segment percent-encoded so that no file name reads as a URL scheme or breaks a link.
  const docUrl = (path: string): string => url(ctx.config.links.document, { commit: ctx.provenance.commit, path }) ?? linkPath(path);
  const findings: Finding[] = [];
  const usedIds = new Set<string>();
  // Two obligations of a task may check one record the same way, two diagnostics may share a line:
  // the second gets a number, so that ids stay unique and stable for the same input.
  const unique = (base: string): string => {
    let id = base;
    for (let n = 2; usedIds.has(id); n++) id = `${base}-${n}`;
    usedIds.add(id);
    return id;
  };
  const verdicts = new Map<string, Verdict>();
  // A record the SMS's own validation rejects (an approval no commit evidences, dates out of order,
  // an unknown signatory) is not evidence of the task, whatever its fields say.
  // A finding about how the record stands among others (a reference to a record deleted since)
  // is not a fault of the record: one deletion does not sink every record that named it.
  const errorsIn = new Map<string, Diagnostic[]>();
  for (const f of ctx.findings.diagnostics) {
    if (f.severity !== 'error' || ruleById(f.rule)?.relational) continue;
    const list = errorsIn.get(f.file);
    if (list) list.push(f);
    else errorsIn.set(f.file, [f]);
  }
  const rejected = (i: Instance): Instance => {
    const errors = i.record ? errorsIn.get(i.record.file) : undefined;
    if (!errors?.length) return i;
    const first = errors[0]!;
    const what = errors.length === 1 ? 'an error' : `${errors.length} errors`;
    // Name the command that shows it: history rules report only with --history.
    const command = errors.some((e) => ruleById(e.rule)?.needs.length) ? 'sms validate --history' : 'sms validate';
    return {
      ...i,
      ok: false,
      lacks: [...i.lacks, `${command} reports ${what} in this record (${first.rule}: ${first.message})`],
      todo: i.todo ?? `fix what ${command} reports in this record`,
    };
  };

  const byWp = new Map(ctx.config.types.map((t) => [t.wp, t.key]));
  // Work products whose built-in type sms.config.yaml replaces with one of its own: their lifecycle
  // and who may decide are that definition's, which this audit cannot hold to the standard.
  const replaced = builtInTypes().filter((b) => ctx.config.typeByKey.get(b.key)?.custom);
  // A work product is the output of several tasks: its records and their approvals are looked up once.
  const ofType = new Map<string | undefined, SmsDocument[]>();
  for (const d of ctx.documents) {
    if (!d.id) continue;
    const list = ofType.get(d.type?.key);
    if (list) list.push(d);
    else ofType.set(d.type?.key, [d]);
  }
  const approvalsById = new Map<string, ReturnType<typeof approvalsOf>>();
  const approvalsOnce = (id: string): ReturnType<typeof approvalsOf> => {
    let list = approvalsById.get(id);
    if (!list) approvalsById.set(id, (list = approvalsOf(ctx, id)));
    return list;
  };
  const inventory = (task: TaskModel) =>
    task.outputs.map((o) => {
      const key = byWp.get(o.wp);
      const documents = (ofType.get(key) ?? []).map((d) => ({
        id: d.id!,
        title: d.title ?? '',
        file: d.file,
        status: d.status ?? '',
        evidences: Boolean(d.status && o.statuses.includes(d.status)),
        approvals: approvalsOnce(d.id!),
      }));
      return { wp: o.wp, type: key ?? '', statuses: o.statuses, evidenced: documents.some((d) => d.evidences), documents };
    });

  const taskResult = (task: TaskModel, processCode: string) => {
    const why = na[task.id] ?? na[processCode];
    const obligations = task.obligations.map((o: Obligation) => {
      const check = CHECKS[o.check]!;
      const run = why ? { instances: [] as Instance[] } : check.run(actx, o, task);
      const result = { ...run, instances: run.instances.map(rejected) };
      return {
        check: o.check,
        require: o.require,
        description: check.describe(o),
        notTriggered: result.notTriggered,
        met: result.instances.filter((i) => i.ok).length,
        shortfalls: result.instances.filter((i) => !i.ok).length,
        instances: result.instances.map((i) => ({
          ...i,
          link: i.record ? docUrl(i.record.file) : undefined,
          evidence: i.evidence.map((e) => ({ ...e, commitUrl: commitUrl(e.commit) })),
        })),
      };
    });
    const wps = new Set([...task.inputs, ...task.outputs.map((o) => o.wp)]);
    for (const b of why ? [] : replaced.filter((r) => wps.has(r.wp))) {
      obligations.push({
        check: 'defined-as-standard',
        require: undefined,
        description: `the ${b.title.toLowerCase()} (${b.wp}) as the standard defines it`,
        notTriggered: undefined,
        met: 0,
        shortfalls: 1,
        instances: [
          {
            subject: b.key,
            ok: false,
            lacks: [
              `the ${b.key} type is defined in sms.config.yaml (custom_types), replacing ${b.wp}: its lifecycle and who may decide are that definition's, not the standard's`,
            ],
            todo: `judge this task by hand against ${b.wp}, or remove the custom ${b.key} type`,
            evidence: [],
            link: undefined,
          },
        ],
      });
    }
    const all = obligations.flatMap((o) => o.instances);
    const ok = all.filter((i) => i.ok).length;
    const verdict: Verdict = why ? 'not applicable' : all.length === 0 || ok === all.length ? 'conformant' : ok === 0 ? 'gap' : 'partial';
    verdicts.set(task.id, verdict);
    const taskFindings: Finding[] = [];
    for (const o of obligations) {
      for (const i of o.instances) {
        if (i.ok) continue;
        // The record, and what of it (a month of reports, the feedback that asked) when the check says.
        const subject = [i.record?.id, i.subject ? slug(i.subject) : undefined].filter(Boolean).join('/') || 'repository';
        taskFindings.push({
          id: unique(`${task.id}/${subject}/${o.require ?? o.check}`),
          source: 'obligation',
          task: task.id,
          severity: verdict === 'gap' ? 'gap' : 'partial',
          record: i.record?.id ?? i.subject,
          file: i.record?.file,
          link: i.record ? docUrl(i.record.file) : undefined,
          what: i.lacks.join('; '),
          todo: i.todo,
        });
      }
    }
    findings.push(...taskFindings);
    return {
      id: task.id,
      title: task.title,
      roles: task.roles,
      inputs: task.inputs,
      verdict,
      notApplicable: why,
      /**
       * Conformant with nothing to check: no record the task is judged by fell in the period. No
       * shortfall, and no evidence either: the summary counts these apart.
       */
      nothingToCheck: all.length === 0 && !why,
      counts: { ok, total: all.length },
      /** The first shortfall, for the one-line summary. */
      worst: taskFindings[0] ? `${taskFindings[0].record ? `${taskFindings[0].record}: ` : ''}${taskFindings[0].what}` : undefined,
      notTriggered:
        all.length === 0 && !why
          ? obligations
              .map((o) => o.notTriggered)
              .filter(Boolean)
              .join('; ') || undefined
          : undefined,
      obligations,
      // Kept from the 0.1 shape (scripts read them); `evidenced` now means conformant, and
      // `outputs` is the inventory of the documents of each output type, not a verdict.
      evidenced: verdict === 'conformant',
      outputs: inventory(task),
    };
  };

  const out = processes.map((p) => {
    const tasks = p.tasks.map((t) => taskResult(t, p.code));
    const objectives = p.objectives.map((o) => {
      const vs = o.tasks.map((id) => verdicts.get(id)!).filter((v) => v !== 'not applicable');
      const conclusion =
        vs.length === 0
          ? 'not applicable'
          : vs.every((v) => v === 'conformant')
            ? 'achieved'
            : vs.every((v) => v === 'gap')
              ? 'not achieved'
              : 'partly achieved';
      return { code: o.code, text: o.text, tasks: o.tasks, conclusion, why: na[p.code] };
    });
    return { code: p.code, name: p.name, notApplicable: na[p.code], objectives, tasks };
  });
  const tasks = out.flatMap((p) => p.tasks);

  // Validation findings are nonconformities of the records too: what the rules (schemas, approvals
  // from history, separation of duties) report is part of the evidence an assessor weighs.
  for (const d of ctx.findings.diagnostics) {
    findings.push({
      id: unique(`validation/${d.rule}/${d.file}:${d.line}`),
      source: 'validation',
      severity: d.severity,
      record: d.docId ?? d.file,
      file: d.file,
      link: docUrl(d.file),
      what: `${d.message} (rule ${d.rule})`,
      todo: d.hint,
    });
  }

  const vacuous = new Set(tasks.filter((t) => t.nothingToCheck).map((t) => t.id));
  const recordCount = (type: string): number => ctx.documents.filter((d) => d.type?.key === type).length;
  const crosswalk = fitsm.map((f) => {
    const taskVerdicts = f.tasks.map((id) => ({ id, verdict: verdicts.get(id)!, ...(vacuous.has(id) ? { nothingToCheck: true } : {}) }));
    const records = f.records.map((type) => ({ type, count: recordCount(type) }));
    let verdict: string;
    if (f.covered === false || (f.tasks.length === 0 && f.records.length === 0)) verdict = 'not covered by the repository';
    else {
      const judged = taskVerdicts.filter((t) => t.verdict !== 'not applicable');
      const vs = judged.map((t) => t.verdict);
      const missing = records.filter((r) => r.count === 0);
      // Records alone never make a requirement met: with every mapped task not applicable, neither
      // is the requirement; with nothing to check in any, nothing evidences it either way; with
      // every one a gap, records (a draft) do not make it partly met.
      if (vs.length === 0) verdict = 'not applicable';
      else if (judged.every((t) => t.nothingToCheck)) verdict = 'nothing to check in the period';
      else if (missing.length === 0 && vs.every((v) => v === 'conformant')) verdict = 'met';
      else if (vs.every((v) => v === 'gap')) verdict = 'not met';
      else verdict = 'partly met';
    }
    return {
      ...f,
      verdict,
      taskVerdicts,
      records,
      missingRecords: records.filter((r) => r.count === 0).map((r) => r.type),
      // The 0.1 fields, kept: work products of the records, and conformant tasks of all mapped.
      wps: [...new Set(f.records.map((k) => ctx.config.typeByKey.get(k)?.wp ?? k))],
      evidencedTasks: taskVerdicts.filter((t) => t.verdict === 'conformant').length,
      totalTasks: f.tasks.length,
    };
  });

  const timelines = ctx.documents
    .filter((d) => d.id && d.type)
    .map((d) => {
      const approvals = new Map(judgedApprovals(ctx, d.id).map((x) => [x.event, x]));
      return {
        id: d.id!,
        title: d.title ?? '',
        type: d.type!.key,
        status: d.status ?? '',
        link: docUrl(d.file),
        events: (ctx.timeline?.byId.get(d.id!) ?? []).map((e) => {
          const entry = logEntry(e);
          const approval = approvals.get(e);
          return {
            date: entry.date,
            commit: entry.commit,
            commitUrl: commitUrl(entry.commit),
            author: entry.author.name,
            event: entry.event,
            from: entry.statusBefore,
            to: entry.statusAfter,
            approvedBy: approval?.approvers.map((p) => p.name).join(', '),
            attribution: approval ? (approval.approvers.length > 0 ? approval.how : 'self-asserted or none') : undefined,
          };
        }),
      };
    })
    .sort((a, b) => (a.id < b.id ? -1 : 1));

  findings.sort((a, b) => (a.source === b.source ? (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) : a.source === 'obligation' ? -1 : 1));
  const count = (v: Verdict): number => tasks.filter((t) => t.verdict === v).length;
  return {
    kind: 'audit' as const,
    organisation: ctx.config.organisation,
    standard: 'ISO/IEC TR 29110-5-3:2018',
    period,
    periodLabel: period.since <= ALL_RECORDS ? `every record up to ${period.until}` : `${period.since} to ${period.until}`,
    asOf: period.until,
    provenance: { ...ctx.provenance, commitUrl: commitUrl(ctx.provenance.commit) },
    history: Boolean(ctx.timeline),
    summary: {
      tasks: tasks.length,
      // The 0.1 names, kept: evidenced = conformant, gaps = partial + gap, errors and warnings from validation.
      evidenced: count('conformant'),
      gaps: count('partial') + count('gap'),
      errors: ctx.findings.errorCount,
      warnings: ctx.findings.warningCount,
      conformant: count('conformant'),
      partial: count('partial'),
      gap: count('gap'),
      notApplicable: count('not applicable'),
      /** Of the conformant tasks, those with nothing to check in the period. */
      nothingToCheck: tasks.filter((t) => t.nothingToCheck).length,
      findings: findings.filter((f) => f.source === 'obligation').length,
      validationErrors: ctx.findings.errorCount,
      validationWarnings: ctx.findings.warningCount,
    },
    // One row per task in the standard's order; `note` is the first shortfall, why the task does
    // not apply, or why a conditional task had nothing to do.
    summaryRows: tasks.map((t) => ({
      id: t.id,
      title: t.title,
      verdict: t.verdict,
      nothingToCheck: t.nothingToCheck,
      ok: t.counts.ok,
      total: t.counts.total,
      note: t.verdict === 'not applicable' ? t.notApplicable : (t.worst ?? t.notTriggered),
    })),
    processes: out,
    /** The 0.1 list of tasks that are not conformant, with what each lacks. */
    gaps: tasks
      .filter((t) => t.verdict === 'gap' || t.verdict === 'partial')
      .map((t) => ({
        id: t.id,
        title: t.title,
        missing: findings.filter((f) => f.task === t.id).map((f) => `${f.record ? `${f.record}: ` : ''}${f.what}`),
      })),
    findings,
    nonconformities: ctx.findings.diagnostics.map(findingOf),
    fitsm: crosswalk,
    timelines,
  };
}

export type AuditData = ReturnType<typeof buildAudit>;

/** Every approval of a document from history: who approved, the role held, how they were identified. */
/** A document's approvals in history as the audit lists them: judged once, by the policy, in obligations. */
function approvalsOf(ctx: ReportContext, id: string) {
  return judgedApprovals(ctx, id).map((x) => ({
    status: x.status,
    commit: x.event.commit.sha,
    date: x.event.commit.date,
    approver: x.approvers.map((p) => p.name).join(', ') || `${x.event.commit.authorName} (no approving role)`,
    rolesHeld: [...new Set(x.approvers.flatMap((p) => p.roles.filter((r) => x.allowed.includes(r))))],
    evidenced: x.approvers.length > 0,
    // author, committer, signature (verified) or trusted-trailer; "self-asserted" when an
    // Approved-by trailer nothing vouches for is all there is.
    attribution: x.how,
    selfAsserted: x.selfAsserted,
    signed: x.event.commit.signature?.status === 'G',
    bootstrap: x.bootstrap,
  }));
}

/** The findings as CSV (RFC 4180): one row per finding, for a spreadsheet or a tracker. */
export function auditCsv(data: AuditData): string {
  const cell = (v: unknown): string => {
    // One line, without control characters or bidirectional overrides from documents.
    const s = v === undefined || v === null ? '' : forTerminal(String(v));
    // A leading = + - @ would be a formula in a spreadsheet: quote it as text.
    const safe = /^[=+\-@\t]/.test(s) ? `'${s}` : s;
    return /[",]/.test(safe) || safe !== s ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  const rows = [['id', 'source', 'task', 'severity', 'record', 'file', 'what', 'todo']];
  for (const f of data.findings) rows.push([f.id, f.source, f.task ?? '', f.severity, f.record ?? '', f.file ?? '', f.what, f.todo ?? '']);
  return `${rows.map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`;
}

export default defineReport({
  kind: 'audit',
  description: 'Conformance evidence for ISO/IEC TR 29110-5-3, task by task, with findings and the FitSM-2 crosswalk.',
  needsHistory: true,
  requiresHistory: true,
  asOf: true,
  period: (ctx, flags) => ({ since: flags.since ?? ALL_RECORDS, until: flags.until ?? ctx.today }),
  build: (ctx, period) => buildAudit(ctx, period),
  csv: (data) => auditCsv(data),
  charts: (data) => [
    {
      id: 'evidence',
      kind: 'bars',
      title: 'Conformant tasks, by process',
      yLabel: 'tasks',
      bars: data.processes.map((p) => ({
        label: p.code,
        value: p.tasks.filter((t) => t.verdict === 'conformant').length,
        target: p.tasks.filter((t) => t.verdict !== 'not applicable').length,
      })),
    },
  ],
});
