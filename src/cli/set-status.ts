import { readFileSync } from 'node:fs';
import path from 'node:path';
import { isScalar, parseDocument, type Scalar } from 'yaml';
import { SmsError } from '../diagnostic.js';
import { loadConfig } from '../repo/config.js';
import { loadRepository, own } from '../repo/documents.js';
import { RolesIndex, samePerson } from '../model/roles.js';
import { isAllowedTransition } from '../model/types.js';
import { commit, gitIdentity, type Identity } from '../git/git.js';
import { today, type CliIO } from './io.js';
import { parsePerson } from './init.js';
import { writeAtomic } from './write.js';

export interface SetStatusOptions {
  id: string;
  status: string;
  commit: boolean;
  as?: string;
}

/**
 * Moves a document to a new status. Refuses what the lifecycle forbids and approvals by people
 * without the role; changes only the lines it must, so comments, key order and line endings stay.
 */
export async function setStatusCommand(io: CliIO, opts: SetStatusOptions): Promise<number> {
  const config = loadConfig(io.cwd);
  const { documents } = loadRepository(config);
  const matches = documents.filter((d) => d.id === opts.id);
  if (matches.length === 0) throw new SmsError('NOT_FOUND', `no document with id ${opts.id}`, 'IDs are case-sensitive, e.g. RFC-0007');
  if (matches.length > 1)
    throw new SmsError('USAGE', `id ${opts.id} is used by ${matches.map((d) => d.file).join(' and ')}; fix the duplicate first`);
  const doc = matches[0]!;
  const type = doc.type;
  if (!doc.data || !type) throw new SmsError('USAGE', `${doc.file} has no valid front matter or type; run "sms validate" for details`);
  const from = doc.status ?? '';
  const to = opts.status;
  if (!type.statuses.includes(to))
    throw new SmsError('TRANSITION', `"${to}" is not a ${type.key} status; expected one of: ${type.statuses.join(', ')}`);
  if (from === to) throw new SmsError('TRANSITION', `${opts.id} is already "${to}"`);
  if (!isAllowedTransition(type, from, to)) {
    const allowed = type.transitions[from] ?? [];
    throw new SmsError(
      'TRANSITION',
      `a ${type.key} cannot go from "${from}" to "${to}"`,
      allowed.length ? `from "${from}" it may go to: ${allowed.join(', ')}` : `"${from}" is a final status`,
    );
  }

  const who = await actor(io, opts);
  const updates: [string, string][] = [['status', to]];
  const isApproval = type.approving.includes(to);
  // A rejection is a decision that needs the same authority as an approval, but records no approver.
  const needsAuthority = isApproval || (to === 'rejected' && (type.authority[to]?.length ?? 0) > 0);
  if (needsAuthority) {
    const rolesDoc = documents.find((d) => d.type?.key === 'roles');
    const roles = RolesIndex.fromData(rolesDoc?.data);
    const allowed = type.authority[to] ?? [];
    const person = roles.resolve(`${who.name} <${who.email}>`) ?? roles.resolve(who.name);
    if (!person)
      throw new SmsError(
        'AUTHORITY',
        `${who.name} <${who.email}> is not in the roles document, so cannot move a ${type.key} to "${to}" (needs ${allowed.join(' or ')})`,
      );
    if (person.until && person.until < today(io))
      throw new SmsError('AUTHORITY', `${person.name} held their roles only until ${person.until}`);
    if (!roles.holdsAny(person, allowed))
      throw new SmsError(
        'AUTHORITY',
        `${person.name} holds ${person.roles.join(', ') || 'no role'}; moving a ${type.key} to "${to}" needs ${allowed.join(' or ')}`,
      );
    const requester = own(doc.data, 'requested_by');
    if (
      type.key === 'change-request' &&
      to === 'approved' &&
      own(doc.data, 'change_type') !== 'pre-approved' &&
      !config.history.requesterMayApprove &&
      typeof requester === 'string' &&
      samePerson(roles, requester, person.email ?? person.name)
    ) {
      throw new SmsError(
        'AUTHORITY',
        `${person.name} requested ${opts.id} and may not approve it (separation of duties)`,
        'another Control Manager must approve it',
      );
    }
    if (isApproval) updates.push(['approved_by', person.email ?? person.name], ['approved_on', today(io)]);
  }
  if (type.key === 'incident' && to === 'closed' && own(doc.data, 'closed') === undefined)
    updates.push(['closed', `${today(io)}T${new Date().toISOString().slice(11, 19)}Z`]);

  const abs = path.join(config.root, ...doc.file.split('/'));
  const original = readFileSync(abs, 'utf8');
  writeAtomic(abs, setFields(original, updates));
  io.stdout.write(`${opts.id}: ${from} → ${to}${isApproval ? ` (approved by ${who.name})` : ''}\n`);

  if (opts.commit) {
    const message = `${opts.id}: ${from} → ${to}\n\n${doc.title ?? ''}\n\nSms-Status: ${from} -> ${to}\n${needsAuthority ? `Approved-by: ${who.name} <${who.email}>\n` : ''}`;
    const me = await gitIdentity(io.cwd);
    if (!me)
      throw new SmsError(
        'GIT_IDENTITY',
        'the status was changed but not committed: no git identity',
        'set git config user.name and user.email, then commit',
      );
    const sha = await commit({ cwd: config.root, message, author: me, paths: [doc.file] });
    io.stdout.write(`committed ${sha.slice(0, 7)}\n`);
  }
  io.stdout.write(`${doc.file}\n`);
  return 0;
}

async function actor(io: CliIO, opts: SetStatusOptions): Promise<Identity> {
  if (opts.as) return parsePerson(opts.as);
  const me = await gitIdentity(io.cwd).catch(() => undefined);
  if (!me)
    throw new SmsError(
      'GIT_IDENTITY',
      'no git identity to record who made the change',
      'set git config user.name and user.email, or pass --as "Name <email>"',
    );
  return me;
}

/**
 * Sets top-level front-matter fields by splicing new text into the original at each value's
 * range; a missing field is added after `status`. Everything else stays byte for byte.
 */
export function setFields(text: string, updates: [string, string][]): string {
  const bom = text.startsWith('\uFEFF') ? '\uFEFF' : '';
  const src = text.slice(bom.length);
  const eol = src.includes('\r\n') ? '\r\n' : '\n';
  const firstEnd = src.indexOf('\n') + 1;
  const closeMatch = /^(?:---|\.\.\.)[ \t]*\r?$/m.exec(src.slice(firstEnd));
  if (firstEnd <= 0 || !closeMatch) throw new SmsError('USAGE', 'the document has no closed front matter');
  const yamlStart = firstEnd;
  const yamlEnd = firstEnd + closeMatch.index;
  const yamlText = src.slice(yamlStart, yamlEnd);
  const doc = parseDocument(yamlText, { version: '1.2', keepSourceTokens: true });
  const edits: { start: number; end: number; text: string }[] = [];
  const missing: [string, string][] = [];
  let statusLineEnd = yamlText.length;
  for (const [key, value] of updates) {
    const node = doc.get(key, true) as Scalar | undefined;
    if (node && isScalar(node) && node.range) {
      const style = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE' ? 'quoted' : 'plain';
      edits.push({ start: node.range[0], end: node.range[1], text: render(value, style) });
      if (key === 'status') statusLineEnd = lineEnd(yamlText, node.range[1]);
    } else missing.push([key, value]);
  }
  if (missing.length) {
    const insertAt = statusLineEnd;
    const lines = missing.map(([k, v]) => `${k}: ${render(v, /^\d{4}-/.test(v) ? 'quoted' : 'plain')}${eol}`).join('');
    edits.push({
      start: insertAt,
      end: insertAt,
      text: insertAt === yamlText.length && !yamlText.endsWith('\n') && yamlText.length ? `${eol}${lines}` : lines,
    });
  }
  let out = yamlText;
  for (const e of edits.sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return bom + src.slice(0, yamlStart) + out + src.slice(yamlEnd);
}

function lineEnd(s: string, from: number): number {
  const nl = s.indexOf('\n', from);
  return nl < 0 ? s.length : nl + 1;
}

function render(value: string, style: 'plain' | 'quoted'): string {
  const safePlain = /^[A-Za-z0-9][A-Za-z0-9@._+-]*$/.test(value) && !/^(?:true|false|null|yes|no|on|off|~|[-+]?\d[\d.eE+-]*)$/i.test(value);
  return style === 'plain' && safePlain ? value : JSON.stringify(value);
}
