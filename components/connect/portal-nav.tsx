"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

/** The portal's main navigation; the section being viewed (list or detail) is marked aria-current. */
export function PortalNav({ label, items }: { label: string; items: { href: string; label: string }[] }) {
  const pathname = usePathname();
  return (
    <nav aria-label={label} className="w-full overflow-x-auto">
      <ul className="flex gap-1">
        {items.map((item) => {
          const current = pathname === item.href || pathname.startsWith(`${item.href}/`);
          return (
            <li key={item.href}>
              <Link
                href={item.href}
                aria-current={current ? "page" : undefined}
                className={`inline-block rounded-md px-3 py-2 text-sm font-medium ${current ? "bg-brand-50 text-brand-900" : "text-slate-700 hover:bg-slate-100"}`}
              >
                {item.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
