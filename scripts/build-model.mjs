#!/usr/bin/env node
// Build step: model/types.yaml (the source of truth, edited by hand) is also written as
// dist/types.json, so every sms command loads it with JSON.parse instead of a YAML parser.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const types = parse(readFileSync(path.join(root, 'model', 'types.yaml'), 'utf8'), { version: '1.2', uniqueKeys: true });
mkdirSync(path.join(root, 'dist'), { recursive: true });
writeFileSync(path.join(root, 'dist', 'types.json'), JSON.stringify(types));
