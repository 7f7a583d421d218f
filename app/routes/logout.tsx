import { type ActionFunctionArgs, redirect } from "@remix-run/node";
import { assertSameOrigin, signOut } from "~/utils/auth.server";

export async function loader() {
  return redirect("/");
}

export async function action({ request }: ActionFunctionArgs) {
  assertSameOrigin(request);
  return redirect("/login", { headers: { "Set-Cookie": await signOut(request) } });
}
