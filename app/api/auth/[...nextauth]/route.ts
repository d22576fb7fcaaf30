import type { NextRequest } from "next/server";

import { screenFortnoxCallback } from "@/lib/auth/callback-screen";
import { handlers } from "@/lib/auth/config";

export async function GET(request: NextRequest) {
  return (await screenFortnoxCallback(request)) ?? handlers.GET(request);
}

export const POST = handlers.POST;
