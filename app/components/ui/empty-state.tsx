/** What a list page shows when there is nothing in it yet: what this is, and what will come. */
export function EmptyState({ title, body }: { title: string; body: string }) {
  return (
    <section className="card text-center" aria-labelledby="empty-title">
      <h2 id="empty-title" className="text-lg font-semibold">
        {title}
      </h2>
      <p className="mt-1 text-slate-600">{body}</p>
    </section>
  );
}
