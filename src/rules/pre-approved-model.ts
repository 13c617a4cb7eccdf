import { parseDate } from '../dates.js';
import { claimsExemption, exemptionGap } from '../model/policy.js';
import { modelEntries } from '../repo/models.js';
import { ownString } from '../repo/values.js';
import { defineRule } from './registry.js';

export default defineRule({
  id: 'pre-approved-model',
  description:
    'A pre-approved change follows a model the change procedure lists, proven by one normal change that went through the whole process.',
  help:
    'ISO/IEC TR 29110-5-3, CO.2.1 NOTE 3: "Pre-approved changes complete the full process before designation as a ' +
    'pre-approved change", and the Control Manager identifies them with the business. The change procedure lists its ' +
    'models in pre_approved_models ({ id, title, proven_by, since }); with --base or --history an approval counts ' +
    'under a model only if an approved version of the change procedure listed it in a commit before the approving one ' +
    'on its own line of history (a model agreed on a branch merged later covers nothing before the merge), ' +
    'and the version that first listed it, as it reads (title, proven_by, since), was approved by the business (SM or ' +
    'MGT), not by the Control Manager alone; with --base, the list as it stood before the range is taken as agreed. ' +
    'proven_by names the normal change that went ' +
    'through design, build, test, approval to deploy and deployment (status updated, outcome successful, deployed_on no ' +
    'later than since, the day the model was agreed). An approved pre-approved change names its model in ' +
    'pre_approved_model and is approved on or after that day. Only such a change is exempt from the requester check ' +
    '(self-approval): change_type: pre-approved alone exempts nothing. A warning by default, so changes written before ' +
    'this check keep validating; set it to error once your change procedure lists its models.',
  severity: 'warning',
  needs: [],
  check(ctx, report) {
    for (const t of ctx.config.types) {
      const m = t.exemption_model;
      if (!m) continue;
      // The models as their listing gives them: each must be proven, and listed once.
      for (const e of modelEntries(t, ctx.documents)) {
        const list = m.listed_in.field;
        if (e.duplicate) {
          report({
            doc: e.doc,
            field: [list, e.index, 'id'],
            message: `pre-approved model ${e.id} is listed twice; the first entry counts`,
          });
        } else if (e.unproven !== undefined) {
          report({
            doc: e.doc,
            field: [list, e.index, e.provenBy === undefined ? 'id' : 'proven_by'],
            message: `pre-approved model ${e.id} does not count: ${e.unproven}`,
            hint: `name in proven_by the normal ${t.key} that went through the whole process for this kind of change, once it was deployed successfully, and give since the day the model was agreed`,
          });
        }
      }
      const listing = ctx.documents.find((d) => d.type?.key === m.listed_in.type && d.id);
      const where = listing ? `the ${m.listed_in.type} (${listing.id})` : undefined;
      for (const doc of ctx.documents) {
        if (doc.type?.key !== t.key || !doc.data || !doc.status || !t.approving.includes(doc.status) || !claimsExemption(t, doc.data))
          continue;
        const name = doc.id ?? 'this change';
        const gap = exemptionGap(t, doc.data, ctx.models, parseDate(ownString(doc.data, 'approved_on')));
        if (gap?.kind === 'no-model')
          report({
            doc,
            field: ['change_type'],
            message: `${name} is pre-approved but names no model (${gap.field})`,
            hint: `set ${gap.field} to the model of ${where ?? `the ${m.listed_in.type}`} it follows, or make it a normal change`,
          });
        else if (gap?.kind === 'not-listed')
          report({
            doc,
            field: [m.field],
            message: where
              ? `${name} follows pre-approved model ${gap.model}, which ${where} does not list`
              : `${name} follows pre-approved model ${gap.model}, but there is no ${m.listed_in.type} to list it`,
            hint: `list the model in ${m.listed_in.field} once a normal change has proven it, or make this a normal change`,
          });
        else if (gap?.kind === 'unproven')
          report({ doc, field: [m.field], message: `${name} follows pre-approved model ${gap.model}, which does not count: ${gap.why}` });
        // Without approved_on, nothing says when it was approved (the schema and the history rules say more).
        else if (gap?.kind === 'before-agreed' && gap.day !== undefined)
          report({
            doc,
            field: ['approved_on'],
            message: `${name} was approved on ${gap.day}, before pre-approved model ${gap.model} was agreed (since ${gap.since})`,
          });
      }
    }
  },
});
