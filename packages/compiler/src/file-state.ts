/** What compiling one file shares between its functions: the program, source, helper import. */
import type { NodePath } from "@babel/traverse";
import * as t from "@babel/types";

export class FileState {
  private importName: string | null = null;
  private readonly topLevel: t.Statement[] = [];

  constructor(
    readonly program: NodePath<t.Program>,
    readonly source: string,
    readonly filename: string,
    readonly runtime: string,
    readonly locations: boolean,
  ) {}

  /** The local name of the runtime's Coroutine class (imported on first use). */
  coroutineImport(): string {
    this.importName ??= this.program.scope.generateUid("Coroutine");
    return this.importName;
  }

  /** Statements placed after the imports (frame classes and function info). */
  addTopLevel(statements: t.Statement[]): void {
    this.topLevel.push(...statements);
  }

  /** Writes the import and the top-level statements into the program. */
  finish(): void {
    if (this.importName === null) return;
    const body = this.program.node.body;
    const isModule = this.program.node.sourceType === "module";
    const helper = isModule
      ? t.importDeclaration(
          [t.importSpecifier(t.identifier(this.importName), t.identifier("Coroutine"))],
          t.stringLiteral(this.runtime),
        )
      : t.variableDeclaration("const", [
          t.variableDeclarator(
            t.objectPattern([t.objectProperty(t.identifier("Coroutine"), t.identifier(this.importName))]),
            t.callExpression(t.identifier("require"), [t.stringLiteral(this.runtime)]),
          ),
        ]);
    let at = 0;
    while (at < body.length && (t.isImportDeclaration(body[at]) || isDirective(body[at]!))) at++;
    body.splice(at, 0, helper, ...this.topLevel);
  }
}

function isDirective(stmt: t.Statement): boolean {
  return t.isExpressionStatement(stmt) && t.isStringLiteral(stmt.expression);
}
