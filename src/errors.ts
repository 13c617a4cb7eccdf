import { article, aType } from './strings.js';

/**
 * Every way sms can refuse to do what was asked, keyed by a stable code. Each entry says what
 * happened (one line, for the user) and what to do next. Code never branches on message text: it
 * checks `err.code`. Codes are a public interface (`--format json` of a failing command and the
 * library's `SmsError.code`): add, never rename.
 */

interface ErrorSpec<P> {
  message: (p: P) => string;
  hint?: string | ((p: P) => string);
  /** The exit code, where it is not 2. */
  exit?: number;
}

const spec = <P = void>(s: ErrorSpec<P>): ErrorSpec<P> => s;

const SHALLOW_HINT =
  'fetch the full history: "git fetch --unshallow", or fetch-depth: 0 in GitHub Actions (actions/checkout), GIT_DEPTH: 0 in GitLab CI';

export const ERRORS = {
  // --- usage -------------------------------------------------------------------------------------
  USAGE: spec<{ text: string }>({ message: (p) => p.text }),
  FLAG_NUMBER: spec<{ flag: string; value: string }>({ message: (p) => `${p.flag} needs a whole number, got "${p.value}"` }),
  FLAG_DATE: spec<{ flag: string; value: string }>({
    message: (p) => `${p.flag} needs a real calendar date as YYYY-MM-DD, got "${p.value}"`,
  }),
  FLAG_PERIOD: spec<{ value: string }>({
    message: (p) => `--period needs a month (2026-10), a quarter (2026-Q3) or a year (2026), got "${p.value}"`,
  }),
  PERIOD_WITH_DATES: spec({
    message: () => '--period cannot be combined with --since or --until',
    hint: 'give either --period, or --since and --until',
  }),
  PERIOD_FUTURE: spec<{ until: string; today: string }>({
    message: (p) => `the period ends on ${p.until}, after today (${p.today}): what has not happened yet cannot be reported`,
    hint: 'end the period today or earlier (set SMS_TODAY to pin "today" in CI)',
  }),
  PERIOD_EMPTY: spec<{ since: string; until: string }>({
    message: (p) => `the period is empty: --since ${p.since} is after --until ${p.until}`,
  }),
  SMS_TODAY: spec<{ value: string }>({
    message: (p) => `SMS_TODAY is "${p.value}", which is not a real calendar date (YYYY-MM-DD)`,
    hint: 'unset SMS_TODAY, or set it to a date such as 2026-06-30',
  }),
  OUTSIDE_REPOSITORY: spec<{ path: string; root: string }>({ message: (p) => `${p.path} is outside the SMS repository (${p.root})` }),
  FORMAT_UNSUPPORTED: spec<{ kind: string; format: string; formats: string }>({
    message: (p) => `sms report ${p.kind} has no ${p.format} format`,
    hint: (p) => `use one of: ${p.formats}`,
  }),
  REPORT_TOO_LARGE: spec<{ kind: string; format: string }>({
    message: (p) =>
      `the ${p.kind} report is too large to write as ${p.format} (more text than Node can hold in one string); nothing was written`,
    hint: 'use --format md or html, which are several times smaller, or a shorter period (--since/--until)',
  }),
  // A warning, not a refusal: scripts written when the option was passed over silently keep working.
  AGREEMENT_NOT_TAKEN: spec<{ kind: string }>({
    message: (p) => `--agreement is for the performance report; the ${p.kind} report covers every agreement, and the option is ignored`,
    hint: 'leave --agreement out, or run: sms report performance --agreement <ID>',
  }),
  AGREEMENT_NEEDED: spec({
    message: () => 'sms report performance needs --agreement <agreement id>',
    hint: 'e.g. sms report performance --agreement SLA-0001',
  }),
  CANCELLED: spec({ message: () => 'cancelled; nothing was written' }),
  PATH_NOT_FOUND: spec<{ path: string }>({
    message: (p) => `${p.path} does not exist`,
    hint: 'give files or folders inside the SMS repository, or - with --stdin-filepath to read a document from standard input',
  }),
  STDIN_USAGE: spec<{ text: string }>({
    message: (p) => p.text,
    hint: 'e.g. sms validate - --stdin-filepath changes/RFC-0007-new-vpn.md < draft.md',
  }),
  CLI_SPEC_NEEDED: spec({
    message: () => 'the CI that sms init writes needs to know where to install sms from; nothing was written',
    hint: 'pass --cli-spec with a git URL and tag (git+https://…/sms.git#v0.1.0), a tarball in the repository, or a version you published; or --ci none',
  }),
  CI_FOLDER_NAME: spec<{ folder: string; what: string }>({
    message: (p) =>
      `the folder "${p.folder}" cannot be named safely in the CI configuration (${p.what} has a meaning there); nothing was written`,
    hint: 'use a folder whose path has no $ \\ * ? [ ] { } ! or control characters (letters, digits, spaces, . _ - are safe), or run sms init with --ci none and write the CI yourself',
  }),
  CLI_SPEC_INVALID: spec<{ value: string }>({
    message: (p) => `--cli-spec "${p.value}" is not an npm package spec sms init can pin; nothing was written`,
    hint: 'use name@version, git+https://host/owner/repo.git#tag, or the path of a .tgz file inside the repository',
  }),
  SAMPLE_OPTIONS: spec<{ options: string[] }>({
    message: (p) =>
      `--sample creates the fictional organisation Harbour Lane IT, with its own people, time zone and Git history into a new folder: ${p.options.join(', ')} cannot be used with it; nothing was written`,
    hint: 'leave them out to create the sample, or leave out --sample to create your own organisation',
  }),
  INIT_TIMEZONE: spec<{ value: string }>({
    message: (p) => `--timezone "${p.value}" is not a time zone name; nothing was written`,
    hint: 'give an IANA name such as Europe/Berlin, America/New_York or UTC',
  }),
  EMAIL_FORMAT: spec<{ value: string }>({
    message: (p) => `"${p.value}" is not an e-mail address; nothing was written`,
    hint: 'give the address as name@example.org, or pass --manager "Name <email>"',
  }),

  // --- configuration -------------------------------------------------------------------------------
  CONFIG_NOT_FOUND: spec<{ dir: string }>({
    message: (p) => `no sms.config.yaml found in ${p.dir} or any parent directory`,
    hint: 'run sms inside an SMS repository, or create one with "sms init"',
  }),
  CONFIG_UNREADABLE: spec<{ reason: string }>({ message: (p) => `sms.config.yaml: cannot be read (${p.reason})` }),
  CONFIG_STAGED: spec<{ text: string }>({
    message: (p) => `${p.text} (in sms.config.yaml as staged for the commit)`,
    hint: 'fix it and stage it again (git add sms.config.yaml): the commit carries the staged version',
  }),
  CONFIG_NOT_STAGED: spec<Record<string, never>>({
    message: () => 'sms.config.yaml is not staged: the commit would have no configuration, and nothing could check it',
    hint: 'stage it (git add sms.config.yaml), or unstage its deletion (git restore --staged sms.config.yaml)',
  }),
  CONFIG_INVALID: spec<{ line: number; column: number; text: string }>({
    message: (p) => `sms.config.yaml:${p.line}:${p.column}: ${p.text}`,
    hint: 'see "Configuration" in the sms README',
  }),
  PATTERN_TOO_SLOW: spec<{ pattern: string; length: number; seconds: number }>({
    message: (p) =>
      `the pattern "${p.pattern}" in sms.config.yaml took more than ${p.seconds} s on a value of ${p.length} characters; nothing was checked to the end`,
    hint: 'rewrite it without a repeated group that can match the same text in several ways, such as (a+)+ or (a|a)*',
  }),
  PATTERN_TOO_SLOW_TOTAL: spec<{ pattern: string; seconds: number }>({
    message: (p) =>
      `the pattern "${p.pattern}" in sms.config.yaml took ${p.seconds} s or more over the values of this run; nothing was checked to the end`,
    hint: 'rewrite it without a repeated group that can match the same text in several ways, such as (a+)+ or (a|a)*',
  }),
  CONFIG_UNKNOWN_TYPE: spec<{ line: number; column: number; key: string; suggestion?: string }>({
    message: (p) =>
      `sms.config.yaml:${p.line}:${p.column}: "${p.key}" is not a type key${p.suggestion ? `; did you mean "${p.suggestion}"?` : ''}`,
    hint: 'run "sms types" to list the type keys',
  }),
  CONFIG_UNKNOWN_RULE: spec<{ line: number; column: number; key: string; suggestion?: string }>({
    message: (p) =>
      `sms.config.yaml:${p.line}:${p.column}: "${p.key}" is not a rule id${p.suggestion ? `; did you mean "${p.suggestion}"?` : ''}`,
    hint: 'run "sms rules" to list the rule ids',
  }),
  CONFIG_UNKNOWN_TASK: spec<{ line: number; column: number; key: string; suggestion?: string }>({
    message: (p) =>
      `sms.config.yaml:${p.line}:${p.column}: "${p.key}" under not_applicable is not a process or task of ISO/IEC TR 29110-5-3${p.suggestion ? `; did you mean "${p.suggestion}"?` : ''}`,
    hint: 'use a process code (GO, CO, RE, IN) or a task id such as RE.2.5',
  }),

  // --- git -------------------------------------------------------------------------------------------
  GIT_MISSING: spec({
    message: () => 'git is not installed or not on PATH',
    hint: 'install git (e.g. apt-get install git), or pass --no-git',
  }),
  GIT_START: spec<{ reason: string }>({ message: (p) => `git could not be started: ${p.reason}` }),
  GIT_FAILED: spec<{ command: string; reason: string }>({ message: (p) => `git ${p.command} failed: ${p.reason}` }),
  GIT_OBJECT_MISSING: spec<{ object: string }>({
    message: (p) => `git object ${p.object} is missing from this repository; its history cannot be read`,
    hint: 'the clone may be partial (cloned with --filter: sms fetches nothing) or damaged: run "git fsck", or clone it again with full history',
  }),
  GIT_REFUSED: spec<{ reason: string; remedy: string }>({
    message: (p) => `git refuses to read this repository: ${p.reason}`,
    hint: (p) => `it belongs to another user; if you trust it, run "${p.remedy}"`,
  }),
  NOT_A_REPOSITORY: spec<{ dir: string }>({
    message: (p) => `${p.dir} is not inside a git repository; history cannot be checked`,
    hint: 'run "git init" and commit (sms log and the reports need history; sms validate without --base or --history does not)',
  }),
  NOT_A_REPOSITORY_TO_COMMIT: spec<{ dir: string }>({
    message: (p) => `${p.dir} is not inside a git repository: --commit has nothing to commit to; nothing was written`,
    hint: 'run "git init" and commit the SMS first (history is what proves an approval), or leave out --commit',
  }),
  HISTORY_NEEDED: spec<{ kind: string; dir: string }>({
    message: (p) =>
      `sms report ${p.kind} rests on Git history, and ${p.dir} has none: approvals and who did the work are evidenced by commits`,
    hint: 'run it in a clone of the SMS repository with its full history, not in an export of its files',
  }),
  NO_COMMITS: spec({
    message: () => 'this repository has no commits yet, so there is no history to check against',
    hint: 'commit first, or leave out --base',
  }),
  SHALLOW_BASE: spec<{ base: string }>({
    message: (p) => `this clone is shallow and does not reach ${p.base}: the commits since it cannot all be checked`,
    hint: SHALLOW_HINT,
  }),
  SHALLOW_HISTORY: spec({
    // Said by validate --history and by every report that reads history, so it names neither.
    message: () => 'this clone is shallow: the full history this command reads (who changed and approved what) is not present',
    hint: SHALLOW_HINT,
  }),
  BAD_REF_SYNTAX: spec<{ ref: string }>({ message: (p) => `"${p.ref}" is not a valid revision` }),
  BAD_REF: spec<{ ref: string }>({
    message: (p) => `"${p.ref}" is not a commit in this repository`,
    hint: 'check the branch name; in CI fetch it first (e.g. git fetch origin main)',
  }),
  NO_GIT_IDENTITY: spec({
    message: () => 'no git identity to record who made the change',
    hint: 'set git config user.name and user.email, or pass --as "Name <email>"',
  }),
  INDEX_NOT_RESTORED: spec<{ reason: string; restore: string }>({
    message: (p) => `the commit failed (${p.reason}), and git's index could not be put back as it was (${p.restore})`,
    hint: 'run "git status" to see what is staged, and "git reset -q -- <file>" to unstage a file',
  }),
  COMMIT_FAILED_STAGED: spec<{ file: string; reason: string }>({
    message: (p) =>
      `the commit failed (${p.reason}); ${p.file} was restored in the working tree, but git's index could not be put back and still holds the changed version`,
    hint: (p) =>
      `run "git reset -q -- ${p.file}" to unstage it (then stage again any change of yours to it), fix what the commit reported and run the command again`,
  }),
  INIT_COMMIT_FAILED: spec<{ reason: string }>({
    message: (p) =>
      `the first commit failed (${p.reason}); the files and the git repository this run created were removed, nothing was changed`,
    hint: 'fix what the commit reported (commit signing, a hook, the git identity) and run sms init again, or pass --no-git and commit by hand',
  }),
  NO_GIT_IDENTITY_TO_COMMIT: spec({
    message: () => 'no git identity to make the commit with (--as names the approver, not who commits); nothing was changed',
    hint: 'set git config user.name and user.email, or leave out --commit and commit the change yourself',
  }),
  INTERRUPTED: spec<{ file: string }>({
    message: (p) => `interrupted: the change to ${p.file} was undone and nothing was committed`,
    // 128 + SIGINT, as a shell reports a command ended by Ctrl-C.
    exit: 130,
  }),
  COMMIT_FAILED: spec<{ file: string; reason: string }>({
    message: (p) => `the commit failed (${p.reason}); ${p.file} was restored, nothing was changed`,
    hint: 'fix what the commit reported (a pre-commit hook, signing, the git identity) and run the command again',
  }),

  // --- documents ---------------------------------------------------------------------------------------
  UNKNOWN_TYPE: spec<{ key: string; known: string[]; suggestion?: string }>({
    message: (p) => `unknown type "${p.key}"${p.suggestion ? `; did you mean "${p.suggestion}"?` : `; valid types: ${p.known.join(', ')}`}`,
    hint: 'run "sms types" for details',
  }),
  ID_NOT_FOUND: spec<{ id: string }>({ message: (p) => `no document with id ${p.id}`, hint: 'IDs are case-sensitive, e.g. RFC-0007' }),
  DOCUMENT_NOT_READ: spec<{ id: string; file: string; reason: string }>({
    message: (p) => `${p.file}, named after ${p.id}, could not be read (${p.reason}); no other document has that id`,
    hint: 'fix the file ("sms validate" shows the problem in place), then run the command again',
  }),
  ID_NOT_IN_HISTORY: spec<{ id: string }>({
    message: (p) => `no document with id ${p.id} in the history of this repository`,
    hint: 'IDs are case-sensitive, e.g. RFC-0007',
  }),
  ID_NOT_COMMITTED: spec<{ id: string; file: string }>({
    message: (p) => `${p.id} (${p.file}) is not committed yet: its history starts with its first commit`,
    hint: 'commit it (git add and git commit), then run the command again',
  }),
  ID_DUPLICATE: spec<{ id: string; files: string[] }>({
    message: (p) => `id ${p.id} is used by ${p.files.join(' and ')}; fix the duplicate first`,
  }),
  DOCUMENT_UNUSABLE: spec<{ file: string }>({
    message: (p) => `${p.file} has no valid front matter or type; run "sms validate" for details`,
  }),
  NOT_AN_AGREEMENT: spec<{ id: string; known: string[] }>({
    message: (p) => `${p.id} is not a customer or supplier agreement in this repository`,
    hint: (p) =>
      p.known.length ? `the agreements here: ${p.known.join(', ')}` : 'there is none yet: start one with "sms new customer-agreement"',
  }),
  AGREEMENT_RENUMBERED: spec<{ id: string; to: string }>({
    message: (p) =>
      `${p.id} is no agreement now: history shows it renumbered ${p.to}, whose report counts the incidents that named ${p.id} while it held that ID`,
    hint: (p) => `run: sms report performance --agreement ${p.to}`,
  }),
  SINGLETON_EXISTS: spec<{ type: string; id: string; folder: string; file?: string }>({
    message: (p) => `${article(p.type)} ${p.type} document (${p.id}) already exists; there is only one per repository`,
    hint: (p) => (p.file ? `edit it instead: ${p.file}` : `edit it instead; find it with: grep -rlE '^id: .?${p.id}' ${p.folder}`),
  }),
  SET_FORMAT: spec<{ value: string }>({ message: (p) => `--set needs key=value with a lower-case field name, got "${p.value}"` }),
  SET_PROTECTED: spec<{ key: string }>({ message: (p) => `--set cannot change "${p.key}"; sms assigns it` }),
  SET_STATUS: spec<{ value: string; type: string; starts: string[]; statuses: string[] }>({
    message: (p) =>
      p.statuses.includes(p.value)
        ? `--set status=${p.value}: a new ${p.type} starts as ${p.starts.map((s) => `"${s}"`).join(' or ')}; nothing was written`
        : `--set status=${p.value}: "${p.value}" is not ${aType(p.type)} status (${p.statuses.join(', ')}); nothing was written`,
    hint: (p) => `create it as ${p.starts.map((s) => `"${s}"`).join(' or ')}, then move it on with "sms set-status <id> <status> --commit"`,
  }),
  SET_VALUE: spec<{ key: string; value: string; what: string }>({
    message: (p) => `--set ${p.key}: "${p.value}" reads as ${p.what}, which front matter cannot hold; nothing was written`,
    hint: `give text, a number, true or false, a [list] or a {mapping}; to keep text as written, quote it: --set 'key="text"'`,
  }),
  EDIT_UNSAFE: spec<{ file: string; reason: string }>({
    message: (p) => `${p.file} was not changed: ${p.reason}`,
    hint: 'edit the front matter by hand, then run "sms validate"',
  }),
  BUSY: spec<{ what: string; lock: string; holder?: string }>({
    message: (p) => `another sms run${p.holder ? ` (${p.holder})` : ''} is ${p.what}; nothing was changed`,
    hint: (p) => `wait for it to finish and run the command again; if no sms run is going on, delete ${p.lock}`,
  }),
  LINKED_DOCUMENT: spec<{ file: string }>({
    message: (p) => `${p.file} is read through a symbolic link: git would record the link, not this change; nothing was changed`,
    hint: 'replace the link with the document itself (git mv the file it points to over it), then run the command again',
  }),
  DOCUMENT_CHANGED: spec<{ file: string }>({
    message: (p) => `${p.file} changed while sms was working on it; it was not overwritten`,
    hint: 'run the command again',
  }),

  // --- lifecycle and authority -----------------------------------------------------------------------
  NOT_A_STATUS: spec<{ status: string; type: string; statuses: string[]; suggestion?: string }>({
    message: (p) =>
      `"${p.status}" is not ${article(p.type)} ${p.type} status; ${p.suggestion ? `did you mean "${p.suggestion}"? Expected` : 'expected'} one of: ${p.statuses.join(', ')}`,
  }),
  ALREADY_IN_STATUS: spec<{ id: string; status: string; again?: boolean }>({
    message: (p) => `${p.id} is already "${p.status}"`,
    hint: (p) => (p.again ? `edit it first: "${p.status}" again approves a changed document, and its content is as in HEAD` : ''),
  }),
  TRANSITION_NOT_ALLOWED: spec<{ type: string; from: string; to: string; allowed: string[] }>({
    message: (p) => `${aType(p.type)} cannot go from "${p.from}" to "${p.to}"`,
    hint: (p) => (p.allowed.length ? `from "${p.from}" it may go to: ${p.allowed.join(', ')}` : `"${p.from}" is a final status`),
  }),
  AUTHORITY: spec<{ text: string }>({ message: (p) => p.text, hint: 'ask someone who holds the role, or update the roles document first' }),
  NO_ROLES_IN_FORCE: spec<{ id: string; status: string; approveRoles?: string }>({
    message: (p) =>
      `${p.id} cannot be moved to "${p.status}" yet: no roles document has been approved in this repository's history, and history judges every decision by the roles in force before its commit (rule approval-evidence)`,
    hint: (p) =>
      p.approveRoles ? `approve the roles document first: sms ${p.approveRoles} --commit` : 'create and approve a roles document first',
  }),
  ROLES_NOT_EVIDENCED: spec<{ id: string; status: string }>({
    message: (p) =>
      `${p.id} cannot be moved to "${p.status}" yet: the roles document was approved in this repository's history, but by commits that do not count as evidence under its history settings, so no roles are in force by which history could count this decision (rule approval-evidence)`,
    hint: 'run "sms validate --history" to see why each approval of the roles document does not count, then approve it again as its Service Manager or Management, in a commit that counts',
  }),
  ROLES_BOOTSTRAP_OFF: spec<{ id: string; status: string }>({
    message: (p) =>
      `${p.id} cannot be moved to "${p.status}": no roles document had been approved yet, so no one holds a role by which history could count the decision, and history.roles_bootstrap: false does not let the roles document's own Service Manager or Management approve its first version (rule approval-evidence)`,
    hint: 'for the first approval of the roles document, set history.roles_bootstrap: true (the default) in sms.config.yaml and commit it',
  }),
  ROLE_NOT_IN_FORCE: spec<{ text: string }>({
    message: (p) =>
      `${p.text}, in the roles document in force (its last approved version in the history), by which history will judge this commit (rule approval-evidence)`,
    hint: 'get the change to the roles document approved and committed first, or ask someone who holds the role',
  }),
  AS_NOT_EVIDENCE: spec<{ as: string; committer: string }>({
    message: (p) =>
      `--as names ${p.as}, but the commit would be made by ${p.committer}: history counts who made an approving commit, and the Approved-by trailer written for --as only in a commit signed by the person named or made by a trusted committer (history.trusted_committers)`,
    hint: (p) => `have ${p.as} run the command, or leave out --commit and let them commit the change`,
  }),
  NOT_COUNTED: spec<{ who: string; attribution: string }>({
    message: (p) =>
      `a commit by ${p.who} would not count as evidence of this decision under the history: settings (attribution: ${p.attribution}) (rule approval-evidence)`,
    hint: 'have the decision committed as the history: settings of sms.config.yaml require (a signed commit, or one by a trusted committer)',
  }),
  NOT_COMMITTED_YET: spec<{ id: string; file: string; status: string; initial: string }>({
    message: (p) =>
      `${p.id} is not in any commit yet, and history requires a new document to start as ${p.initial}: the commit that adds it as "${p.status}" would be reported (rule status-transition)`,
    hint: (p) => `commit ${p.file} as it is first (git add -- ${p.file} && git commit), then run the command again`,
  }),
  HEAD_TRANSITION: spec<{ id: string; head: string; to: string }>({
    message: (p) =>
      `${p.id} is "${p.head}" in the last commit; its status in the working tree is not committed, and history would see "${p.head}" → "${p.to}", which its lifecycle does not allow (rule status-transition)`,
    hint: 'commit or undo the status change in the working tree first',
  }),
  DOCUMENT_HAS_ERRORS: spec<{
    id: string;
    to: string;
    file: string;
    count: number;
    first: string;
    stamped?: { field: string; other: string };
  }>({
    message: (p) =>
      `${p.id} was not moved to "${p.to}": sms validate would report ${p.count === 1 ? 'an error' : `${p.count} errors`} in ${p.file} (${p.first}${p.count > 1 ? ', and more' : ''}); nothing was written`,
    hint: (p) =>
      p.stamped
        ? `"${p.stamped.field}" is the time set-status records (now): check "${p.stamped.other}" (a local time needs its offset, such as +01:00, not Z), or write "${p.stamped.field}" yourself, then run the command again`
        : `fix it first ("sms validate ${p.file}" lists every problem), then run the command again`,
  }),
  COMMIT_UNSIGNED: spec<{ sha: string; id: string }>({
    message: (p) =>
      `committed ${p.sha}, but git verifies no signature on it: with history.require_signed, sms validate --history will not count this approval of ${p.id}`,
    hint: 'sign it before it is pushed (git commit --amend --no-edit -S), or set commit.gpgsign and a signing key so that the next commit is signed',
  }),
  TERMS_UNSIGNED: spec<{ id: string; terms: string; field: string }>({
    message: (p) =>
      `${p.id} would be put in force with changed terms (${p.terms}) that the other party has not signed: the signature it records is one an earlier version recorded with other terms, or is dated (${p.field}) before the last signature in force before it, or is missing (rule joint-approval)`,
    hint: 'record the new signature (signatory, date and reference) in the document, then run the command again',
  }),
  SELF_APPROVAL: spec<{ person: string; id: string; drafted?: boolean; unlisted?: string; notExempt?: string }>({
    message: (p) =>
      (p.drafted
        ? `${p.person} drafted ${p.id}, which ${p.unlisted ? `names as requester ${p.unlisted}, whom the roles document does not list,` : 'names no requester,'} so counts as its requester and may not approve it (rule self-approval is set to error)`
        : `${p.person} requested ${p.id} and may not approve it (rule self-approval is set to error)`) +
      (p.notExempt ? `; it is not exempt: ${p.notExempt}` : ''),
    hint: (p) =>
      p.unlisted
        ? `another person with the approving role must approve it, or list ${p.unlisted} in the roles document if they asked for it`
        : 'another person with the approving role must approve it',
  }),

  // --- files -------------------------------------------------------------------------------------------
  FILE_EXISTS: spec<{ file: string }>({ message: (p) => `${p.file} already exists; it was not overwritten` }),
  WRITE_FAILED: spec<{ file: string; reason: string }>({ message: (p) => `cannot write ${p.file}: ${p.reason}` }),
  OUTPUT_NOT_REGULAR: spec<{ file: string; what: string }>({
    message: (p) => `cannot write ${p.file}: it is ${p.what}, not a regular file; nothing was written`,
    hint: 'give --output the path of a regular file (it is replaced) or of a file that does not exist yet',
  }),
  ID_EXHAUSTED: spec<{ id: string; type: string; limit: string }>({
    message: (p) =>
      `${p.id} is the highest ${p.type} ID, and the next number does not fit the ID scheme (at most ${p.limit}); nothing was written`,
    hint: 'if that ID is a mistake, give its document a free number within the scheme (sms validate reports it under id-format), then run sms new again',
  }),
  FOLDER_LINK_OUTSIDE: spec<{ folder: string; dir: string }>({
    message: (p) => `${p.folder} leads through a symbolic link to a folder outside the repository (${p.dir}); nothing was written`,
    hint: 'replace the link with a real folder inside the repository: sms validate does not follow a link out of it, so documents there are neither checked nor counted',
  }),
  FOLDER_IN_GIT: spec<{ folder: string; dir: string }>({
    message: (p) => `${p.folder} leads into the repository's .git folder (${p.dir}); nothing was written`,
    hint: 'give the type a folder of its own outside .git (folders: in sms.config.yaml), and remove the link',
  }),
  NOT_A_DIRECTORY: spec<{ dir: string }>({ message: (p) => `${p.dir} is a file, not a directory; nothing was written` }),
  NOT_EMPTY: spec<{ dir: string }>({
    message: (p) => `${p.dir} is not empty; nothing was written`,
    hint: 'use an empty directory, or --force to add only the missing files (existing files are never overwritten)',
  }),
  PERSON_CONTROL: spec<{ flag: string }>({
    message: (p) => `${p.flag} contains a control character or line break; nothing was written`,
    hint: 'give the person as one line of plain text: "Name <email>"',
  }),
  PERSON_FORMAT: spec<{ flag: string; value: string }>({ message: (p) => `${p.flag} must look like "Name <email>", got "${p.value}"` }),
  NO_MANAGER: spec({
    message: () => 'no Service Manager given and no git identity configured; nothing was written',
    hint: 'pass --manager "Name <email>", or set git config user.name and user.email',
  }),
  SAMPLE_FAILED: spec<{ dir: string; reason: string }>({ message: (p) => `the sample could not be created in ${p.dir}: ${p.reason}` }),
} as const;

export type ErrorCode = keyof typeof ERRORS;
type Params<K extends ErrorCode> = (typeof ERRORS)[K] extends ErrorSpec<infer P> ? ([P] extends [void] ? [] : [P]) : never;

/**
 * The one error class for "sms cannot do what was asked". It always maps to exit code 2; its
 * message is a single line for the user and `hint` says what to do next.
 */
export class SmsError extends Error {
  readonly code: ErrorCode;
  readonly hint?: string;
  readonly exitCode?: number;
  constructor(code: ErrorCode, message: string, hint?: string, exitCode?: number) {
    super(message);
    this.name = 'SmsError';
    this.code = code;
    this.hint = hint;
    this.exitCode = exitCode;
  }
}

/** Builds the catalogue's error for `code`. */
export function smsError<K extends ErrorCode>(code: K, ...params: Params<K>): SmsError {
  const s = ERRORS[code] as ErrorSpec<unknown>;
  const p = params[0];
  const hint = typeof s.hint === 'function' ? s.hint(p) : s.hint;
  return new SmsError(code, s.message(p), hint, s.exit);
}

/** The closest of `candidates` to `word` (edit distance at most a third of its length), for "did you mean". */
export function suggest(word: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestD = Math.max(2, Math.floor(word.length / 3)) + 1;
  for (const c of candidates) {
    const d = distance(word, c);
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  return best;
}

function distance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 8) return 99;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length]!;
}
