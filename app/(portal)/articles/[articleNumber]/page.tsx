import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";

import { requireViewerPage } from "@/lib/auth/guards";
import { getDb } from "@/lib/db/client";
import { decodeSegment, parseRecordKey } from "@/lib/input/params";
import { getArticle } from "@/lib/db/queries/articles";
import { formatMoney, formatNumber } from "@/lib/format";
import { getTranslator } from "@/lib/i18n/server";
import { articleTypeLabel } from "@/components/browse/article-table";
import { buttonSecondary, card } from "@/components/ui/styles";
import { Fact, link } from "@/components/ui/table";

type Props = { params: Promise<{ articleNumber: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: decodeSegment((await params).articleNumber).slice(0, 60) };
}

export default async function ArticlePage({ params }: Props) {
  const { active } = await requireViewerPage();
  const articleNumber = parseRecordKey((await params).articleNumber);
  if (articleNumber === null) notFound();
  // Another company's article is answered exactly like one that does not exist.
  const article = await getArticle(await getDb(), active.connectionId, articleNumber);
  if (!article) notFound();
  const { t, locale } = await getTranslator();
  const unknown = t("common.unknown");
  const money = (n: number | null) => (n === null ? unknown : formatMoney(n, "SEK", locale));
  return (
    <div className="space-y-6">
      <Link href="/articles" className={link}>
        ← {t("common.back")}
      </Link>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold tracking-tight">{article.description}</h1>
        <Link href={`/articles/${encodeURIComponent(article.articleNumber)}/edit`} className={buttonSecondary}>
          {t("common.edit")}
        </Link>
      </div>
      <section className={card} aria-label={article.description}>
        <dl className="grid gap-x-8 gap-y-4 sm:grid-cols-2 lg:grid-cols-3">
          <Fact term={t("articles.number")}>{article.articleNumber}</Fact>
          <Fact term={t("articles.type")}>{articleTypeLabel(article.type, t)}</Fact>
          <Fact term={t("articles.unit")}>{article.unit ?? unknown}</Fact>
          <Fact term={t("articles.salesPrice")}>{money(article.salesPrice)}</Fact>
          <Fact term={t("articles.purchasePrice")}>{money(article.purchasePrice)}</Fact>
          <Fact term={t("articles.vat")}>{formatNumber(article.vat, locale, 2)}</Fact>
          <Fact term={t("articles.stock")}>
            <span data-testid="article-stock">{formatNumber(article.quantityInStock, locale)}</span>
          </Fact>
          <Fact term={t("articles.active")}>{article.active === false ? t("common.no") : t("common.yes")}</Fact>
        </dl>
      </section>
    </div>
  );
}
