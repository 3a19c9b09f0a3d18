/**
 * A loopback reverse proxy that gzips text responses, standing in for nginx's gzip in front of the
 * standalone server (which does not compress: nginx does it in production), so that measurements see
 * the bytes a phone really downloads.
 */
import http from "node:http";
import zlib from "node:zlib";
import { onCleanup } from "./processes";

const compressible = /^(text\/|application\/(javascript|json|manifest\+json|problem\+json)|image\/svg\+xml)/;

export function startGzipProxy(listenPort: number, targetPort: number): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    const upstream = http.request(
      {
        host: "127.0.0.1",
        port: targetPort,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, "accept-encoding": "identity" },
      },
      (answer) => {
        const type = String(answer.headers["content-type"] ?? "");
        const wantsGzip = /\bgzip\b/.test(String(req.headers["accept-encoding"] ?? ""));
        if (!wantsGzip || !compressible.test(type) || answer.statusCode === 304 || answer.headers["content-encoding"]) {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
          return;
        }
        const headers = { ...answer.headers, "content-encoding": "gzip", vary: "accept-encoding" };
        delete headers["content-length"];
        res.writeHead(answer.statusCode ?? 502, headers);
        answer.pipe(zlib.createGzip({ level: 6 })).pipe(res);
      },
    );
    upstream.on("error", () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    req.pipe(upstream);
  });
  onCleanup(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(listenPort, "127.0.0.1", () => resolve(server));
  });
}
