#!/usr/bin/env node
// Build step: the program's own data is checked before it ships. model/types.yaml and
// model/processes.yaml are validated against their JSON Schemas and cross-checked (every status a
// transition or authority names exists, every reference names a type, every task's work product
// is a type); every schema under schemas/ is checked against the 2020-12 meta-schema in strict
// mode. The checked model is written to dist/ as JSON, which sms loads without a YAML parser.
// Any problem stops the build with the file and the path of the offending value.
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parse } from 'yaml';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

const addFormats = addFormatsModule.default ?? addFormatsModule;
// An optional argument names another package root (the tests check broken copies of the model).
const root = path.resolve(process.argv[2] ?? path.join(path.dirname(fileURLToPath(import.meta.url)), '..'));
const problems = [];
const fail = (file, where, message) => problems.push(`${file}: ${where}: ${message}`);

const readYaml = (rel) =>
  parse(readFileSync(path.join(root, rel), 'utf8'), { version: '1.2', uniqueKeys: true, merge: false, strict: true });
const readJson = (rel) => JSON.parse(readFileSync(path.join(root, rel), 'utf8'));

function check(rel, data, schemaRel) {
  const ajv = new Ajv2020({ strict: true, strictRequired: false, allErrors: true });
  let validate;
  try {
    validate = ajv.compile(readJson(schemaRel));
  } catch (err) {
    return fail(schemaRel, '/', err.message);
  }
  if (!validate(data)) for (const e of validate.errors) fail(rel, e.instancePath || '/', `${e.message} ${JSON.stringify(e.params)}`);
}

const types = readYaml('model/types.yaml');
check('model/types.yaml', types, 'model/types.schema.json');
const processes = readYaml('model/processes.yaml');
check('model/processes.yaml', processes, 'model/processes.schema.json');

if (problems.length === 0) {
  const keys = new Set(types.map((t) => t.key));
  const wps = new Map(types.map((t) => [t.wp, t]));
  for (const t of types) {
    const at = (p) => `/${t.key}/${p}`;
    const known = new Set(t.statuses);
    const need = (s, where) => known.has(s) || fail('model/types.yaml', at(where), `"${s}" is not one of its statuses`);
    t.initial.forEach((s) => need(s, 'initial'));
    t.approving.forEach((s) => need(s, 'approving'));
    for (const [from, to] of Object.entries(t.transitions)) {
      need(from, `transitions/${from}`);
      to.forEach((s) => need(s, `transitions/${from}`));
    }
    Object.keys(t.authority).forEach((s) => need(s, 'authority'));
    for (const s of t.approving) if (!t.authority[s]) fail('model/types.yaml', at('approving'), `approving status "${s}" has no authority`);
    for (const [field, spec] of Object.entries(t.refs ?? {})) {
      for (const target of spec.split('|'))
        if (!keys.has(target)) fail('model/types.yaml', at(`refs/${field}`), `"${target}" is not a type key`);
    }
    for (const r of t.requires ?? []) {
      if (!keys.has(r.type)) fail('model/types.yaml', at('requires'), `"${r.type}" is not a type key`);
      const target = types.find((x) => x.key === r.type);
      r.statuses.forEach(
        (s) => target?.statuses.includes(s) || fail('model/types.yaml', at('requires'), `"${s}" is not a ${r.type} status`),
      );
      (r.when ?? []).forEach((s) => need(s, 'requires/when'));
    }
    for (const s of Object.keys(t.stamps ?? {})) need(s, 'stamps');
  }
  if (types.filter((t) => t.grants_roles).length !== 1) fail('model/types.yaml', '/', 'exactly one type must have grants_roles: true');
  for (const t of types) {
    if (!existsSync(path.join(root, 'schemas', `${t.key}.schema.json`)))
      fail('model/types.yaml', `/${t.key}`, `schemas/${t.key}.schema.json is missing`);
    if (!existsSync(path.join(root, 'templates', `${t.key}.md.hbs`)))
      fail('model/types.yaml', `/${t.key}`, `templates/${t.key}.md.hbs is missing`);
    if ((t.wp.startsWith('X.') || t.process === 'X') !== Boolean(t.extension))
      fail('model/types.yaml', `/${t.key}`, 'a type beyond the work products has wp X.…, process X and an extension');
  }
  const taskIds = new Set();
  for (const p of processes.processes) {
    for (const task of p.tasks) {
      if (!task.id.startsWith(`${p.code}.`)) fail('model/processes.yaml', `/${task.id}`, `task is listed under process ${p.code}`);
      if (taskIds.has(task.id)) fail('model/processes.yaml', `/${task.id}`, 'duplicate task id');
      taskIds.add(task.id);
      for (const o of task.outputs) {
        const t = wps.get(o.wp);
        if (!t) fail('model/processes.yaml', `/${task.id}/outputs`, `${o.wp} is not a work product of model/types.yaml`);
        else
          o.statuses.forEach(
            (s) => t.statuses.includes(s) || fail('model/processes.yaml', `/${task.id}/outputs/${o.wp}`, `"${s}" is not a ${t.key} status`),
          );
      }
    }
  }
  for (const p of processes.processes) {
    for (const o of p.objectives)
      for (const id of o.tasks) if (!taskIds.has(id)) fail('model/processes.yaml', `/${o.code}/tasks`, `${id} is not a task`);
  }
  // The audit's vocabulary: every obligation names a check the audit knows, with the parameters it takes.
  // The checks are code: those of this package's build, whichever model is checked.
  const here = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
  const { CHECKS } = await import(pathToFileURL(path.join(here, 'dist', 'report', 'obligations.js')).href);
  for (const p of processes.processes) {
    for (const task of p.tasks) {
      for (const o of task.obligations) {
        const check = CHECKS[o.check];
        if (!check) {
          fail('model/processes.yaml', `/${task.id}/obligations`, `"${o.check}" is not a check of the audit`);
          continue;
        }
        for (const k of Object.keys(o))
          if (k !== 'check' && !check.params.includes(k))
            fail('model/processes.yaml', `/${task.id}/obligations/${o.check}`, `"${k}" is not a parameter of ${o.check}`);
        for (const t of [o.type, ...(o.after ?? [])].filter(Boolean))
          if (!keys.has(t)) fail('model/processes.yaml', `/${task.id}/obligations/${o.check}`, `"${t}" is not a type key`);
        if (o.require !== undefined && !(check.requires ?? []).includes(o.require))
          fail('model/processes.yaml', `/${task.id}/obligations/${o.check}`, `"${o.require}" is not something ${o.check} can require`);
      }
    }
  }
  for (const f of processes.fitsm) {
    f.tasks.forEach((id) => taskIds.has(id) || fail('model/processes.yaml', `/fitsm/${f.code}`, `${id} is not a task`));
    f.records.forEach((t) => keys.has(t) || fail('model/processes.yaml', `/fitsm/${f.code}`, `${t} is not a type key`));
  }
}

// Every shipped schema: valid against the 2020-12 meta-schema and compilable in strict mode.
{
  const ajv = new Ajv2020({ strict: true, strictRequired: false, allErrors: true, allowUnionTypes: true });
  addFormats(ajv);
  const files = readdirSync(path.join(root, 'schemas')).filter((f) => f.endsWith('.schema.json'));
  for (const f of files) ajv.addSchema(readJson(`schemas/${f}`));
  for (const f of files) {
    const schema = readJson(`schemas/${f}`);
    try {
      if (!ajv.validateSchema(schema)) fail(`schemas/${f}`, '/', ajv.errorsText(ajv.errors));
      ajv.getSchema(schema.$id);
    } catch (err) {
      fail(`schemas/${f}`, '/', err.message);
    }
  }
}

if (problems.length) {
  process.stderr.write(`The model files are invalid; the build stops:\n${problems.map((p) => `  ${p}`).join('\n')}\n`);
  process.exit(1);
}
// The guidance lines of each type's template (what "sms new" writes for the author to replace),
// for the template-text rule: whole lines that ask what to write ("Which services …", "How …").
// Lines of starter text a team may well keep as written (a procedure's rules) are not guidance.
for (const t of types) {
  let source;
  try {
    source = readFileSync(path.join(root, 'templates', `${t.key}.md.hbs`), 'utf8');
  } catch {
    continue;
  }
  const body = source.replace(/^---\n[\s\S]*?\n---\n/, '');
  // The placeholders of its front matter that the type names (a customer called "Customer name").
  for (const field of t.placeholder_fields ?? []) {
    const m = new RegExp(`^${field}: "([^"{}]+)"$`, 'm').exec(source);
    if (!m) {
      process.stderr.write(
        `The model files are invalid; the build stops:\n  ${t.key}: placeholder_fields names ${field}, which its template does not fill with a quoted placeholder\n`,
      );
      process.exit(1);
    }
    t.template_values = { ...t.template_values, [field]: m[1] };
  }
  const lines = body
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length >= 25 && /^(What|Which|How|When|Who|Where|Why)\b/.test(l) && !l.includes('{{'));
  if (lines.length) t.template_text = [...new Set(lines)];
}

mkdirSync(path.join(root, 'dist'), { recursive: true });
writeFileSync(path.join(root, 'dist', 'types.json'), JSON.stringify(types));
writeFileSync(path.join(root, 'dist', 'processes.json'), JSON.stringify(processes));
