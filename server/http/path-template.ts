/** Paths as the API documents them ("/api/sheets/{id}"), matched against a request's path. */
export type PathMatch = (pathname: string) => Record<string, string> | null;

/** A matcher for a documented path: the decoded value of each {name} segment, or null if it does not fit. */
export function pathMatcher(template: string): PathMatch {
  const names: string[] = [];
  const source = template.replace(/\{([^}]+)\}/g, (_, name: string) => (names.push(name), "([^/]+)"));
  const pattern = new RegExp(`^${source}$`);
  return (pathname) => {
    const found = pattern.exec(pathname);
    if (!found) return null;
    return Object.fromEntries(names.map((name, i) => [name, decodeURIComponent(found[i + 1] ?? "")]));
  };
}
