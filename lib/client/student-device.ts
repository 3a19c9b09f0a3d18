/**
 * What a student's phone keeps (the browser itself is told apart by an HttpOnly cookie the server sets):
 * the student's number and name for next time, the ticket of the sheet being filled in (this tab only),
 * and check-ins waiting for a connection. Storage can be refused (private modes, full quota): then
 * nothing is remembered and everything still works for this visit.
 */
export type Student = { studentNumber: string; name: string };
export type Ticket = { ticket: string; expiresAt: string };
export type PendingCheckin = Student & { code: string; ticket: string };

const STUDENT = "presenca.student";
const PENDING = "presenca.pending";
const ticketKey = (code: string) => `presenca.ticket.${code}`;

function read<T>(storage: () => Storage, key: string): T | null {
  try {
    const raw = storage().getItem(key);
    return raw ? (JSON.parse(raw) as T) : null;
  } catch {
    return null;
  }
}

function write(storage: () => Storage, key: string, value: unknown): void {
  try {
    if (value === null) storage().removeItem(key);
    else storage().setItem(key, JSON.stringify(value));
  } catch {
    // Not remembered; the visit goes on.
  }
}

const local = () => window.localStorage;
const session = () => window.sessionStorage;

export const rememberedStudent = () => read<Student>(local, STUDENT);
export const rememberStudent = (student: Student) => write(local, STUDENT, student);

export function storedTicket(code: string): Ticket | null {
  const ticket = read<Ticket>(session, ticketKey(code));
  // A few seconds of margin: a ticket about to expire would only fail on submit.
  return ticket && Date.parse(ticket.expiresAt) - Date.now() > 5000 ? ticket : null;
}
export const storeTicket = (code: string, ticket: Ticket | null) => write(session, ticketKey(code), ticket);

const pendingAll = () => read<Record<string, PendingCheckin>>(local, PENDING) ?? {};
export const pendingFor = (code: string): PendingCheckin | null => pendingAll()[code] ?? null;

export function setPending(code: string, value: PendingCheckin | null): void {
  const all = pendingAll();
  if (value) all[code] = value;
  else delete all[code];
  write(local, PENDING, Object.keys(all).length ? all : null);
}
