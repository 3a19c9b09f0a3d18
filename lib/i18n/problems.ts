/** What each API problem code says to a person, in every language of the product. */
import type { ProblemCode } from "@/server/errors";
import type { Locale } from "./locales";

type Texts = { title: string; detail: string };

const en: Record<ProblemCode, Texts> = {
  VALIDATION_FAILED: { title: "Invalid input", detail: "Some fields are missing or invalid." },
  MALFORMED_JSON: { title: "Malformed JSON", detail: "The request body is not valid JSON." },
  INVALID_ID: { title: "Invalid identifier", detail: "The {what} id in the URL is not valid." },
  UNAUTHENTICATED: { title: "Not signed in", detail: "Sign in or send a valid API token as `Authorization: Bearer`." },
  INVALID_CREDENTIALS: { title: "Wrong e-mail or password", detail: "The e-mail or the password is wrong." },
  WRONG_PASSWORD: { title: "Wrong password", detail: "The current password is wrong." },
  NOT_TEAM_OWNER: { title: "Only the owner", detail: "Only the course unit's owner can change its teachers." },
  CROSS_ORIGIN_REQUEST: { title: "Cross-origin request refused", detail: "This request must come from the site itself." },
  FORBIDDEN: { title: "Forbidden", detail: "This resource is not available from here." },
  NOT_FOUND: { title: "Not found", detail: "There is no such {what}." },
  SHEET_NOT_FOUND: { title: "Sheet not found", detail: "There is no attendance sheet with this code. Check the code and try again." },
  METHOD_NOT_ALLOWED: { title: "Method not allowed", detail: "This resource does not support that method." },
  NOT_ACCEPTABLE: { title: "Not acceptable", detail: "This resource cannot be returned in the requested format." },
  EMAIL_TAKEN: { title: "E-mail already registered", detail: "An account with this e-mail already exists. Sign in instead." },
  COURSE_UNIT_CODE_TAKEN: { title: "Course unit exists", detail: "A course unit with this code already exists." },
  SHEET_CLOSED: { title: "Sheet closed", detail: "This attendance sheet is closed. Ask your teacher to add you." },
  DEVICE_ALREADY_USED: {
    title: "Device already used",
    detail: "This device has already registered another student on this sheet. Ask your teacher to add you.",
  },
  ATTENDANCE_REMOVED: {
    title: "Entry removed by the teacher",
    detail: "Your teacher removed this entry. Ask your teacher if this is a mistake.",
  },
  STUDENT_ALREADY_REGISTERED: {
    title: "Number already registered",
    detail: "This student number is already on this sheet, registered from another device. If it was not you, tell your teacher.",
  },
  CORRECTION_USED: {
    title: "Already corrected",
    detail: "This device already registered a student and corrected the entry once. To register someone else, ask your teacher.",
  },
  CORRECTION_EXPIRED: {
    title: "Too late to correct",
    detail: "This device already registered another student, and the time to correct that entry is over. Ask your teacher to fix it.",
  },
  TICKET_OTHER_BROWSER: {
    title: "Opened on another device",
    detail: "This check-in was started on another device or browser. Scan the code on the screen with this one.",
  },
  OUTSIDE_CLASSROOM: {
    title: "Not from the classroom",
    detail: "This sheet accepts check-ins only from the classroom's network. Connect to it, or ask your teacher to add you by hand.",
  },
  CODES_PAUSED: {
    title: "Too many unknown codes",
    detail:
      "Too many sheet codes that do not exist were tried from this network. Scan the QR code on the screen, or try again in {seconds} seconds.",
  },
  TYPING_PAUSED: {
    title: "Typed codes paused",
    detail: "Too many wrong digits were tried on this sheet. Scan the QR code instead, or try typing again in {seconds} seconds.",
  },
  QR_TOKEN_EXPIRED: { title: "Code expired", detail: "This QR code has expired. Scan the code on the screen again." },
  QR_TOKEN_INVALID: { title: "Invalid code", detail: "This QR code is not valid for this sheet. Scan the code on the screen again." },
  DIGITS_INVALID: {
    title: "Wrong digits",
    detail: "The digits do not match the ones on the screen, or they changed. Type the digits shown now.",
  },
  TICKET_EXPIRED: { title: "Too late", detail: "Too much time passed since you scanned the code. Scan it again." },
  TICKET_INVALID: { title: "Invalid check-in", detail: "This check-in is not valid for this sheet. Scan the code on the screen again." },
  PAYLOAD_TOO_LARGE: { title: "Request too large", detail: "The request body is larger than {limit} bytes." },
  UNSUPPORTED_MEDIA_TYPE: { title: "Unsupported media type", detail: "Send the body as application/json." },
  ROSTER_FILE_INVALID: {
    title: "Roster file not usable",
    detail: "The file cannot be read as a roster, or some of its rows are invalid (see errors).",
  },
  TOO_MANY_ATTEMPTS: { title: "Too many attempts", detail: "Too many failed attempts. Try again in {seconds} seconds." },
  TOO_MANY_REGISTRATIONS: {
    title: "Too many registrations",
    detail: "Too many accounts were registered from this network or with this e-mail domain. Try again in {seconds} seconds.",
  },
  RATE_LIMITED: { title: "Too many requests", detail: "Too many requests from this address. Wait a few seconds and try again." },
  INTERNAL_ERROR: { title: "Internal error", detail: "Something went wrong on our side. Try again; if it persists, quote the request id." },
  SERVICE_UNAVAILABLE: {
    title: "Service unavailable",
    detail: "The service is busy or its database is unreachable. Try again in a moment.",
  },
};

const pt: Record<ProblemCode, Texts> = {
  VALIDATION_FAILED: { title: "Dados inválidos", detail: "Há campos em falta ou inválidos." },
  MALFORMED_JSON: { title: "JSON mal formado", detail: "O corpo do pedido não é JSON válido." },
  INVALID_ID: { title: "Identificador inválido", detail: "O identificador ({what}) no endereço não é válido." },
  UNAUTHENTICATED: { title: "Sessão não iniciada", detail: "Inicie sessão ou envie um token de API válido em `Authorization: Bearer`." },
  INVALID_CREDENTIALS: { title: "E-mail ou palavra-passe errados", detail: "O e-mail ou a palavra-passe estão errados." },
  WRONG_PASSWORD: { title: "Palavra-passe errada", detail: "A palavra-passe atual está errada." },
  NOT_TEAM_OWNER: { title: "Só o responsável", detail: "Só o responsável da unidade curricular pode mudar os seus docentes." },
  CROSS_ORIGIN_REQUEST: { title: "Pedido de outra origem recusado", detail: "Este pedido tem de vir do próprio site." },
  FORBIDDEN: { title: "Proibido", detail: "Este recurso não está disponível a partir daqui." },
  NOT_FOUND: { title: "Não encontrado", detail: "Não existe esse recurso ({what})." },
  SHEET_NOT_FOUND: {
    title: "Folha não encontrada",
    detail: "Não há nenhuma folha de presenças com este código. Confirme o código e tente de novo.",
  },
  METHOD_NOT_ALLOWED: { title: "Método não permitido", detail: "Este recurso não aceita esse método." },
  NOT_ACCEPTABLE: { title: "Formato não disponível", detail: "Este recurso não pode ser devolvido no formato pedido." },
  EMAIL_TAKEN: { title: "E-mail já registado", detail: "Já existe uma conta com este e-mail. Inicie sessão." },
  COURSE_UNIT_CODE_TAKEN: { title: "Unidade curricular já existe", detail: "Já existe uma unidade curricular com este código." },
  SHEET_CLOSED: { title: "Folha fechada", detail: "Esta folha de presenças está fechada. Peça a quem dá a aula que faça o seu registo." },
  DEVICE_ALREADY_USED: {
    title: "Dispositivo já usado",
    detail: "Este dispositivo já registou outro estudante nesta folha. Peça a quem dá a aula que faça o seu registo.",
  },
  ATTENDANCE_REMOVED: {
    title: "Registo removido na folha",
    detail: "Quem dá a aula removeu este registo. Se for um engano, fale com a pessoa que dá a aula.",
  },
  STUDENT_ALREADY_REGISTERED: {
    title: "Número já registado",
    detail:
      "Este número de estudante já está nesta folha, registado a partir de outro dispositivo. Se não foi você, fale com quem dá a aula.",
  },
  CORRECTION_USED: {
    title: "Já corrigido",
    detail:
      "Este dispositivo já registou um estudante e já corrigiu esse registo uma vez. Para registar outra pessoa, fale com quem dá a aula.",
  },
  CORRECTION_EXPIRED: {
    title: "Já não é possível corrigir",
    detail:
      "Este dispositivo já registou outro estudante e o tempo para corrigir esse registo acabou. Peça a quem dá a aula que o corrija.",
  },
  TICKET_OTHER_BROWSER: {
    title: "Aberto noutro dispositivo",
    detail: "Este registo foi iniciado noutro dispositivo ou navegador. Leia o código no ecrã com este.",
  },
  OUTSIDE_CLASSROOM: {
    title: "Fora da sala de aula",
    detail:
      "Esta folha só aceita registos a partir da rede da sala. Ligue-se a essa rede, ou peça a quem dá a aula que faça o seu registo à mão.",
  },
  CODES_PAUSED: {
    title: "Demasiados códigos desconhecidos",
    detail:
      "Foram tentados demasiados códigos de folha que não existem a partir desta rede. Leia o código QR no ecrã, ou tente de novo daqui a {seconds} segundos.",
  },
  TYPING_PAUSED: {
    title: "Códigos escritos em pausa",
    detail:
      "Foram tentados demasiados dígitos errados nesta folha. Leia o código QR, ou tente escrever de novo daqui a {seconds} segundos.",
  },
  QR_TOKEN_EXPIRED: { title: "Código expirado", detail: "Este código QR expirou. Leia de novo o código no ecrã." },
  QR_TOKEN_INVALID: { title: "Código inválido", detail: "Este código QR não é válido para esta folha. Leia de novo o código no ecrã." },
  DIGITS_INVALID: {
    title: "Dígitos errados",
    detail: "Os dígitos não correspondem aos do ecrã, ou já mudaram. Escreva os dígitos mostrados agora.",
  },
  TICKET_EXPIRED: { title: "Demasiado tarde", detail: "Passou demasiado tempo desde que leu o código. Leia-o de novo." },
  TICKET_INVALID: { title: "Registo inválido", detail: "Este registo não é válido para esta folha. Leia de novo o código no ecrã." },
  PAYLOAD_TOO_LARGE: { title: "Pedido demasiado grande", detail: "O corpo do pedido tem mais de {limit} bytes." },
  UNSUPPORTED_MEDIA_TYPE: { title: "Tipo de conteúdo não suportado", detail: "Envie o corpo como application/json." },
  ROSTER_FILE_INVALID: {
    title: "Ficheiro de inscritos inutilizável",
    detail: "Não foi possível ler o ficheiro como lista de inscritos, ou há linhas inválidas (ver errors).",
  },
  TOO_MANY_ATTEMPTS: {
    title: "Demasiadas tentativas",
    detail: "Demasiadas tentativas falhadas. Tente de novo daqui a {seconds} segundos.",
  },
  TOO_MANY_REGISTRATIONS: {
    title: "Demasiados registos",
    detail:
      "Foram registadas demasiadas contas a partir desta rede ou com este domínio de e-mail. Tente de novo daqui a {seconds} segundos.",
  },
  RATE_LIMITED: {
    title: "Demasiados pedidos",
    detail: "Demasiados pedidos a partir deste endereço. Aguarde alguns segundos e tente de novo.",
  },
  INTERNAL_ERROR: {
    title: "Erro interno",
    detail: "Algo correu mal do nosso lado. Tente de novo; se persistir, indique o identificador do pedido.",
  },
  SERVICE_UNAVAILABLE: {
    title: "Serviço indisponível",
    detail: "O serviço está ocupado ou sem acesso à base de dados. Tente de novo dentro de momentos.",
  },
};

const texts: Record<Locale, Record<ProblemCode, Texts>> = { en, pt };

export function problemText(code: ProblemCode, locale: Locale, params: Record<string, string | number> = {}): Texts {
  const t = texts[locale][code];
  const fill = (s: string) => s.replace(/\{(\w+)\}/g, (m, k: string) => String(params[k] ?? m));
  return { title: t.title, detail: fill(t.detail) };
}

/** Whether a string (e.g. from a page's query) is one of the API's problem codes. */
export const isProblemCode = (code: string): code is ProblemCode => Object.hasOwn(en, code);
