import type { CommanderError as CommanderErrorType } from 'commander';
import { createRequire } from 'node:module';
import { EXIT_USAGE } from '../diagnostic.js';
import { SmsError, smsError } from '../errors.js';
import { defaultPeriods, REPORT_KINDS } from '../report/registry.js';
import { version } from '../version.js';
import type { CliIO } from './io.js';
import { forTerminal } from '../formatters/terminal.js';

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/**
 * Runs the CLI and resolves to its exit code: 0 clean (warnings allowed), 1 findings, 2 usage,
 * configuration or environment failure. Nothing below this calls process.exit.
 */
export async function run(argv: string[], ioIn: CliIO): Promise<number> {
  const io: CliIO = { ...ioIn, written: [] };
  // require(), not import(): commander is a CommonJS package, and importing it from the CommonJS
  // bundle would start Node's ES module loader and its CommonJS lexer for nothing (ADR 0008).
  const { Argument, Command, CommanderError, Option } = createRequire(import.meta.url)('commander') as typeof import('commander');
  let exitCode = 0;
  const program = new Command('sms')
    .description('Service management system as code: an ISO/IEC TR 29110-5-3 SMS kept in Git as Markdown with YAML front matter.')
    .version(version(), '-V, --version')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })
    .showHelpAfterError('(run "sms --help" or "sms <command> --help" for usage)')
    .addHelpText('after', '\nExit codes: 0 clean (warnings allowed), 1 findings, 2 usage, configuration or environment failure.\n');

  program
    .command('init')
    .description('Create a new SMS repository: folders, config, governance starter set, CI workflow, first commit.')
    .argument('[dir]', 'directory to create the SMS in', '.')
    .option('-y, --yes', 'ask nothing; use flags, the git identity and defaults')
    .option('--org <name>', 'organisation name')
    .option('--manager <"Name <email>">', 'the Service Manager')
    .option('--service <name>', 'the first service in the catalogue')
    .option('--timezone <zone>', "the time zone service hours are counted in (IANA name such as Europe/Berlin; default: this machine's)")
    .option('--sample', 'create the fictional sample organisation, with its backdated Git history')
    .option('--force', 'in a non-empty directory, write only the missing files')
    .option('--no-git', 'do not run git init or make the first commit')
    .addOption(
      new Option('--ci <provider>', 'the CI that runs sms validate (at the root of the git repository)')
        .choices(['github', 'gitlab', 'none'])
        .default('github'),
    )
    .option('--cli-spec <spec>', 'what CI installs as sms: a git URL with a tag, a .tgz in the repository, or name@version you published')
    .option('--sarif', 'GitHub: also upload the findings to code scanning (needs security-events: write)')
    .option('--no-install', 'do not run npm to pin sms in package-lock.json (run "npm install" yourself)')
    .addHelpText(
      'after',
      '\nExamples:\n  $ sms init my-sms --yes --org "Acme IT" --manager "Ana Costa <ana@acme.example>" --timezone Europe/Berlin --cli-spec git+https://git.example.org/acme/sms.git#v0.1.0\n  $ sms init docs/sms --ci gitlab --cli-spec ./tools/sms-cli-0.1.0.tgz   # in an existing repository\n  $ sms init --sample demo-sms\n',
    )
    .action(async (dir: string, opts) => {
      const { initCommand } = await import('./init.js');
      exitCode = await initCommand(io, {
        dir,
        yes: Boolean(opts.yes),
        org: opts.org,
        manager: opts.manager,
        service: opts.service,
        sample: Boolean(opts.sample),
        force: Boolean(opts.force),
        git: opts.git !== false,
        ci: opts.ci,
        cliSpec: opts.cliSpec,
        sarif: Boolean(opts.sarif),
        install: opts.install !== false,
        timezone: opts.timezone,
      });
    });

  program
    .command('new')
    .description('Create a document from its type template with the next free ID; prints its path last.')
    .argument('<type>', 'type key (see "sms types")')
    .argument('[title...]', 'title of the document')
    .option('-s, --set <key=value>', 'set a front-matter field (repeatable; value is YAML: [a, b] for a list)', collect)
    .addHelpText(
      'after',
      '\nExamples:\n  $ sms new change-request "Upgrade mail server" --set change_type=normal --set priority=P2\n  $ sms new incident "VPN down" --set services=[SVC-0001]\n',
    )
    .action(async (type: string, title: string[], opts) => {
      const { newCommand } = await import('./new.js');
      exitCode = await newCommand(io, { type, title: title.join(' '), set: opts.set ?? [] });
    });

  program
    .command('types')
    .description('List the document types: WP code, folder, ID scheme, statuses and transitions.')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['table', 'json', 'md']).default('table'))
    .addHelpText('after', '\nExamples:\n  $ sms types\n  $ sms types --format json | jq ".[].key"\n')
    .action(async (opts) => {
      const { typesCommand } = await import('./types.js');
      exitCode = await typesCommand(io, { format: opts.format });
    });

  program
    .command('validate')
    .description(
      'Check documents: schemas, statuses, references, roles, approvals, reviews; with --base or --history also their Git history.',
    )
    .argument(
      '[paths...]',
      'report on these files or folders only (cross-file rules still read the whole repository); - reads standard input',
    )
    .addOption(
      new Option('-f, --format <format>', 'output format')
        .choices(['stylish', 'json', 'github', 'junit', 'sarif', 'gitlab'])
        .default('stylish'),
    )
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
    .option('--max-warnings <n>', 'exit 1 when there are more warnings than this', (v) => parseCount(v, '--max-warnings'))
    .option('-q, --quiet', 'report errors only')
    .option('--base <ref>', 'also check the history of commits <ref>..HEAD (pull requests)')
    .option('--history', 'also check the whole Git history')
    .option('--staged', 'check the documents as staged for the next commit (the index), not the working tree')
    .option('--no-git', 'skip every check that needs Git')
    .option('--no-color', 'no colour even on a terminal')
    .option('--stdin-filepath <path>', 'with -, the path in the repository of the document read from standard input')
    .addHelpText(
      'after',
      '\nExamples:\n  $ sms validate\n  $ sms validate --base origin/main --format github\n  $ sms validate --staged   # pre-commit: what the commit will contain\n  $ sms validate --history --format sarif -o sms.sarif\n  $ sms validate - --stdin-filepath changes/RFC-0007-new-vpn.md < draft.md\n',
    )
    .action(async (paths: string[], opts) => {
      const { validateCommand } = await import('./validate.js');
      exitCode = await validateCommand(io, {
        paths,
        format: opts.format,
        output: opts.output,
        maxWarnings: opts.maxWarnings,
        quiet: Boolean(opts.quiet),
        base: opts.base,
        history: Boolean(opts.history),
        staged: Boolean(opts.staged),
        git: opts.git !== false,
        color: opts.color,
        stdinFilepath: opts.stdinFilepath,
      });
    });

  program
    .command('log')
    .description("Show a document's timeline from Git history: commits, authors, status changes, approvals, renames.")
    .argument('<id>', 'document ID, e.g. RFC-0007')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
    .addHelpText('after', '\nExamples:\n  $ sms log RFC-0003\n  $ sms log SLA-0001 --format json\n')
    .action(async (id: string, opts) => {
      const { logCommand } = await import('./log.js');
      exitCode = await logCommand(io, { id, format: opts.format });
    });

  program
    .command('set-status')
    .description(
      'Move a document to a new status the lifecycle allows; when approving, record approved_by/approved_on from the git identity.',
    )
    .argument('<id>', 'document ID')
    .argument('<status>', 'new status')
    .option('--commit', 'commit the change with a structured message')
    .option('--as <"Name <email>">', 'act as this person instead of the git identity')
    .addHelpText('after', '\nExamples:\n  $ sms set-status RFC-0007 approved --commit\n  $ sms set-status INC-0012 closed\n')
    .action(async (id: string, status: string, opts) => {
      const { setStatusCommand } = await import('./set-status.js');
      exitCode = await setStatusCommand(io, { id, status, commit: Boolean(opts.commit), as: opts.as });
    });

  program
    .command('rules')
    .description('List the validation rules: id, default severity, what each checks (and its setting in this repository).')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['table', 'json', 'md']).default('table'))
    .addHelpText('after', '\nExamples:\n  $ sms rules\n  $ sms rules --format json | jq -r ".[] | select(.setting == \\"off\\") | .id"\n')
    .action(async (opts) => {
      const { rulesCommand } = await import('./rules.js');
      exitCode = await rulesCommand(io, { format: opts.format });
    });

  program
    .command('report')
    .description(
      'Build a report from the documents and their Git history: review (management review, WP.07 input), audit (29110 conformance evidence), performance (WP.19 for one agreement), changes (the change schedule, WP.12).',
    )
    .addArgument(new Argument('<kind>', 'report kind').choices(REPORT_KINDS))
    .addOption(
      new Option('-f, --format <format>', 'output format (csv: the audit findings)').choices(['md', 'html', 'json', 'csv']).default('md'),
    )
    .option('--since <date>', "start of the period (YYYY-MM-DD); default: the report's own (below)")
    .option(
      '--until <date>',
      "end of the period (YYYY-MM-DD, inclusive); default: the report's own (below); audit: the repository as it stood at the end of that day",
    )
    .option('--period <period>', 'a calendar month (2026-10), quarter (2026-Q3) or year (2026), instead of --since/--until')
    .option('--agreement <id>', 'the customer or supplier agreement of a performance report')
    .option('-o, --output <file>', 'write the report to a file (atomically) instead of stdout')
    .addOption(new Option('--out <file>', 'the same as --output (kept for scripts written for sms 0.1)').hideHelp())
    .addHelpText(
      'after',
      `\nDefault periods (without --since, --until or --period):\n${defaultPeriods()}\n` +
        '\nExamples:\n  $ sms report review --until 2026-09-30 > review.md\n  $ sms report audit --format html --output audit.html\n  $ sms report audit --until 2026-03-31 --format csv > findings.csv\n  $ sms report performance --agreement SLA-0001 --period 2026-Q3\n  $ sms report performance --agreement UA-0001 --period 2026-10 --format html -o ua-october.html\n  $ sms report review --format json | jq .incidents.total\n',
    )
    .action(async (kind: string, opts) => {
      const { reportCommand } = await import('./report.js');
      exitCode = await reportCommand(io, {
        kind,
        format: opts.format,
        since: opts.since,
        until: opts.until,
        output: opts.output ?? opts.out,
        agreement: opts.agreement,
        period: opts.period,
      });
    });

  program
    .command('completion')
    .description('Print a shell completion script for sms: commands, options, their choices and the type keys.')
    .addArgument(new Argument('<shell>', 'the shell').choices(['bash', 'zsh', 'fish']))
    .addOption(new Option('--type-keys', 'print the type keys of the repository here, one a line (used by the scripts)').hideHelp())
    .addHelpText(
      'after',
      '\nExamples:\n  $ sms completion bash > ~/.local/share/bash-completion/completions/sms\n  $ sms completion zsh > "${fpath[1]}/_sms"\n  $ sms completion fish > ~/.config/fish/completions/sms.fish\n',
    )
    .action(async (shell: string, opts) => {
      const { completionCommand } = await import('./completion.js');
      exitCode = await completionCommand(io, { shell, typeKeys: Boolean(opts.typeKeys), program });
    });

  if (argv.length === 0) {
    // Like git: no command is a usage error, with the help where errors go.
    io.stderr.write(program.helpInformation());
    return EXIT_USAGE;
  }
  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (err) {
    return reportError(err, io, CommanderError);
  }
}

function parseCount(v: string, flag: string): number {
  if (!/^\d+$/.test(v)) throw smsError('FLAG_NUMBER', { flag, value: v });
  return Number(v);
}

function reportError(err: unknown, io: CliIO, CommanderError: new (...a: never[]) => CommanderErrorType): number {
  if (err instanceof CommanderError) {
    const e = err as CommanderErrorType;
    // --help and --version exit 0; help shown because something was missing (e.g. "sms report") is a usage error.
    return e.exitCode === 0 ? 0 : EXIT_USAGE;
  }
  if (err instanceof SmsError) {
    // Messages quote paths, IDs and values from the repository: no control characters reach the terminal.
    io.stderr.write(`sms: ${forTerminal(err.message)}\n`);
    if (err.hint) io.stderr.write(`     ${forTerminal(err.hint)}\n`);
    return err.exitCode ?? EXIT_USAGE;
  }
  const e = err as NodeJS.ErrnoException;
  const fsError = typeof e?.code === 'string' && /^E[A-Z]+$/.test(e.code);
  const what = fsError
    ? `cannot access ${e.path ?? 'a file'} (${e.code})`
    : `unexpected failure: ${String(e?.message ?? 'unknown').split('\n')[0]}`;
  // Say "nothing was changed" only when it is true: commands record every file they write.
  const written = io.written ?? [];
  const state = written.length === 0 ? 'no files were changed' : `files written before the failure: ${written.join(', ')}`;
  io.stderr.write(`sms: ${forTerminal(what)}; ${forTerminal(state)}\n`);
  if (io.env.SMS_DEBUG) io.stderr.write(`${(err as Error)?.stack ?? ''}\n`);
  return EXIT_USAGE;
}
