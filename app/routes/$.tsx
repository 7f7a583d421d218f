import { RouteErrorBoundary } from "~/components/ui/error-page";
import { notFound } from "~/utils/http.server";

/** Any address no route knows: the styled 404 in the person's language. */
export async function loader() {
  throw notFound();
}

export async function action() {
  throw notFound();
}

export default function NotFound() {
  return null;
}

export const ErrorBoundary = RouteErrorBoundary;
