import { describe, expect, it } from "vitest";

import { fieldErrors } from "@/lib/forms/fields";

import { createArticleSchema } from "./schema";

describe("article form schema", () => {
  it("reads prices with comma or dot, VAT with a 25 % default", () => {
    expect(createArticleSchema.parse({ description: "Konsulttimme", salesPrice: "1 250,50", purchasePrice: "900.25", vat: "", salesAccount: "3001", articleNumber: "" })).toMatchObject({
      description: "Konsulttimme",
      salesPrice: 1250.5,
      purchasePrice: 900.25,
      vat: 25,
      salesAccount: 3001,
      articleNumber: null,
    });
  });

  it("refuses negative prices, unknown VAT rates, odd accounts and too many decimals, all at once", () => {
    const r = createArticleSchema.safeParse({ description: "", salesPrice: "-1", purchasePrice: "1,234", vat: "24", salesAccount: "300", ean: "12" });
    expect(Object.keys(fieldErrors(r.error!)).sort()).toEqual(["description", "ean", "purchasePrice", "salesAccount", "salesPrice", "vat"]);
    expect(fieldErrors(r.error!).purchasePrice).toEqual(["write.err.decimals?places=2"]);
  });

  it("accepts every Swedish VAT rate", () => {
    for (const vat of ["25", "12", "6", "0"]) expect(createArticleSchema.parse({ description: "X", vat }).vat).toBe(Number(vat));
  });
});
