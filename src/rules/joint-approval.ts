import type { DocEvent } from '../history/timeline.js';
import {
  countersignatureOf,
  isApproval,
  isInForce,
  recordsNewSignature,
  personAsRead,
  roleName,
  sameParty,
  signatoryOf,
  signedTermsOf,
  unsignedTermChanges,
} from '../model/policy.js';
import { agreementParties, partyOf } from '../repo/sla.js';
import { ownString } from '../repo/values.js';
import { commitLabel, eventDoc } from './history-support.js';
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
    "document (and, where its entry names an organisation, speak for the agreement's customer or supplier: the same " +
    'name in any case and punctuation, with or without a legal form such as GmbH or Ltd, unless two agreements name ' +
    'parties told apart by their legal form alone), or the reference must say where the signature is. With --base or --history, a version approved into ' +
    'force that changes the terms the other party signs for (services, term, hours, targets, availability, charging, ' +
    'reporting: countersign.terms of the type) must record a new signature (a signatory and date no earlier version ' +
    'recorded, compared as a reader reads them, and dated no earlier than the last signature recorded in a version ' +
    'in force before it; a reworded reference is no new signature), or a later version of the same terms must (the other ' +
    'party signing a day later, recorded in a re-approval). A signature is of the terms it was first recorded with: ' +
    'one taken off and put back, or kept, signs nothing new. A provider that loosens its targets and re-approves them alone has no ' +
    'agreement to the new terms. A warning by default, so agreements written ' +
    'before this check keep validating; set it to error once yours carry both signatures.',
  severity: 'warning',
  needs: [],
  check(ctx, report) {
    if (ctx.changes?.mode === 'commits') {
      // Per agreement, every version history has shown (at the start of a range, the version before
      // its first change there). An approval of changed terms without the other party's signature of
      // them waits for a later version of the same terms to record a new one (the countersignature
      // recorded in a re-approval, as the hint below says); terms changed again first, or the end of
      // history, make it a finding.
      const versions = new Map<string, Readonly<Record<string, unknown>>[]>();
      // A signatory the roles document lists is one person however a version names them.
      const who = signatoryOf(ctx.roles);
      const unsigned = new Map<string, { event: DocEvent; terms: string; changed: string[]; signedOn?: string }>();
      const reportUnsigned = (id: string): void => {
        const u = unsigned.get(id);
        unsigned.delete(id);
        if (!u) return;
        const cs = ctx.config.typeByKey.get(u.event.after!.type!)!.countersign!;
        report({
          ...eventDoc(ctx, u.event),
          field: [cs.date],
          message: `${u.event.id} was approved with changed terms (${u.changed.join(', ')}) in ${commitLabel(u.event)}, but ${u.signedOn ? `the ${cs.roles.map(roleName).join(' or ')}'s signature it records (${cs.date} ${u.signedOn}) is not a new one` : `without the ${cs.roles.map(roleName).join(' or ')}'s signature`}, and no later version of those terms records a new one: no one signed them for the other party`,
          hint: `record the new signature (${cs.field}, ${cs.date}, ${cs.ref}) with the approval: "sms set-status ${u.event.id} updated --commit" with the signature fields edited`,
        });
      };
      for (const e of ctx.changes.events) {
        const t = e.after?.type ? ctx.config.typeByKey.get(e.after.type) : undefined;
        const cs = t?.countersign;
        if (!t || !cs?.terms || !e.after?.data) continue;
        if (!versions.has(e.id)) versions.set(e.id, e.before?.data ? [e.before.data] : []);
        const earlier = versions.get(e.id)!;
        const after = e.after.data;
        if (isInForce(t, e.after.status)) {
          const waiting = unsigned.get(e.id);
          if (waiting && waiting.terms === signedTermsOf(t, after) && recordsNewSignature(t, earlier, after, who)) unsigned.delete(e.id);
          const changed = !e.merged && isApproval(t, e.before, e.after) ? unsignedTermChanges(t, earlier, after, who) : [];
          if (changed.length) {
            reportUnsigned(e.id);
            const signedOn = countersignatureOf(t, after) !== undefined ? ownString(after, cs.date) : undefined;
            unsigned.set(e.id, { event: e, terms: signedTermsOf(t, after), changed, ...(signedOn ? { signedOn } : {}) });
          }
        }
        earlier.push(after);
      }
      for (const id of [...unsigned.keys()]) reportUnsigned(id);
    }
    // Every agreement's party: a name two of them give with different legal forms is not one party.
    const parties = agreementParties(ctx.documents);
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
      const person = personAsRead(ctx.roles, who);
      const partyName = partyOf(doc.type!.key, doc.data);
      if (person && !ctx.roles.holdsAny(person, cs.roles)) {
        report({
          doc,
          field: [cs.field],
          message: `${person.name} signed for the other party but holds ${person.roles.join(', ') || 'no role'}, not ${party}`,
        });
      } else if (person?.organisation && partyName && !sameParty(person.organisation, partyName, parties)) {
        // A contact speaks for their own organisation: another customer's cannot sign this one's agreement.
        report({
          doc,
          field: [cs.field],
          message: `${person.name} signed for the other party but speaks for ${person.organisation}, not ${partyName}`,
          hint: `record the signatory of ${partyName}, who must be in the roles document with organisation: ${partyName}`,
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
