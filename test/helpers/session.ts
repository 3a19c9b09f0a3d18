/** Signs in through next-auth's credentials flow, as the login page does, and returns the cookies set. */

export type SetCookie = { name: string; value: string; attributes: string[] };

export function parseSetCookies(headers: Headers): SetCookie[] {
  return headers.getSetCookie().map((line) => {
    const [pair = "", ...attributes] = line.split(";").map((s) => s.trim());
    const eq = pair.indexOf("=");
    return { name: pair.slice(0, eq), value: pair.slice(eq + 1), attributes };
  });
}

export const hasAttribute = (cookie: SetCookie, name: string) =>
  cookie.attributes.some((a) => a.toLowerCase() === name.toLowerCase() || a.toLowerCase().startsWith(`${name.toLowerCase()}=`));

export const attribute = (cookie: SetCookie, name: string) =>
  cookie.attributes.find((a) => a.toLowerCase().startsWith(`${name.toLowerCase()}=`))?.split("=")[1];

export type Session = { cookie: string; csrfCookies: SetCookie[]; sessionCookies: SetCookie[]; status: number };

export async function signIn(baseUrl: string, email: string, password: string): Promise<Session> {
  const csrf = await fetch(`${baseUrl}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const csrfCookies = parseSetCookies(csrf.headers);
  const jar = csrfCookies.map((c) => `${c.name}=${c.value}`).join("; ");
  const login = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
    redirect: "manual",
  });
  await login.text();
  const sessionCookies = parseSetCookies(login.headers).filter((c) => c.name.endsWith("next-auth.session-token"));
  return {
    cookie: sessionCookies.map((c) => `${c.name}=${c.value}`).join("; "),
    csrfCookies,
    sessionCookies,
    status: login.status,
  };
}
