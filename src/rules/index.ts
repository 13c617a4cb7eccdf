import type { Rule } from './context.js';
import { frontMatter, yamlSyntax } from './parse.js';
import { unknownType } from './unknown-type.js';
import { schema } from './schema.js';
import { duplicateId, idFormat, statusValue } from './ids.js';
import { brokenReference } from './references.js';
import { missingSection } from './sections.js';
import { approvalAuthority, requiredRole, separationOfDuties, unknownPerson } from './people.js';
import { agreementExpired, dateOrder, reviewOverdue } from './dates.js';
import { dependency } from './dependency.js';

/** Rules that read the working tree. Rule ids are a public interface: add, never rename. */
export const STATIC_RULES: Rule[] = [
  yamlSyntax,
  frontMatter,
  unknownType,
  schema,
  idFormat,
  duplicateId,
  statusValue,
  brokenReference,
  missingSection,
  approvalAuthority,
  separationOfDuties,
  requiredRole,
  unknownPerson,
  dateOrder,
  reviewOverdue,
  agreementExpired,
  dependency,
];

/** Findings about files that could not be read as documents, produced by the repository reader. */
export const FILE_RULES = [
  { id: 'file-size', description: 'Files over max_file_size are skipped.', defaultSeverity: 'error' },
  { id: 'file-encoding', description: 'Documents are UTF-8 text, not binary.', defaultSeverity: 'error' },
  { id: 'symlink', description: 'Symbolic links out of the repository, dangling or looping, are not followed.', defaultSeverity: 'error' },
] as const;
