import { own, ownNumber, ownString, records } from '../repo/values.js';
import { parseDate } from '../dates.js';
import type { SmsDocument } from '../repo/documents.js';
import type { Period } from '../period.js';
import type { Availability, IncidentMeasure } from './sla.js';
import { customerScores } from './context.js';
import { counted } from '../strings.js';

/**
 * The policy's measurable objectives (`objectives: [{ id, text, measure, target }]`), each
 * evaluated over the review period from the records, with a red/amber/green rating whose rule is
 * stated beside it. An objective without a measure, or without data, is listed and not rated.
 */

export type Rag = 'green' | 'amber' | 'red' | 'no data' | 'not measured';

export interface ObjectiveResult {
  id: string;
  text: string;
  measure?: string;
  target?: number;
  priority?: string;
  service?: string;
  /** The value over the period, in the measure's unit. */
  value?: number;
  unit: string;
  /** How many records the value comes from. */
  basis: string;
  rag: Rag;
  /** How the colour is decided, in words. */
  rule: string;
}

/** What an objective is measured on: the records of the period. */
export interface ObjectiveInputs {
  period: Period;
  /** Every incident active in the period, measured against its own customer agreement. */
  incidents: readonly IncidentMeasure[];
  /** Availability rows of every customer agreement in force, per service and month, with the agreement's ID. */
  availability: readonly (Availability & { agreement?: string })[];
  /** Feedback received in the period. */
  feedback: readonly SmsDocument[];
  /**
   * Every change deployed in the period, as the review's changes section counts it: the day it
   * was deployed and how it went, when recorded. One list, so that the objective and the section
   * cannot count different deployments.
   */
  deployments: readonly { id: string; deployedOn?: string; result?: string }[];
  nonconformities: readonly SmsDocument[];
}

interface MeasureDef {
  unit: string;
  /** How far below target is still amber (in the measure's unit). */
  amber: number;
  /** Higher is better (true for all current measures). */
  compute(o: { priority?: string; service?: string }, inputs: ObjectiveInputs): { value?: number; basis: string; rag?: Rag };
}

const pct = (n: number, of: number): number => Math.floor((n / of) * 10_000) / 100;
const inPeriod = (p: Period, d: string | undefined): boolean => d !== undefined && d >= p.since && d <= p.until;

const MEASURES: Record<string, MeasureDef> = {
  availability: {
    unit: '%',
    amber: 0.5,
    compute(o, inputs) {
      const rows = inputs.availability.filter((r) => !o.service || r.service === o.service);
      const unknown = rows.filter((r) => r.note?.startsWith('not known'));
      // A month not over yet is measured so far, and judged once it is.
      const measured = rows.filter((r) => r.percent !== undefined && !r.open);
      if (unknown.length)
        return { basis: `${unknown.length} service-month(s) not known: a P1 incident without an outage record`, rag: 'amber' };
      if (rows.length === 0) return { basis: 'no agreement in force covers the service' };
      if (measured.length === 0) {
        const open = rows.filter((r) => r.open && r.percent !== undefined).length;
        if (open) return { basis: `${open} service-month(s) with an outage not over yet: measured so far, not judged` };
        // Availability is measured from outage records: with none there is no figure, and the
        // agreements' performance reports judge no month either, so the objective is not rated.
        // A service shared by two agreements is one service, measured on each agreement's hours.
        const services = new Set(rows.map((r) => r.service)).size;
        const agreements = new Set(rows.map((r) => r.agreement)).size;
        const spans = new Set(rows.map((r) => r.label)).size;
        // An agreement may measure by quarter (availability_period) instead of by month.
        const quarters = rows.filter((r) => r.label.includes('Q')).length;
        const [one, many] =
          quarters === 0
            ? ['month', 'months']
            : quarters === rows.length
              ? ['quarter', 'quarters']
              : ['month or quarter', 'months or quarters'];
        return {
          basis: `no outage recorded for ${counted(services, 'service', 'services')} under ${counted(agreements, 'agreement', 'agreements')} in ${counted(spans, one, many)}: no figure to judge`,
        };
      }
      const worst = measured.reduce((a, b) => (b.percent! < a.percent! ? b : a));
      const under = worst.agreement ? ` under ${worst.agreement}` : '';
      // Rows whose outages were moved since first recorded, the way that takes less of them: named with the first figure.
      const moved = rows.filter((r) => r.firstRecorded && r.firstRecorded.percent !== r.percent);
      const first = moved
        .map((r) => {
          const f = r.firstRecorded!;
          return `${r.service}${r.agreement ? ` under ${r.agreement}` : ''}, ${r.label}: ${f.percent === undefined ? 'not known' : `${f.percent}%`} (${f.incidents.join(', ')})`;
        })
        .join('; ');
      return {
        value: worst.percent,
        basis: `the worst of ${measured.length} service-month(s) with an outage (${worst.service}${under}, ${worst.label}); ${rows.length - measured.length} without${first ? `; by the outage times first recorded, moved since: ${first}` : ''}`,
      };
    },
  },
  'resolution-compliance': {
    unit: '%',
    amber: 10,
    compute(o, inputs) {
      const mine = inputs.incidents.filter((m) => !o.priority || m.priority === o.priority);
      const items = mine.filter((m) => m.resolvedInPeriod && m.resolutionMet !== undefined);
      // Counted once resolved; named here so that a known breach is not hidden behind the figure.
      const late = pending(
        mine.filter((m) => m.openAtEnd && m.resolutionMet === false),
        'still open past the agreed resolution time',
        'resolved',
      );
      if (items.length === 0)
        return { basis: `no ${o.priority ?? ''} incident with a resolution target was resolved in the period${late}`.replace('  ', ' ') };
      const met = items.filter((m) => m.resolutionMet).length;
      const moved = flattered(items, (m) => m.resolutionMet === true && m.timesMoved?.resolutionMet === false);
      return {
        value: pct(met, items.length),
        basis: `${met} of ${counted(items.length, 'incident', 'incidents')} resolved within the agreed time${moved}${late}`,
      };
    },
  },
  'response-compliance': {
    unit: '%',
    amber: 10,
    compute(o, inputs) {
      const mine = inputs.incidents.filter((m) => !o.priority || m.priority === o.priority);
      const items = mine.filter((m) => m.responseInPeriod && m.responseMet !== undefined);
      const late = pending(
        mine.filter((m) => !m.responseInPeriod && m.responseMet === false),
        'not answered by the end of the period and past the agreed response time',
        'answered',
      );
      if (items.length === 0)
        return { basis: `no ${o.priority ?? ''} incident with a response target was answered in the period${late}`.replace('  ', ' ') };
      const met = items.filter((m) => m.responseMet).length;
      const moved = flattered(items, (m) => m.responseMet === true && m.timesMoved?.responseMet === false);
      return {
        value: pct(met, items.length),
        basis: `${met} of ${counted(items.length, 'incident', 'incidents')} answered within the agreed time${moved}${late}`,
      };
    },
  },
  satisfaction: {
    unit: '/ 5',
    amber: 0.5,
    compute(_o, inputs) {
      const scores = customerScores(inputs.feedback);
      if (scores.length === 0) return { basis: 'no customer feedback with a satisfaction score in the period' };
      const avg = Math.round((scores.reduce((a, b) => a + b, 0) / scores.length) * 100) / 100;
      return { value: avg, basis: `the average of ${counted(scores.length, 'customer score', 'customer scores')}` };
    },
  },
  'changes-successful': {
    unit: '%',
    amber: 10,
    compute(_o, inputs) {
      const deployed = inputs.deployments.filter((c) => inPeriod(inputs.period, c.deployedOn));
      const judged = deployed.filter((c) => c.result);
      const unrecorded = deployed.length - judged.length;
      const without = unrecorded ? `; ${unrecorded} deployed without a recorded outcome` : '';
      if (judged.length === 0) return { basis: `no change with a recorded outcome was deployed in the period${without}` };
      const ok = judged.filter((c) => c.result === 'successful').length;
      return { value: pct(ok, judged.length), basis: `${ok} of ${judged.length} deployed changes successful${without}` };
    },
  },
  'nonconformities-closed-on-time': {
    unit: '%',
    amber: 10,
    compute(_o, inputs) {
      // Each nonconformity due in the period: closed by its due date, or not.
      const due = inputs.nonconformities.filter((d) => inPeriod(inputs.period, parseDate(ownString(d.data, 'due'))));
      if (due.length === 0) return { basis: 'no nonconformity was due in the period' };
      const onTime = due.filter((d) => {
        const closed = parseDate(ownString(d.data, 'closed_on'));
        return closed !== undefined && closed <= parseDate(ownString(d.data, 'due'))!;
      }).length;
      return { value: pct(onTime, due.length), basis: `${onTime} of ${due.length} due in the period closed by their due date` };
    },
  },
};

/** "; 1 still open past … (INC-0026), counted when resolved": breaches the figure does not count yet. */
/** The incidents counted as within the agreed time only by times moved since they were first recorded (timesMoved), named. */
function flattered(items: readonly IncidentMeasure[], only: (m: IncidentMeasure) => boolean): string {
  const ids = items.filter(only).map((m) => m.id);
  return ids.length ? `, ${ids.length} of them (${ids.join(', ')}) only by times moved since first recorded` : '';
}

function pending(late: readonly IncidentMeasure[], what: string, when: string): string {
  if (late.length === 0) return '';
  return `; ${late.length} ${what} (${late.map((m) => m.id).join(', ')}), counted when ${when}`;
}

/** The measures an objective may name (the policy schema's enum). */
export const OBJECTIVE_MEASURES = Object.keys(MEASURES);

function ruleText(def: MeasureDef, target: number): string {
  const u = def.unit === '%' ? ' %' : ` ${def.unit}`;
  return `green at or above ${target}${u}; amber from ${Math.round((target - def.amber) * 100) / 100}${u}; red below`;
}

/** Every objective of the policy, evaluated. */
export function evaluateObjectives(policy: SmsDocument | undefined, inputs: ObjectiveInputs): ObjectiveResult[] {
  const raw = policy?.data ? own(policy.data, 'objectives') : undefined;
  const list: Record<string, unknown>[] = Array.isArray(raw)
    ? raw.map((x, i) =>
        typeof x === 'string'
          ? { id: `O${i + 1}`, text: x }
          : x && typeof x === 'object'
            ? (x as Record<string, unknown>)
            : { id: `O${i + 1}`, text: '' },
      )
    : records(raw);
  return list.map((o, i) => {
    const id = ownString(o, 'id') ?? `O${i + 1}`;
    const text = ownString(o, 'text') ?? '';
    const measure = ownString(o, 'measure');
    const target = ownNumber(o, 'target');
    const priority = ownString(o, 'priority');
    const service = ownString(o, 'service');
    const def = measure ? MEASURES[measure] : undefined;
    if (!def || target === undefined)
      return {
        id,
        text,
        measure,
        target,
        priority,
        service,
        unit: '',
        basis: 'no measure and target stated: not evaluated',
        rag: 'not measured' as Rag,
        rule: '–',
      };
    const r = def.compute({ priority, service }, inputs);
    const rag: Rag =
      r.rag ?? (r.value === undefined ? 'no data' : r.value >= target ? 'green' : r.value >= target - def.amber ? 'amber' : 'red');
    return {
      id,
      text,
      measure,
      target,
      priority,
      service,
      value: r.value,
      unit: def.unit,
      basis: r.basis,
      rag,
      rule: ruleText(def, target),
    };
  });
}
