import { isInForce, roleName } from '../model/policy.js';
import { ownString } from '../repo/values.js';
import { defineRule } from './registry.js';

export default defineRule({
  id: 'joint-approval',
  description: "An agreement in force records the other party's signatory (customer or supplier) besides the provider's approval.",
  help:
    'An agreement is a "mutual acknowledgement of terms and conditions" (ISO/IEC TR 29110-5-3, 3.2) and WP.03 asks ' +
    'for "evidence of review and approval by authorized signatories": the provider approves it (approved_by, by ' +
    "Management or the Service Manager, RE.2.2) and the other party's signatory is recorded beside it, in " +
    'customer_approved_by (supplier_approved_by for a supplier agreement) with its date and a reference to the ' +
    'evidence (the signed PDF, the e-mail). The signatory must hold the Customer (or Supplier) role in the roles ' +
    'document, or the reference must say where the signature is. A warning by default, so agreements written ' +
    'before this check keep validating; set it to error once yours carry both signatures.',
  severity: 'warning',
  needs: [],
  check(ctx, report) {
    for (const doc of ctx.documents) {
      const cs = doc.type?.countersign;
      if (!doc.data || !cs || !isInForce(doc.type, doc.status)) continue;
      const who = ownString(doc.data, cs.field);
      const ref = ownString(doc.data, cs.ref);
      const party = cs.roles.map(roleName).join(' or ');
      if (!who) {
        report({
          doc,
          field: ['status'],
          message: `${doc.id ?? 'this agreement'} is ${doc.status} without the other party's signatory: "${cs.field}" is missing`,
          // Approval fields change only in a commit that approves: the signature goes in with one.
          hint: `record the ${party} who signed it in ${cs.field}, with ${cs.date} and ${cs.ref} (where the signature is), in the commit that approves it: leave the edit uncommitted and run "sms set-status ${doc.id ?? '<id>'} ${doc.type!.transitions[doc.status!]?.find((s) => doc.type!.approving.includes(s)) ?? doc.status} --commit"`,
        });
        continue;
      }
      const person = ctx.roles.resolve(who);
      if (person && !ctx.roles.holdsAny(person, cs.roles)) {
        report({
          doc,
          field: [cs.field],
          message: `${person.name} signed for the other party but holds ${person.roles.join(', ') || 'no role'}, not ${party}`,
        });
      } else if (!person && !ref) {
        report({
          doc,
          field: [cs.field],
          message: `"${who}" is not in the roles document, and "${cs.ref}" does not say where the signature is`,
          hint: `add the signatory to the roles document with the ${party} role, or set ${cs.ref}`,
        });
      }
      if (!ownString(doc.data, cs.date))
        report({ doc, field: [cs.field], message: `"${cs.date}" is missing: when did ${who} sign?`, severity: 'warning' });
    }
  },
});
