import { defineRule } from './registry.js';

export default defineRule({
  id: 'document-scope',
  description: "With --base, a pull request's configuration still reads every document its base reads.",
  help:
    'sms reads the documents in the folders sms.config.yaml names, except hidden files and paths matched by ignore. ' +
    'A pull request that changes folders or ignore so that documents it keeps are no longer read takes them out of ' +
    'every check, for itself and for every pull request after it (a change request that is never read needs no ' +
    "approval). With --base, sms lists each file at HEAD that the base's configuration reads as a document and the " +
    "pull request's does not. Move the documents along with a folder you rename, or keep them in scope.",
  severity: 'error',
  needs: ['commits'],
  check(ctx, report) {
    for (const file of ctx.changes!.outOfScope ?? []) {
      report({
        file,
        at: { line: 1, column: 1 },
        message:
          "the base reads this file as a document, but this pull request's sms.config.yaml (folders or ignore) no longer does, so nothing checks it",
        hint: 'move the documents along with a folder you rename, or keep them in scope',
      });
    }
  },
});
