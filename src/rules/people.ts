import type { Diagnostic, Position } from '../diagnostic.js';
import { own } from '../repo/documents.js';
import { samePerson } from '../model/roles.js';
import { at, stringValues, type Rule } from './context.js';

export const unknownPerson: Rule = {
  id: 'unknown-person',
  description: 'Every person a document names (requested_by, approved_by, owner, …) is in the roles document.',
  defaultSeverity: 'warning',
  check(ctx) {
    const out: Diagnostic[] = [];
    if (!ctx.rolesDoc) return out;
    for (const doc of ctx.documents) {
      if (!doc.data || !doc.type) continue;
      for (const field of doc.type.people) {
        const values = stringValues(own(doc.data, field));
        values.forEach((v, i) => {
          if (ctx.roles.resolve(v)) return;
          const pos = doc.fm.locate(Array.isArray(own(doc.data!, field)) ? [field, i] : [field]);
          out.push(
            at(
              doc,
              'unknown-person',
              'warning',
              pos,
              `"${field}" names "${v}", who is not in the roles document (${ctx.rolesDoc!.file})`,
              'use the e-mail address or exact name the roles document gives them, or add them there',
            ),
          );
        });
      }
    }
    return out;
  },
};

export const approvalAuthority: Rule = {
  id: 'approval-authority',
  description: 'An approved document names in `approved_by` a person whose role may approve that type.',
  defaultSeverity: 'error',
  check(ctx) {
    const out: Diagnostic[] = [];
    for (const doc of ctx.documents) {
      if (!doc.data || !doc.type || !doc.status || !doc.type.approving.includes(doc.status)) continue;
      const allowed = doc.type.authority[doc.status] ?? [];
      if (allowed.length === 0) continue;
      const by = own(doc.data, 'approved_by');
      const roleList = allowed.join(', ');
      if (typeof by !== 'string' || by.trim() === '') {
        out.push(
          at(
            doc,
            'approval-authority',
            'error',
            doc.fm.locate(['status']),
            `status "${doc.status}" needs "approved_by": a person holding ${roleList}`,
            'use "sms set-status" to approve, which records the approver',
          ),
        );
        continue;
      }
      const person = ctx.roles.resolve(by);
      const on = own(doc.data, 'approved_on');
      if (!person) {
        out.push(
          at(
            doc,
            'approval-authority',
            'error',
            doc.fm.locate(['approved_by']),
            `approver "${by}" is not in the roles document, so cannot hold ${roleList}`,
          ),
        );
      } else if (person.until && (typeof on !== 'string' || on > person.until)) {
        // Former people stay in the roles document so that approvals they gave while in office still count.
        out.push(
          at(
            doc,
            'approval-authority',
            'error',
            doc.fm.locate(['approved_by']),
            `${person.name} held their roles until ${person.until}, but this approval is dated ${typeof on === 'string' ? on : '(no approved_on)'}`,
          ),
        );
      } else if (!ctx.roles.holdsAny(person, allowed)) {
        out.push(
          at(
            doc,
            'approval-authority',
            'error',
            doc.fm.locate(['approved_by']),
            `${person.name} holds ${person.roles.join(', ') || 'no role'}; a ${doc.type.key} in status "${doc.status}" must be approved by ${roleList}`,
          ),
        );
      }
    }
    return out;
  },
};

export const separationOfDuties: Rule = {
  id: 'separation-of-duties',
  description:
    'No person is both Control Manager and Incident Manager, or manager and practitioner in one area; no one approves their own change request.',
  defaultSeverity: 'error',
  check(ctx) {
    const out: Diagnostic[] = [];
    const rolesDoc = ctx.rolesDoc;
    if (rolesDoc) {
      for (const p of ctx.roles.people) {
        if (p.until && p.until < ctx.today) continue;
        const pos = (): Position => rolesDoc.fm.locate(['people', p.index, 'roles']);
        if (p.roles.includes('CM') && p.roles.includes('IM')) {
          out.push(
            at(
              rolesDoc,
              'separation-of-duties',
              'error',
              pos(),
              `${p.name} is both Control Manager (CM) and Incident Manager (IM); the standard says the CM should not also be the IM`,
            ),
          );
        }
        if (p.roles.includes('CM') && p.practitionerAreas.includes('change')) {
          out.push(
            at(
              rolesDoc,
              'separation-of-duties',
              'error',
              pos(),
              `${p.name} is Control Manager and also a change practitioner (design, build or test)`,
            ),
          );
        }
        if (p.roles.includes('IM') && p.practitionerAreas.includes('incident')) {
          out.push(
            at(
              rolesDoc,
              'separation-of-duties',
              'error',
              pos(),
              `${p.name} is Incident Manager and also an incident-handling practitioner`,
            ),
          );
        }
      }
    }
    for (const doc of ctx.documents) {
      if (doc.type?.key !== 'change-request' || !doc.data) continue;
      if (own(doc.data, 'change_type') === 'pre-approved') continue;
      const by = own(doc.data, 'approved_by');
      const req = own(doc.data, 'requested_by');
      if (typeof by === 'string' && typeof req === 'string' && samePerson(ctx.roles, by, req)) {
        out.push(
          at(
            doc,
            'separation-of-duties',
            'error',
            doc.fm.locate(['approved_by']),
            `the requester (${req}) approved their own change request`,
            'another Control Manager must approve it (pre-approved changes are exempt)',
          ),
        );
      }
    }
    return out;
  },
};

export const requiredRole: Rule = {
  id: 'required-role',
  description: 'The roles document exists and names a Service Manager (SM), the minimum role (GO.1.2).',
  defaultSeverity: 'error',
  check(ctx) {
    const hasRolesType = ctx.documents.some((d) => d.type?.key === 'roles');
    const out: Diagnostic[] = [];
    if (!hasRolesType) {
      out.push({
        file: 'sms.config.yaml',
        line: 1,
        column: 1,
        rule: 'required-role',
        severity: 'error',
        message: 'no roles document (type: roles): people and approvals cannot be checked',
        hint: 'create one with "sms new roles"',
      });
    } else if (ctx.rolesDoc && !ctx.roles.people.some((p) => p.roles.includes('SM'))) {
      out.push(
        at(
          ctx.rolesDoc,
          'required-role',
          'error',
          ctx.rolesDoc.fm.locate(['people']),
          'no one holds the Service Manager (SM) role, the minimum every organisation must assign',
        ),
      );
    }
    return out;
  },
};
