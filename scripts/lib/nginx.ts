/**
 * Runs Debian's nginx as a plain process with the project's own configuration template
 * (docker/nginx/templates/presenca.conf.template), rendered the way the official nginx image renders it,
 * inside a main configuration equivalent to that image's nginx.conf (only the paths differ).
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { onCleanup, run, stop, waitForPort } from "./processes";

export const nginxTemplate = path.join("docker", "nginx", "templates", "presenca.conf.template");
export const nginxBinary = fs.existsSync("/usr/sbin/nginx") ? "/usr/sbin/nginx" : "nginx";

export type NginxVariables = {
  NGINX_LISTEN: string;
  /** Several addresses stand for a name that resolves to several replicas: one server line each. */
  APP_SERVER: string | string[];
  STATIC_ROOT: string;
  NGINX_CHECKIN_RATE: string;
  NGINX_CHECKIN_BURST: string;
  NGINX_LOGIN_RATE: string;
  NGINX_LOGIN_BURST: string;
};

/** The defaults compose uses (.env.example), so tests exercise the shipped limits. */
export const defaultLimits = {
  NGINX_CHECKIN_RATE: "20r/s",
  NGINX_CHECKIN_BURST: "400",
  NGINX_LOGIN_RATE: "10r/m",
  NGINX_LOGIN_BURST: "5",
} as const;

/**
 * envsubst semantics for `${NAME}`; a line that names a list variable is repeated once per value,
 * as nginx itself expands a server name that resolves to several addresses.
 */
export function renderTemplate(template: string, vars: Record<string, string | string[]>): string {
  return template
    .split("\n")
    .flatMap((line) => {
      const names = [...line.matchAll(/\$\{(\w+)\}/g)].map((m) => m[1] as string);
      const list = names.find((n) => Array.isArray(vars[n]));
      const values = list ? (vars[list] as string[]) : [undefined];
      return values.map((value) =>
        line.replace(/\$\{(\w+)\}/g, (_, name: string) => {
          const v = name === list ? value : vars[name];
          if (typeof v !== "string") throw new Error(`${nginxTemplate}: no value for \${${name}}`);
          return v;
        }),
      );
    })
    .join("\n");
}

/** The official image's nginx.conf, with paths inside `dir`: no root-owned locations, no daemon. */
function mainConfig(dir: string, workerConnections: number): string {
  return `daemon off;
worker_processes 2;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections ${workerConnections}; }
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    tcp_nopush on;
    keepalive_timeout 65;
    client_body_temp_path ${dir}/client_body;
    proxy_temp_path ${dir}/proxy;
    fastcgi_temp_path ${dir}/fastcgi;
    uwsgi_temp_path ${dir}/uwsgi;
    scgi_temp_path ${dir}/scgi;
    include ${dir}/presenca.conf;
}
`;
}

export type Nginx = { url: string; accessLog: string; errorLog: string; stop: () => Promise<void> };

/**
 * Writes the configuration into `dir`, checks it with `nginx -t`, and starts nginx on `port`. The image's
 * 1,024 connections per worker hold about 1,000 live streams (each takes a client and an upstream
 * connection); a benchmark of more screens asks for more, as a deployment of that size would.
 */
export async function startNginx(
  dir: string,
  port: number,
  vars: Omit<NginxVariables, "NGINX_LISTEN">,
  options: { workerConnections?: number } = {},
): Promise<Nginx> {
  fs.mkdirSync(dir, { recursive: true });
  const rendered = renderTemplate(fs.readFileSync(nginxTemplate, "utf8"), { ...vars, NGINX_LISTEN: `127.0.0.1:${port}` });
  fs.writeFileSync(path.join(dir, "presenca.conf"), rendered);
  const conf = path.join(dir, "nginx.conf");
  fs.writeFileSync(conf, mainConfig(dir, options.workerConnections ?? 1024));
  const args = ["-p", dir, "-e", path.join(dir, "error.log"), "-c", conf];
  // The access log goes to nginx's stdout (as in the image), which must be a file or a pipe.
  const accessLog = path.join(dir, "access.log");
  const stdio: ["ignore", number, "inherit"] = ["ignore", fs.openSync(accessLog, "a"), "inherit"];
  await run(nginxBinary, [...args, "-q", "-t"], { stdio });
  const child = spawn(nginxBinary, args, { stdio });
  onCleanup(() => stop(child));
  await waitForPort(port, 10_000);
  return { url: `http://127.0.0.1:${port}`, accessLog, errorLog: path.join(dir, "error.log"), stop: () => stop(child) };
}
