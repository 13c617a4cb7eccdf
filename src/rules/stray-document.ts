import { isDocumentPath } from '../repo/documents.js';
import { defineRule } from './registry.js';

export default defineRule({
  id: 'stray-document',
  description:
    'Every Markdown file with the front matter of a document (a type and an id of its scheme) is one sms reads: in a folder sms reads, ending in .md.',
  help:
    'sms reads the documents in the folders sms.config.yaml names (see sms types), except hidden files and paths ' +
    'matched by ignore. A file elsewhere under the SMS whose front matter has a type sms knows and an id in that ' +
    "type's scheme (INC-0001, POLICY) is taken for " +
    'a document that was put in the wrong folder, or left behind when a folder was renamed (for instance by a branch ' +
    'merged after the rename): nothing checks it, and no report counts it, so an incident there is missing from the ' +
    "customer's figures. The same goes for a document saved with another Markdown extension (.MD, .markdown, .mdown, " +
    '.mkd and the like), in a document folder or elsewhere: sms reads files ending in .md only. Hidden files and ' +
    'folders, node_modules, ignored paths and folders that are another git ' +
    'checkout (a submodule, a worktree) are not looked at; neither are symbolic links, nor files over max_file_size or ' +
    'not UTF-8. With --staged, the files staged are looked at; with -, standard input as the file --stdin-filepath names; otherwise the working tree. Move the file into ' +
    "its type's folder (git mv), or rename it to end in .md, or add it to ignore in sms.config.yaml if it is not part of the SMS.",
  severity: 'warning',
  needs: [],
  check(ctx, report) {
    // A file the base reads and the pull request no longer does is document-scope's (an error).
    const leftOut = new Set(ctx.changes?.outOfScope ?? []);
    for (const doc of ctx.outside ?? []) {
      if (leftOut.has(doc.file)) continue;
      const t = doc.type!;
      // Saved as .MD, .markdown or the like, the file is read by nothing wherever it is; where the
      // same name ending in .md would be read in its type's folder, renaming it is all it takes.
      const asMd = doc.file.endsWith('.md') ? undefined : doc.file.replace(/\.[^./]+$/, '.md');
      const inPlace = asMd !== undefined && (t.folder === '.' || asMd.startsWith(`${t.folder}/`));
      // Its name ending in .md, in its type's folder (the extension changes, not the folder part).
      const target = inPlace ? asMd : `${t.folder}/${(asMd ?? doc.file).slice(doc.file.lastIndexOf('/') + 1)}`;
      const where = asMd === undefined ? 'is outside the folders sms reads' : 'is in a file sms does not read (documents end in .md)';
      const folder = inPlace ? '' : `; documents of this type go in ${t.folder}/`;
      const ignore = 'or add it to ignore in sms.config.yaml if it is not part of the SMS';
      // Moved or renamed as told, a copy would be a duplicate ID and a taken name would be overwritten.
      const read = ctx.byId.get(doc.id!)?.find((d) => d.file !== doc.file);
      let hint: string;
      if (read)
        hint = `${doc.id} is read from ${read.file}: remove this file if it is a copy, or give it the next free ID (sms new) if it is another record`;
      else if (inPlace && !isDocumentPath(ctx.config, target))
        hint = `rename it to a name ending in .md that ignore in sms.config.yaml does not match (${target} is ignored), with git mv once it is committed`;
      else if (ctx.exists(target))
        hint = inPlace
          ? `rename it to a free name ending in .md (${target} is another file), with git mv once it is committed`
          : `move it to ${t.folder}/ under a free name ending in .md (${target} is another file), with git mv once it is committed, ${ignore}`;
      else
        hint = inPlace
          ? `rename it to ${target} (git mv, once it is committed)`
          : `move it to ${asMd ? target : `${t.folder}/`} (git mv, once it is committed), ${ignore}`;
      report({
        doc,
        field: ['type'],
        message: `${doc.id} (type ${t.key}) ${where}, so nothing checks it and no report counts it${folder}`,
        hint,
      });
    }
  },
});
