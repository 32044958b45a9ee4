/**
 * The fixed wording of the A4 templates: every string and template literal in print-templates/
 * (not comments, tests or this fonts folder). The shipped font subset must cover it; the generator
 * adds it and a test checks it, so new wording without a regenerated subset fails CI.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

const TEMPLATES_DIR = join(import.meta.dirname, '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'fonts' || e.name === '__snapshots__' ? [] : sourceFiles(path);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [path] : [];
  });
}

/** String literal texts per file, e.g. ['政务服务事项受理回执', '办件编号：', …]. */
export function templateWording(dir = TEMPLATES_DIR): { file: string; texts: string[] }[] {
  return sourceFiles(dir).map((file) => {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest);
    const texts: string[] = [];
    const visit = (node: ts.Node): void => {
      if (ts.isStringLiteralLike(node) || ts.isTemplateLiteralToken(node)) texts.push(node.text);
      node.forEachChild(visit);
    };
    visit(source);
    return { file: relative(dir, file), texts };
  });
}
