import { unstable_createMemoryUploadHandler, unstable_parseMultipartFormData } from "@remix-run/node";
import type { MessageKey } from "~/i18n";

export type Upload = { ok: true; fileName: string; bytes: Buffer; form: FormData } | { ok: false; error: MessageKey };

/**
 * Reads a form posted as multipart with one file in `field`. A part larger than `maxBytes` is
 * refused while it streams in, before it fills memory; an empty file counts as none.
 */
export async function readUpload(
  request: Request,
  maxBytes: number,
  errors: { tooBig: MessageKey; missing: MessageKey },
  field = "file",
): Promise<Upload> {
  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(
      request,
      unstable_createMemoryUploadHandler({ maxPartSize: maxBytes }),
    );
  } catch {
    return { ok: false, error: errors.tooBig };
  }
  const file = form.get(field);
  if (!(file instanceof File) || file.size === 0) return { ok: false, error: errors.missing };
  return { ok: true, fileName: file.name, bytes: Buffer.from(await file.arrayBuffer()), form };
}
