import { json } from "@remix-run/node";

/** Thrown responses render the styled error boundary in the person's language. */
export function forbidden(): Response {
  return json({ status: 403 }, { status: 403 });
}

export function notFound(): Response {
  return json({ status: 404 }, { status: 404 });
}

export function badRequest(): Response {
  return json({ status: 400 }, { status: 400 });
}

export function unsupportedMediaType(): Response {
  return json({ status: 415 }, { status: 415 });
}

/** A numeric id from the URL; anything else is a page that does not exist. */
export function idParam(value: string | undefined): number {
  if (!value || !/^[1-9]\d{0,15}$/.test(value)) throw notFound();
  const id = Number(value);
  if (!Number.isSafeInteger(id)) throw notFound();
  return id;
}
