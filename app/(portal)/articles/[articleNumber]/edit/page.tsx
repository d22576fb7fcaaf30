import type { Metadata } from "next";
import { notFound } from "next/navigation";

import { requireViewerPage } from "@/lib/auth/guards";
import { getDb } from "@/lib/db/client";
import { getArticleForWrite } from "@/lib/db/queries/write-lookups";
import { parseRecordKey } from "@/lib/input/params";
import { getWriteMessages } from "@/lib/i18n/write-messages";
import { ArticleForm } from "@/components/articles/article-form";
import { card } from "@/components/ui/styles";

export async function generateMetadata({ params }: { params: Promise<{ articleNumber: string }> }): Promise<Metadata> {
  const { messages } = await getWriteMessages();
  // The title names the record only when its number is one (a hostile one is the page's 404).
  const number = parseRecordKey((await params).articleNumber) ?? "";
  return { title: messages["write.article.edit.title"].replace("{number}", number).trim() };
}

const text = (raw: unknown, key: string): string => {
  const v = raw && typeof raw === "object" ? (raw as Record<string, unknown>)[key] : undefined;
  return typeof v === "string" || typeof v === "number" ? String(v) : "";
};
/** Prices as a Swedish user types them. */
const decimal = (n: number | null) => (n === null ? "" : n.toFixed(2).replace(".", ","));

export default async function EditArticlePage({ params }: { params: Promise<{ articleNumber: string }> }) {
  const { active } = await requireViewerPage();
  // A malformed number (a NUL, 10 kB of text) is a number that does not exist.
  const articleNumber = parseRecordKey((await params).articleNumber);
  const article = articleNumber === null ? null : await getArticleForWrite(await getDb(), active.connectionId, articleNumber);
  if (!article) notFound();
  const { messages } = await getWriteMessages();
  // The full article has the account; a list item (detail not fetched yet) does not.
  const salesAccount = text(article.detail ?? article.raw, "SalesAccount");
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold tracking-tight">{messages["write.article.edit.title"].replace("{number}", article.articleNumber)}</h1>
      <div className={card}>
        <ArticleForm
          connectionId={active.connectionId}
          mode="edit"
          messages={messages}
          cancelHref={`/articles/${encodeURIComponent(article.articleNumber)}`}
          initial={{
            articleNumber: article.articleNumber,
            description: article.description,
            type: article.type ?? "",
            unit: article.unit ?? "",
            salesPrice: decimal(article.salesPrice),
            purchasePrice: decimal(article.purchasePrice),
            vat: article.vat === null ? "25" : String(Math.round(article.vat)),
            // Fortnox's JSON has the account (0 or "" when unset); the columns do not.
            salesAccount: salesAccount === "0" ? "" : salesAccount,
            ean: text(article.raw, "EAN"),
            active: article.active ?? true,
          }}
        />
      </div>
    </div>
  );
}
