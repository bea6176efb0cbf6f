/** What compiling one file shares between its functions: the program, source, runtime imports. */
import type { NodePath } from "@babel/traverse";
import * as t from "@babel/types";

export class FileState {
  /** Runtime export → local name, in order of first use. */
  private readonly imports = new Map<string, string>();
  private readonly topLevel: t.Statement[] = [];

  constructor(
    readonly program: NodePath<t.Program>,
    readonly source: string,
    readonly filename: string,
    readonly runtime: string,
    readonly locations: boolean,
    readonly mode: "coroutine" | "promise" = "coroutine",
  ) {}

  /** The local name of a runtime export (imported on first use). */
  runtimeImport(exportName: string): string {
    let local = this.imports.get(exportName);
    if (local === undefined) {
      local = this.program.scope.generateUid(exportName);
      this.imports.set(exportName, local);
    }
    return local;
  }

  /** Statements placed after the imports (frame classes and function info). */
  addTopLevel(statements: t.Statement[]): void {
    this.topLevel.push(...statements);
  }

  /** Writes the runtime import and the top-level statements into the program. */
  finish(): void {
    if (this.imports.size === 0) return;
    const body = this.program.node.body;
    const isModule = this.program.node.sourceType === "module";
    const names = [...this.imports];
    const helper = isModule
      ? t.importDeclaration(
          names.map(([exported, local]) => t.importSpecifier(t.identifier(local), t.identifier(exported))),
          t.stringLiteral(this.runtime),
        )
      : t.variableDeclaration("const", [
          t.variableDeclarator(
            t.objectPattern(names.map(([exported, local]) => t.objectProperty(t.identifier(exported), t.identifier(local)))),
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
