// Fails when the TypeScript client needs anything the compiler cannot check: a type assertion
// (`x as T`, `<T>x`), a non-null assertion (`x!`), `any`, or a comment that silences the compiler.
// A client that compiles only with those is not a client the document describes.
import { readFileSync } from "node:fs";
import ts from "typescript";

let found = 0;
for (const file of process.argv.slice(2)) {
  const text = readFileSync(file, "utf8");
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const report = (node, what) => {
    const { line, character } = source.getLineAndCharacterOfPosition(node.getStart());
    console.log(`${file}:${line + 1}:${character + 1}: ${what}: ${node.getText().slice(0, 80)}`);
    found++;
  };
  const visit = (node) => {
    if (ts.isAsExpression(node) && !(ts.isTypeReferenceNode(node.type) && node.type.getText() === "const")) report(node, "type assertion");
    if (ts.isTypeAssertionExpression(node)) report(node, "type assertion");
    if (ts.isNonNullExpression(node)) report(node, "non-null assertion");
    if (node.kind === ts.SyntaxKind.AnyKeyword) report(node, "any");
    ts.forEachChild(node, visit);
  };
  visit(source);
  for (const match of text.matchAll(/@ts-(ignore|expect-error|nocheck)/g)) {
    console.log(`${file}: @ts-${match[1]} silences the compiler`);
    found++;
  }
}
console.log(`no-casts: ${found} found in ${process.argv.length - 2} files`);
process.exit(found === 0 ? 0 : 1);
