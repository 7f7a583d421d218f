import { noticeBlocks } from "~/domain/privacy";

/** The privacy notice as an administrator wrote it; text only, never markup. */
export function NoticeText({ text }: { text: string }) {
  return (
    <div className="space-y-3" data-testid="privacy-notice">
      {noticeBlocks(text).map((block, index) => {
        const key = `${block.kind}-${index}`;
        if (block.kind === "heading") {
          return (
            <h2 key={key} className="pt-2 text-lg font-semibold">
              {block.text}
            </h2>
          );
        }
        if (block.kind === "list") {
          return (
            <ul key={key} className="list-disc space-y-1 pl-6">
              {block.items.map((item, i) => (
                <li key={`${key}-${i}`}>{item}</li>
              ))}
            </ul>
          );
        }
        return <p key={key}>{block.text}</p>;
      })}
    </div>
  );
}
