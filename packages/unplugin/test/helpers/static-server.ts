/**
 * A tiny static file server on 127.0.0.1 for the browser test: serves one directory with a strict
 * Content-Security-Policy on every response, so any inline script, eval or new Function is refused.
 */
import { readFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize, sep } from "node:path";

/** Scripts only from the page's own origin: no inline scripts, no `unsafe-eval`. */
export const CSP = "default-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'";

const TYPES: Readonly<Record<string, string>> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
};

export interface StaticServer {
  url: string;
  close(): Promise<void>;
}

/** Serves `root` (`/` is `index.html`) until `close()`. */
export async function serveStatic(root: string): Promise<StaticServer> {
  const server: Server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? "/", "http://localhost").pathname);
    const file = normalize(join(root, path === "/" ? "index.html" : path));
    if (!file.startsWith(root + sep)) {
      response.writeHead(403).end();
      return;
    }
    readFile(file).then(
      (body) => {
        response.writeHead(200, { "Content-Type": TYPES[extname(file)] ?? "application/octet-stream", "Content-Security-Policy": CSP });
        response.end(body);
      },
      () => response.writeHead(404, { "Content-Security-Policy": CSP }).end("not found"),
    );
  });
  await new Promise<void>((listening) => server.listen(0, "127.0.0.1", listening));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise<void>((closed, fail) => server.close((error) => (error ? fail(error) : closed()))),
  };
}
