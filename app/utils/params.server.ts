import { notFound } from "./http.server";

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** A course or lesson slug from the URL; anything else is a page that does not exist. */
export function slugParam(value: string | undefined): string {
  if (!value || value.length > 100 || !SLUG.test(value)) throw notFound();
  return value;
}
