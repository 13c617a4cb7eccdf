import type { RuleDefinition } from './registry.js';
import yamlSyntax from './yaml-syntax.js';
import frontMatter from './front-matter.js';
import fileSize from './file-size.js';
import fileEncoding from './file-encoding.js';
import symlink from './symlink.js';
import fileType from './file-type.js';
import fileAccess from './file-access.js';
import unknownType from './unknown-type.js';
import schema from './schema.js';
import idFormat from './id-format.js';
import duplicateId from './duplicate-id.js';
import statusValue from './status-value.js';
import brokenReference from './broken-reference.js';
import missingSection from './missing-section.js';
import templateText from './template-text.js';
import approvalAuthority from './approval-authority.js';
import separationOfDuties from './separation-of-duties.js';
import duplicatePerson from './duplicate-person.js';
import selfApproval from './self-approval.js';
import preApprovedModel from './pre-approved-model.js';
import jointApproval from './joint-approval.js';
import requiredRole from './required-role.js';
import unknownPerson from './unknown-person.js';
import dateOrder from './date-order.js';
import stepField from './step-field.js';
import reviewOverdue from './review-overdue.js';
import agreementExpired from './agreement-expired.js';
import dependency from './dependency.js';
import dependencyCycle from './dependency-cycle.js';
import ambiguousAgreement from './ambiguous-agreement.js';
import agreementCalendar from './agreement-calendar.js';
import outageRecord from './outage-record.js';
import supplierTicket from './supplier-ticket.js';
import changeFreeze from './change-freeze.js';
import freezeExemption from './freeze-exemption.js';
import statusTransition from './status-transition.js';
import approvalEvidence from './approval-evidence.js';
import modifiedAfterApproval from './modified-after-approval.js';
import closedRecordChanged from './closed-record-changed.js';
import recordDeleted from './record-deleted.js';
import approvalRewritten from './approval-rewritten.js';
import commitSignature from './commit-signature.js';
import commitDate from './commit-date.js';
import unrecordedChange from './unrecorded-change.js';
import mergeResolution from './merge-resolution.js';
import documentScope from './document-scope.js';
import strayDocument from './stray-document.js';

/**
 * The one rule registry, in the order rules run and are listed (`sms rules`, SARIF, README).
 * Rule ids are a public interface: add, never rename.
 */
export const RULES: readonly RuleDefinition[] = [
  yamlSyntax,
  frontMatter,
  fileSize,
  fileEncoding,
  symlink,
  fileType,
  fileAccess,
  unknownType,
  schema,
  idFormat,
  duplicateId,
  statusValue,
  brokenReference,
  missingSection,
  templateText,
  approvalAuthority,
  separationOfDuties,
  duplicatePerson,
  selfApproval,
  preApprovedModel,
  jointApproval,
  requiredRole,
  unknownPerson,
  dateOrder,
  stepField,
  reviewOverdue,
  agreementExpired,
  dependency,
  dependencyCycle,
  ambiguousAgreement,
  agreementCalendar,
  outageRecord,
  supplierTicket,
  changeFreeze,
  statusTransition,
  approvalEvidence,
  freezeExemption,
  modifiedAfterApproval,
  closedRecordChanged,
  recordDeleted,
  approvalRewritten,
  commitSignature,
  commitDate,
  unrecordedChange,
  mergeResolution,
  documentScope,
  strayDocument,
];

export const RULE_IDS: ReadonlySet<string> = new Set(RULES.map((r) => r.id));

export function ruleById(id: string): RuleDefinition | undefined {
  return RULES.find((r) => r.id === id);
}
