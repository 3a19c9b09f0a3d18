/**
 * Slows down password guessing. Failures are counted per account and per client address in PostgreSQL,
 * so every instance sees the same counters. Past the allowance, each further failure locks the key for
 * twice as long as the previous one (10 s, 20 s, 40 s, ... up to the window, with the defaults).
 */
import { config } from "../config";
import { prisma } from "../db";
import { AppError } from "../errors";

type Keys = { email: string; address: string | null };

const keysOf = ({ email, address }: Keys) => [`email:${email}`, ...(address ? [`ip:${address}`] : [])];

export async function assertNotLocked(keys: Keys): Promise<void> {
  const rows = await prisma.loginThrottle.findMany({
    where: { key: { in: keysOf(keys) }, lockedUntil: { gt: new Date() } },
    select: { lockedUntil: true },
  });
  const until = Math.max(0, ...rows.map((r) => r.lockedUntil?.getTime() ?? 0));
  if (until > Date.now()) {
    const seconds = Math.ceil((until - Date.now()) / 1000);
    throw new AppError("TOO_MANY_ATTEMPTS", { params: { seconds }, headers: { "retry-after": String(seconds) } });
  }
}

export async function recordFailure(keys: Keys): Promise<void> {
  const { LOGIN_MAX_FAILURES, LOGIN_MAX_FAILURES_PER_ADDRESS, LOGIN_WINDOW_SECONDS, LOGIN_LOCK_SECONDS } = config();
  for (const key of keysOf(keys)) {
    const allowance = key.startsWith("ip:") ? LOGIN_MAX_FAILURES_PER_ADDRESS : LOGIN_MAX_FAILURES;
    // One atomic statement: concurrent failures on several instances all count.
    await prisma.$executeRaw`
      INSERT INTO login_throttles (key, failures, window_start, locked_until)
      VALUES (${key}, 1, now(), NULL)
      ON CONFLICT (key) DO UPDATE SET
        failures = CASE WHEN login_throttles.window_start < now() - make_interval(secs => ${LOGIN_WINDOW_SECONDS})
                        THEN 1 ELSE login_throttles.failures + 1 END,
        window_start = CASE WHEN login_throttles.window_start < now() - make_interval(secs => ${LOGIN_WINDOW_SECONDS})
                            THEN now() ELSE login_throttles.window_start END,
        locked_until = CASE
          WHEN login_throttles.window_start >= now() - make_interval(secs => ${LOGIN_WINDOW_SECONDS})
               AND login_throttles.failures + 1 >= ${allowance}
          THEN now() + make_interval(secs => LEAST(${LOGIN_WINDOW_SECONDS},
                 ${LOGIN_LOCK_SECONDS} * power(2, LEAST(20, login_throttles.failures + 1 - ${allowance}))::int))
          ELSE login_throttles.locked_until END`;
  }
}

export async function recordSuccess(keys: Keys): Promise<void> {
  await prisma.loginThrottle.deleteMany({ where: { key: `email:${keys.email}` } });
}
