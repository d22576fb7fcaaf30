import { notFound } from "next/navigation";
import { NextResponse, type NextRequest } from "next/server";

import { demoErrorKey } from "@/lib/demo/input";
import { startDemo } from "@/lib/demo/start";
import { getEnv } from "@/lib/env";

export const dynamic = "force-dynamic";

/**
 * POST /demo/start: "Starta demo" and "Anslut" (demo mode only). A plain form post, not a server
 * action: the answer must be a real 303 to the OAuth callback so the browser itself follows it
 * with the state cookie set here (a server action's redirect would be fetched by the client router,
 * spending the code in the background). Forms from other origins are refused.
 */
export async function POST(request: NextRequest) {
  const env = getEnv();
  if (!env.demo) notFound();
  const origin = new URL(env.authUrl).origin;
  if (request.headers.get("origin") !== origin) return new NextResponse("Cross-site form posts are refused.", { status: 403 });
  const form = await request.formData();
  const back = form.get("from") === "demo" ? "/demo" : "/";
  let target: string;
  try {
    target = await startDemo(form);
  } catch (e) {
    target = `${origin}${back}?error=${encodeURIComponent(demoErrorKey(e))}`;
  }
  return NextResponse.redirect(target, 303);
}
