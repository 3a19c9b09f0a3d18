/**
 * The production topology on loopback, without Docker: N standalone instances of the built app over one
 * database, and nginx in front with the project's own configuration. Used by the cluster test (and by
 * anything else that needs the real deployment, such as load tests).
 */
import { randomBytes } from "node:crypto";
import path from "node:path";
import { startAppServer, type AppServer } from "./app-server";
import { defaultLimits, startNginx, type Nginx, type NginxVariables } from "./nginx";
import { freePort } from "./processes";

/** `env` is what this instance gets on top of the cluster's (e.g. its own way to the database). */
export type Instance = { id: string; port: number; logFile: string; env?: Record<string, string>; server?: AppServer };

export type Cluster = {
  url: string;
  nginx: Nginx;
  instances: Instance[];
  /** Environment every instance gets (DATABASE_URL, AUTH_SECRET, PUBLIC_ORIGIN, ...). */
  env: Record<string, string>;
  start: (instance: Instance) => Promise<void>;
};

export type ClusterOptions = {
  size: number;
  databaseUrl: string;
  workDir: string;
  /** Extra environment for the instances. */
  env?: Record<string, string>;
  /** Environment for single instances, by position (the first is app-1). */
  instanceEnv?: Record<string, string>[];
  limits?: Partial<Pick<NginxVariables, "NGINX_CHECKIN_RATE" | "NGINX_CHECKIN_BURST" | "NGINX_LOGIN_RATE" | "NGINX_LOGIN_BURST">>;
  /** nginx's connections per worker (1,024 in the official image). */
  workerConnections?: number;
};

export async function startCluster(options: ClusterOptions): Promise<Cluster> {
  const nginxPort = await freePort();
  const url = `http://127.0.0.1:${nginxPort}`;
  const env = {
    DATABASE_URL: options.databaseUrl,
    AUTH_SECRET: randomBytes(48).toString("base64url"),
    PUBLIC_ORIGIN: url,
    TRUST_PROXY: "true",
    LOG_LEVEL: "info",
    ...options.env,
  };
  const instances: Instance[] = [];
  for (let i = 1; i <= options.size; i++) {
    const own = options.instanceEnv?.[i - 1];
    instances.push({
      id: `app-${i}`,
      port: await freePort(),
      logFile: path.join(options.workDir, `app-${i}.log`),
      ...(own ? { env: own } : {}),
    });
  }
  const start = async (instance: Instance) => {
    instance.server = await startAppServer({ ...env, ...instance.env, INSTANCE_ID: instance.id }, instance.port, {
      logFile: instance.logFile,
    });
  };
  await Promise.all(instances.map(start));
  const nginx = await startNginx(
    path.join(options.workDir, "nginx"),
    nginxPort,
    {
      APP_SERVER: instances.map((i) => `127.0.0.1:${i.port}`),
      STATIC_ROOT: path.resolve(".next", "standalone"),
      ...defaultLimits,
      ...options.limits,
    },
    { workerConnections: options.workerConnections },
  );
  return { url, nginx, instances, env, start };
}
