import { signingRequired } from '../model/policy.js';
import { commitLabel, eventDoc } from './history-support.js';
import { defineRule } from './registry.js';

export default defineRule({
  id: 'commit-signature',
  description: 'With history.require_signed: all, every commit that changes a document has a signature git verified.',
  help:
    'Commit identities are what the person making the commit says they are; a signature that git verifies (GPG or ' +
    'SSH with an allowed signers file) proves it. With history.require_signed: all, every commit in the checked range ' +
    'that changes a document must carry a good, trusted signature (git log %G? = G), but for the commits already ' +
    'in history at the commit whose sms.config.yaml turned it on. Configure verification in the ' +
    'environment that runs sms (gpg keyring, or gpg.ssh.allowedSignersFile in the global git config). Approvals alone ' +
    'are covered by require_signed: approvals through approval-evidence.',
  severity: 'error',
  needs: ['commits'],
  check(ctx, report) {
    if (ctx.config.history.requireSigned !== 'all') return;
    const seen = new Set<string>();
    for (const e of ctx.changes!.events) {
      if (seen.has(e.commit.sha)) continue;
      seen.add(e.commit.sha);
      if (signingRequired(e.commit, ctx.config.history) !== 'all') continue;
      const s = e.commit.signature;
      if (s?.status === 'G') continue;
      report({
        ...eventDoc(ctx, e),
        at: { line: 1, column: 1 },
        message: `${commitLabel(e)} ${s === undefined || s.status === 'N' ? 'is not signed' : `has a signature git does not accept (${s.status})`}, but history.require_signed is all`,
        hint: 'sign commits (git config commit.gpgsign true) with a key the verifying environment trusts',
      });
    }
  },
});
