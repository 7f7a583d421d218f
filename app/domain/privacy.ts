/**
 * Rules of the privacy notice and of people's requests about their data (Law 91/2025/QH15;
 * decision 027). Pure: no database, no clock of its own.
 */

/** A notice is written by an administrator as plain text: headings, paragraphs and lists. */
export type NoticeBlock =
  | { kind: "heading"; text: string }
  | { kind: "paragraph"; text: string }
  | { kind: "list"; items: string[] };

export const NOTICE_MAX_LENGTH = 20_000;

/**
 * Reads the notice's plain-text conventions ("## " starts a heading, "- " a list item, a
 * blank line ends a paragraph). Nothing in it is markup: the page renders text nodes only.
 */
export function noticeBlocks(text: string): NoticeBlock[] {
  const blocks: NoticeBlock[] = [];
  let paragraph: string[] = [];
  const endParagraph = () => {
    if (paragraph.length > 0) blocks.push({ kind: "paragraph", text: paragraph.join(" ") });
    paragraph = [];
  };
  for (const raw of text.normalize("NFC").split(/\r?\n/)) {
    const line = raw.trim();
    if (line === "") {
      endParagraph();
    } else if (line.startsWith("## ")) {
      endParagraph();
      blocks.push({ kind: "heading", text: line.slice(3).trim() });
    } else if (line.startsWith("- ")) {
      endParagraph();
      const last = blocks.at(-1);
      const item = line.slice(2).trim();
      if (last?.kind === "list") last.items.push(item);
      else blocks.push({ kind: "list", items: [item] });
    } else {
      paragraph.push(line);
    }
  }
  endParagraph();
  return blocks;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** When a correction request must be answered: the configured number of days after it was made. */
export function correctionDueAt(requestedAt: Date, responseDays: number): Date {
  return new Date(requestedAt.getTime() + responseDays * DAY_MS);
}

export function isCorrectionOverdue(request: { status: string; dueAt: Date }, now: Date): boolean {
  return request.status === "open" && request.dueAt.getTime() < now.getTime();
}

/** The latest recorded choice counts; no record means no consent. */
export function hasContactConsent(changes: readonly { granted: boolean; id: number }[]): boolean {
  let latest: { granted: boolean; id: number } | undefined;
  for (const change of changes) if (!latest || change.id > latest.id) latest = change;
  return latest?.granted ?? false;
}
