import type { ApiRoute } from "../core/types";

/** Who the token belongs to: the company (DatabaseNumber == tenantId) and the user (docs/fortnox.md#scopes). */
export const companyRoutes: ApiRoute[] = [
  {
    method: "GET",
    pattern: "/3/companyinformation",
    scope: "companyinformation",
    handler: ({ db }) => ({
      status: 200,
      body: {
        CompanyInformation: {
          Address: db.company.Address,
          City: db.company.City,
          CompanyName: db.company.CompanyName,
          CountryCode: db.company.CountryCode,
          DatabaseNumber: db.tenantId,
          OrganizationNumber: db.company.OrganizationNumber,
          VisitAddress: db.company.Address,
          VisitCity: db.company.City,
          VisitCountryCode: db.company.CountryCode,
          VisitZipCode: db.company.ZipCode,
          ZipCode: db.company.ZipCode,
        },
      },
    }),
  },
  {
    method: "GET",
    pattern: "/3/me",
    scope: "profile",
    handler: ({ db, token }) => {
      const user = db.users.find((u) => u.id === token.userId);
      return {
        status: 200,
        body: { MeInformation: { Id: token.userId, Name: user?.name ?? "Servicekonto", Email: user?.email ?? "", SysAdmin: token.serviceAccount || (user?.sysAdmin ?? false), Locale: user?.locale ?? "sv_SE" } },
      };
    },
  },
  {
    method: "GET",
    pattern: "/3/settings/company",
    scope: "settings",
    handler: ({ db }) => {
      const c = db.company;
      return {
        status: 200,
        body: {
          CompanySettings: {
            Address: c.Address, BG: c.BG, BIC: "", BranchCode: "", City: c.City, ContactFirstName: db.users[0]?.name.split(" ")[0] ?? "", ContactLastName: db.users[0]?.name.split(" ").slice(1).join(" ") ?? "",
            Country: "Sverige", CountryCode: c.CountryCode, DatabaseNumber: String(db.tenantId), Domicile: c.City, Email: c.Email, Fax: "", IBAN: "", Name: c.CompanyName, OrganizationNumber: c.OrganizationNumber,
            PG: "", Phone1: c.Phone1, Phone2: "", TaxEnabled: true, VATNumber: c.VATNumber, VisitAddress: c.Address, VisitCity: c.City, VisitCountry: "Sverige", VisitCountryCode: c.CountryCode, VisitName: c.CompanyName, VisitZipCode: c.ZipCode, WWW: "", ZipCode: c.ZipCode,
          },
        },
      };
    },
  },
];
