/**
 * The deployment files validated where they can be without a Docker engine or a Kubernetes cluster:
 * compose by Debian's docker-compose itself, the Kubernetes manifests against the Kubernetes API's
 * JSON schemas (kubernetes-models), and the promises each file makes to the others.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, it } from "node:test";
import { parse, parseAllDocuments } from "yaml";
import http from "node:http";
import { instanceNodeOptions } from "../../scripts/lib/app-server";
import { defaultLimits, nginxTemplate, startNginx } from "../../scripts/lib/nginx";
import { freePort } from "../../scripts/lib/processes";

const compose = path.join("docker", "compose.yaml");
const envExample = path.join("docker", ".env.example");
const dockerfile = fs.readFileSync(path.join("docker", "Dockerfile"), "utf8");
const k8s = path.join("deploy", "k8s");

type ComposeService = {
  ports?: unknown[];
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
  volumes?: string[];
  deploy?: { replicas?: number };
  environment?: Record<string, string>;
  read_only?: boolean;
};

/** `docker-compose config` with `env` as the .env file, in a clean environment (no host variables leak in). */
function composeConfig(env: string): { status: number | null; stdout: string; stderr: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "presenca-compose-"));
  try {
    const envFile = path.join(dir, ".env");
    fs.writeFileSync(envFile, env);
    const result = spawnSync("docker-compose", ["-f", compose, "--env-file", envFile, "config"], {
      encoding: "utf8",
      env: { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: dir, NODE_ENV: "test" },
    });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const filledEnv = () =>
  fs
    .readFileSync(envExample, "utf8")
    .replace(/^AUTH_SECRET=$/m, `AUTH_SECRET=${"s".repeat(48)}`)
    .replace(/^POSTGRES_PASSWORD=$/m, "POSTGRES_PASSWORD=example-password");

describe("docker compose", () => {
  it("is valid and wires db, migrate, the app instances and nginx in order", () => {
    const result = composeConfig(filledEnv());
    assert.equal(result.status, 0, result.stderr);
    const { services, volumes } = parse(result.stdout) as { services: Record<string, ComposeService>; volumes: Record<string, unknown> };
    assert.deepEqual(Object.keys(services).sort(), ["app", "db", "migrate", "nginx"]);
    const { db, migrate, app, nginx } = services as Record<"db" | "migrate" | "app" | "nginx", ComposeService>;
    assert.ok(db.healthcheck?.test.join(" ").includes("pg_isready"));
    assert.ok(db.volumes?.some((v) => v.startsWith("db-data:")) && "db-data" in volumes, "the database lives on a volume");
    assert.equal(migrate.depends_on?.db?.condition, "service_healthy");
    assert.equal(app.depends_on?.migrate?.condition, "service_completed_successfully");
    assert.equal(app.deploy?.replicas, 3);
    assert.equal(app.environment?.TRUST_PROXY, "true");
    assert.equal(app.read_only, true);
    assert.equal(nginx.depends_on?.app?.condition, "service_healthy");
    assert.match(app.healthcheck?.test.join(" ") ?? "", /\/api\/ready/, "an instance is healthy when it is ready, database included");
    const published = Object.entries(services)
      .filter(([, s]) => s.ports?.length)
      .map(([name]) => name);
    assert.deepEqual(published, ["nginx"], "nginx is the only published port");
  });

  it("refuses to start without the secrets: nothing secret has a default", () => {
    const result = composeConfig(fs.readFileSync(envExample, "utf8"));
    assert.notEqual(result.status, 0);
    assert.match(result.stderr, /set (POSTGRES_PASSWORD|AUTH_SECRET) in docker\/\.env/);
  });

  it("documents every variable it reads in .env.example", () => {
    const used = new Set([...fs.readFileSync(compose, "utf8").matchAll(/\$\{(\w+)/g)].map((m) => m[1]));
    const documented = new Set([...fs.readFileSync(envExample, "utf8").matchAll(/^(\w+)=/gm)].map((m) => m[1]));
    assert.deepEqual(
      [...used].filter((v) => !documented.has(v)),
      [],
    );
  });
});

describe("Dockerfile", () => {
  it("builds dependencies, the app, the migration job and nginx in separate stages", () => {
    const stages = [...dockerfile.matchAll(/^FROM \S+ AS (\w+)$/gm)].map((m) => m[1]);
    assert.deepEqual(stages, ["deps", "build", "migrate", "app", "nginx"]);
  });

  it("runs the app as a non-root user with a health check, and bakes in no secret", () => {
    const app = dockerfile.slice(dockerfile.indexOf(" AS app"), dockerfile.indexOf(" AS nginx"));
    assert.match(app, /^USER node$/m);
    assert.match(app, /^HEALTHCHECK .*\n?.*\/api\/health/m);
    assert.match(app, /^CMD \["node", "main\.js"\]$/m);
    assert.match(
      app,
      new RegExp(`^ENV NODE_OPTIONS=${instanceNodeOptions}$`, "m"),
      "the image caps the heap as npm start and the benchmarks do",
    );
    assert.doesNotMatch(dockerfile, /AUTH_SECRET|PASSWORD|DATABASE_URL=/);
  });

  it("has nginx retry idempotent requests elsewhere and mark an instance failed when it answers 502/503/504", () => {
    const template = fs.readFileSync(nginxTemplate, "utf8");
    assert.match(template, /^\s*server \$\{APP_SERVER\} max_fails=[1-9]\d* fail_timeout=\d+s;$/m);
    const nextUpstream = [...template.matchAll(/^\s*proxy_next_upstream ([^;]+);$/gm)].map((m) => m[1]?.split(" ") ?? []);
    assert.ok(nextUpstream.length > 0);
    for (const conditions of nextUpstream) {
      for (const c of ["error", "timeout", "http_502", "http_503", "http_504"])
        assert.ok(conditions.includes(c), `${conditions.join(" ")} has ${c}`);
    }
  });

  it("gives the nginx image a value for every variable of the configuration template", () => {
    const needed = new Set([...fs.readFileSync(nginxTemplate, "utf8").matchAll(/\$\{(\w+)\}/g)].map((m) => m[1]));
    const nginxStage = dockerfile.slice(dockerfile.indexOf(" AS nginx"));
    const given = new Set([...nginxStage.matchAll(/\b([A-Z_]+)=/g)].map((m) => m[1]));
    assert.deepEqual(
      [...needed].filter((v) => !given.has(v)),
      [],
    );
  });
});

describe("nginx's sign-in rate limit", () => {
  /** nginx from the template in front of a stand-in app that answers 401 to everything. */
  async function withNginx<T>(probe: (url: string) => Promise<T>): Promise<T> {
    const app = http.createServer((_, res) => res.writeHead(401, { "content-type": "application/json" }).end("{}"));
    await new Promise<void>((resolve) => app.listen(0, "127.0.0.1", resolve));
    const { port } = app.address() as { port: number };
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "presenca-nginx-"));
    const nginx = await startNginx(dir, await freePort(), { ...defaultLimits, APP_SERVER: `127.0.0.1:${port}`, STATIC_ROOT: dir });
    try {
      return await probe(nginx.url);
    } finally {
      await nginx.stop();
      app.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }

  // Paths next-auth answers as a credentials sign-in, spelled as a client may spell them.
  const signInPaths = [
    "/api/auth/callback/credentials/x",
    "/api/auth/callback/credentials/",
    "/api/auth/signin/credentials",
    "/api/%61uth/callback/credentials",
    "/api//auth/callback/credentials",
  ];

  for (const signInPath of signInPaths) {
    it(`counts POST ${signInPath} against the per-address limit`, async () => {
      const statuses = await withNginx(async (url) => {
        const seen: number[] = [];
        for (let i = 0; i < Number(defaultLimits.NGINX_LOGIN_BURST) + 3; i++) {
          const reply = await fetch(`${url}${signInPath}`, { method: "POST", body: "email=a%40b.c&password=x" });
          await reply.arrayBuffer();
          seen.push(reply.status);
        }
        return seen;
      });
      assert.ok(statuses.includes(401), `the first attempts reach the app (${statuses.join(",")})`);
      assert.ok(statuses.includes(429), `later attempts are refused (${statuses.join(",")})`);
    });
  }

  it("does not count reads of the session", async () => {
    const statuses = await withNginx(async (url) => {
      const seen: number[] = [];
      for (let i = 0; i < Number(defaultLimits.NGINX_LOGIN_BURST) + 3; i++) {
        const reply = await fetch(`${url}/api/auth/session`);
        await reply.arrayBuffer();
        seen.push(reply.status);
      }
      return seen;
    });
    assert.ok(!statuses.includes(429), statuses.join(","));
  });
});

type Manifest = { apiVersion: string; kind: string; metadata: { name: string }; spec?: Record<string, unknown> };
type Validating = new (data: Manifest) => { validate(): void };

async function models(): Promise<Record<string, Validating>> {
  const [core, apps, batch, networking, autoscaling, policy] = await Promise.all([
    import("kubernetes-models/v1"),
    import("kubernetes-models/apps/v1"),
    import("kubernetes-models/batch/v1"),
    import("kubernetes-models/networking.k8s.io/v1"),
    import("kubernetes-models/autoscaling/v2"),
    import("kubernetes-models/policy/v1"),
  ]);
  const all: Record<string, unknown> = {
    "v1/ConfigMap": core.ConfigMap,
    "v1/Secret": core.Secret,
    "v1/Service": core.Service,
    "apps/v1/Deployment": apps.Deployment,
    "batch/v1/Job": batch.Job,
    "networking.k8s.io/v1/Ingress": networking.Ingress,
    "autoscaling/v2/HorizontalPodAutoscaler": autoscaling.HorizontalPodAutoscaler,
    "policy/v1/PodDisruptionBudget": policy.PodDisruptionBudget,
  };
  return all as Record<string, Validating>;
}

function manifests(): { file: string; doc: Manifest }[] {
  return fs
    .readdirSync(k8s)
    .filter((f) => f.endsWith(".yaml") && f !== "kustomization.yaml")
    .flatMap((file) => parseAllDocuments(fs.readFileSync(path.join(k8s, file), "utf8")).map((d) => ({ file, doc: d.toJS() as Manifest })));
}

describe("Kubernetes manifests", () => {
  it("validate against the Kubernetes API schemas", async () => {
    const byKind = await models();
    const found = manifests();
    assert.ok(found.length >= 9);
    for (const { file, doc } of found) {
      const Model = byKind[`${doc.apiVersion}/${doc.kind}`];
      assert.ok(Model, `${file}: no schema known for ${doc.apiVersion} ${doc.kind}`);
      assert.doesNotThrow(() => new Model(doc).validate(), `${file} is a valid ${doc.kind}`);
    }
  });

  it("rejects a manifest the API server would reject (the validation is real)", async () => {
    const { "apps/v1/Deployment": Deployment } = await models();
    const deployment = manifests().find((m) => m.doc.kind === "Deployment")?.doc as Manifest;
    const broken = structuredClone(deployment);
    (broken.spec as Record<string, unknown>).replicas = "three";
    assert.throws(() => new (Deployment as Validating)(broken).validate(), /replicas/);
  });

  it("run the app non-root on a read-only root filesystem, with probes and resources", () => {
    const deployment = manifests().find((m) => m.doc.kind === "Deployment")?.doc as unknown as {
      spec: { template: { spec: { securityContext: Record<string, unknown>; containers: Record<string, Record<string, unknown>>[] } } };
    };
    const pod = deployment.spec.template.spec;
    const [app] = pod.containers;
    assert.ok(app);
    assert.equal(pod.securityContext.runAsNonRoot, true);
    assert.equal(app.securityContext?.readOnlyRootFilesystem, true);
    assert.equal(app.securityContext?.allowPrivilegeEscalation, false);
    assert.deepEqual(app.readinessProbe?.httpGet, { path: "/api/ready", port: "http" });
    assert.deepEqual(app.livenessProbe?.httpGet, { path: "/api/health", port: "http" });
    assert.ok(app.resources?.requests && app.resources.limits);
  });

  it("lists every app resource in kustomization.yaml, and no example or cluster-wide file", () => {
    const { resources } = parse(fs.readFileSync(path.join(k8s, "kustomization.yaml"), "utf8")) as { resources: string[] };
    const files = fs.readdirSync(k8s).filter((f) => f.endsWith(".yaml") && f !== "kustomization.yaml");
    assert.deepEqual([...resources].sort(), files.filter((f) => f !== "secret.example.yaml" && f !== "ingress-nginx-settings.yaml").sort());
  });
});
