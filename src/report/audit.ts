import { assessApproval, isApproval } from '../model/policy.js';
import { logEntry } from '../history/log-entry.js';
import { findingOf, type ReportContext } from './context.js';
import { defineReport } from './define.js';

/**
 * Conformance evidence for ISO/IEC TR 29110-5-3: for every task, the documents that evidence it,
 * their status and the Git evidence of their approvals; gaps, nonconformities, a timeline per
 * document, and the FitSM view.
 */
export function buildAudit(ctx: ReportContext) {
  const { processes, fitsm } = ctx.processes;
  const byWp = new Map<string, string>();
  for (const t of ctx.config.types) byWp.set(t.wp, t.key);

  const approvalsOf = (id: string) =>
    (ctx.timeline?.byId.get(id) ?? [])
      .filter((e) => {
        const t = e.after?.type ? ctx.config.typeByKey.get(e.after.type) : undefined;
        return t && isApproval(t, e.before, e.after);
      })
      .map((e) => {
        const t = ctx.config.typeByKey.get(e.after!.type!)!;
        const status = e.after!.status!;
        const a = assessApproval(e.roles, t, status, e.commit, e.commit.date.slice(0, 10), ctx.config.history, { data: e.after?.data });
        const selfAsserted = a.evidence.filter((x) => x.how === 'self-asserted').map((x) => x.ref);
        return {
          status,
          commit: e.commit.sha,
          date: e.commit.date,
          approver: a.people.map((p) => p.name).join(', ') || `${e.commit.authorName} (no approving role)`,
          rolesHeld: a.people.flatMap((p) => p.roles.filter((r) => a.allowed.includes(r))).filter((r, i, list) => list.indexOf(r) === i),
          evidenced: a.people.length > 0,
          // How the approver was attributed: author, committer, signature (verified) or trusted-trailer;
          // "self-asserted" when an Approved-by trailer nothing vouches for is all there is.
          attribution: [...new Set(a.people.map((p) => a.how.get(p)!))].join(', ') || (selfAsserted.length ? 'self-asserted' : 'none'),
          selfAsserted,
          signed: e.commit.signature?.status === 'G',
          bootstrap: a.bootstrap,
        };
      });

  const taskResults = new Map<string, boolean>();
  const out = processes.map((p) => ({
    code: p.code,
    name: p.name,
    objectives: p.objectives,
    tasks: p.tasks.map((task) => {
      const outputs = task.outputs.map((o) => {
        const key = byWp.get(o.wp);
        const docs = ctx.documents
          .filter((d) => d.type?.key === key && d.id)
          .map((d) => ({
            id: d.id!,
            title: d.title ?? '',
            file: d.file,
            status: d.status ?? '',
            evidences: Boolean(d.status && o.statuses.includes(d.status)),
            approvals: approvalsOf(d.id!),
          }));
        return { wp: o.wp, type: key ?? '', statuses: o.statuses, evidenced: docs.some((d) => d.evidences), documents: docs };
      });
      const evidenced = outputs.every((o) => o.evidenced);
      taskResults.set(task.id, evidenced);
      return { id: task.id, title: task.title, roles: task.roles, evidenced, outputs };
    }),
  }));
  const tasks = out.flatMap((p) => p.tasks);
  const gaps = tasks
    .filter((t) => !t.evidenced)
    .map((t) => ({
      id: t.id,
      title: t.title,
      missing: t.outputs.filter((o) => !o.evidenced).map((o) => `${o.wp} ${o.type} (${o.statuses.join(' or ')})`),
    }));

  const timelines = ctx.documents
    .filter((d) => d.id && d.type)
    .map((d) => ({
      id: d.id!,
      title: d.title ?? '',
      type: d.type!.key,
      status: d.status ?? '',
      events: (ctx.timeline?.byId.get(d.id!) ?? [])
        .map(logEntry)
        .map((e) => ({ date: e.date, commit: e.commit, author: e.author.name, event: e.event, from: e.statusBefore, to: e.statusAfter })),
    }))
    .sort((a, b) => (a.id < b.id ? -1 : 1));

  return {
    kind: 'audit' as const,
    organisation: ctx.config.organisation,
    asOf: ctx.today,
    history: Boolean(ctx.timeline),
    summary: {
      tasks: tasks.length,
      evidenced: tasks.length - gaps.length,
      gaps: gaps.length,
      errors: ctx.findings.errorCount,
      warnings: ctx.findings.warningCount,
    },
    processes: out,
    gaps,
    nonconformities: ctx.findings.diagnostics.map(findingOf),
    fitsm: fitsm.map((f) => ({ ...f, evidencedTasks: f.tasks.filter((t) => taskResults.get(t)).length, totalTasks: f.tasks.length })),
    timelines,
  };
}

export type AuditData = ReturnType<typeof buildAudit>;

export default defineReport({
  kind: 'audit',
  description: 'Conformance evidence for ISO/IEC TR 29110-5-3, task by task.',
  needsHistory: true,
  period: (ctx, flags) => ({ since: flags.since ?? '0001-01-01', until: flags.until ?? ctx.today }),
  build: (ctx) => buildAudit(ctx),
  charts: (data) => [
    {
      id: 'evidence',
      kind: 'bars',
      title: 'Tasks with evidence, by process',
      yLabel: 'tasks',
      bars: data.processes.map((p) => ({ label: p.code, value: p.tasks.filter((t) => t.evidenced).length, target: p.tasks.length })),
    },
  ],
});
