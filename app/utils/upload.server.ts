import {
  MaxPartSizeExceededError,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
} from "@remix-run/node";
import type { MessageKey } from "~/i18n";
import { badRequest, unsupportedMediaType } from "./http.server";

export type Upload = { ok: true; fileName: string; bytes: Buffer; form: FormData } | { ok: false; error: MessageKey };

/**
 * Reads a form posted as multipart with one file in `field`. A part larger than `maxBytes` is
 * refused while it streams in, before it fills memory; an empty file counts as none. A body
 * that is not multipart answers 415, a broken one 400.
 */
export async function readUpload(
  request: Request,
  maxBytes: number,
  errors: { tooBig: MessageKey; missing: MessageKey },
  field = "file",
): Promise<Upload> {
  if (!/^multipart\/form-data\s*;/i.test(request.headers.get("Content-Type") ?? "")) throw unsupportedMediaType();
  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(
      request,
      unstable_createMemoryUploadHandler({ maxPartSize: maxBytes }),
    );
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) return { ok: false, error: errors.tooBig };
    throw badRequest();
  }
  const file = form.get(field);
  if (!(file instanceof File) || file.size === 0) return { ok: false, error: errors.missing };
  return { ok: true, fileName: file.name, bytes: Buffer.from(await file.arrayBuffer()), form };
}
