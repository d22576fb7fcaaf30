"use client";

import { usePathname, useSearchParams } from "next/navigation";
import { useEffect, useRef } from "react";
import { toast, Toaster } from "sonner";

import { FLASH_COOKIE, flashKey, type FlashKey } from "@/lib/flash/keys";

function readFlashCookie(): string | null {
  const entry = document.cookie.split("; ").find((c) => c.startsWith(`${FLASH_COOKIE}=`));
  return entry ? decodeURIComponent(entry.slice(FLASH_COOKIE.length + 1)) : null;
}

/**
 * Shows the confirmation a successful action left in the flash cookie (lib/flash), once, as a
 * sonner toast inside its aria-live region, which screen readers announce; then deletes the
 * cookie. It looks after every navigation and whenever the server saw a new flash (a redirect to
 * the page already shown does not change the path).
 */
export function FlashToaster({ messages, label, serverFlash }: { messages: Record<FlashKey, string>; label: string; serverFlash: string | null }) {
  const pathname = usePathname();
  const search = useSearchParams();
  const shown = useRef<string | null>(null);

  useEffect(() => {
    const value = readFlashCookie();
    const key = flashKey(value);
    if (!value) return;
    document.cookie = `${FLASH_COOKIE}=; Max-Age=0; path=/; SameSite=Lax`;
    if (!key || value === shown.current) return;
    shown.current = value;
    toast.success(messages[key]);
  }, [pathname, search, serverFlash, messages]);

  return <Toaster position="top-center" closeButton={false} duration={8000} containerAriaLabel={label} toastOptions={{ className: "text-sm", classNames: { title: "text-slate-900", icon: "text-green-800" } }} />;
}
