/**
 * Name and place tables for Swedish demo data. Module-level constants so 100k records cost no
 * table building; all arrays are read-only and picked from by index.
 */

export const FEMALE_FIRST_NAMES = [
  "Anna", "Eva", "Maria", "Karin", "Sara", "Christina", "Lena", "Emma", "Kerstin", "Marie",
  "Malin", "Ingrid", "Linnéa", "Sofia", "Jenny", "Hanna", "Elin", "Ida", "Johanna", "Ulla",
  "Birgitta", "Camilla", "Frida", "Maja", "Ebba", "Alice", "Astrid", "Wilma", "Elsa", "Agnes",
] as const;

export const MALE_FIRST_NAMES = [
  "Lars", "Mikael", "Anders", "Johan", "Erik", "Per", "Karl", "Peter", "Thomas", "Jan",
  "Daniel", "Fredrik", "Hans", "Andreas", "Stefan", "Mats", "Magnus", "Mattias", "Jonas", "Oskar",
  "Nils", "Gustav", "Axel", "William", "Lucas", "Hugo", "Elias", "Olle", "Björn", "Göran",
] as const;

export const LAST_NAMES = [
  "Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson", "Persson",
  "Svensson", "Gustafsson", "Pettersson", "Jonsson", "Jansson", "Hansson", "Bengtsson", "Jönsson",
  "Lindberg", "Jakobsson", "Magnusson", "Lindström", "Lindqvist", "Lindgren", "Berglund", "Axelsson",
  "Lundberg", "Lundgren", "Mattsson", "Berg", "Sjöberg", "Holm", "Forsberg", "Nyström", "Åberg",
  "Ekström", "Hedlund", "Sandberg", "Björk", "Wallin", "Engström", "Öberg", "Strand", "Sundberg",
] as const;

/** First part of invented company names: surnames, nature words and old-style trade words. */
export const COMPANY_PREFIXES = [
  "Norrsken", "Fjäll", "Skärgårds", "Björkdal", "Ekbacka", "Granlund", "Solvik", "Havsbris",
  "Vinterviken", "Stenhamra", "Älvdalen", "Lugnet", "Kvarn", "Lilla", "Stora", "Nordic", "Svea",
  "Göta", "Väst", "Öst", "Mälar", "Vättern", "Bergslagens", "Roslagens", "Sörmlands", "Dala",
] as const;

/** Line of business; the second word of a company name ("Sjöberg Bygg AB"). */
export const COMPANY_TRADES = [
  "Bygg", "Måleri", "Elteknik", "VVS", "Konsult", "Redovisning", "Data", "IT-tjänster", "Transport",
  "Kaffe", "Bageri", "Café", "Städ", "Trädgård", "Fastigheter", "Design", "Media", "Snickeri",
  "Plåtslageri", "Golv", "Rör", "Handel", "Import", "Verkstad", "Tryckeri", "Bokhandel", "Livs",
] as const;

/** Legal-form suffixes with the org-number prefix each form gets (first two digits). */
export const COMPANY_FORMS = [
  { suffix: "AB", orgPrefixes: ["556", "559"], weight: 80 },
  { suffix: "HB", orgPrefixes: ["969", "916"], weight: 10 },
  { suffix: "Ekonomisk förening", orgPrefixes: ["769"], weight: 4 },
  { suffix: "KB", orgPrefixes: ["969"], weight: 6 },
] as const;

export interface City {
  name: string;
  /** Three-digit postcode prefixes used in the city ("111" → "111 NN"). */
  zipPrefixes: readonly number[];
  /** Trunk prefix for landlines, e.g. "08". */
  areaCode: string;
}

export const CITIES: readonly City[] = [
  { name: "Stockholm", zipPrefixes: [111, 112, 113, 114, 115, 116, 117, 118], areaCode: "08" },
  { name: "Göteborg", zipPrefixes: [411, 412, 413, 414, 415, 416, 417], areaCode: "031" },
  { name: "Malmö", zipPrefixes: [211, 212, 213, 214, 215, 216, 217], areaCode: "040" },
  { name: "Uppsala", zipPrefixes: [752, 753, 754, 756, 757], areaCode: "018" },
  { name: "Västerås", zipPrefixes: [721, 722, 723, 724, 725], areaCode: "021" },
  { name: "Örebro", zipPrefixes: [702, 703], areaCode: "019" },
  { name: "Linköping", zipPrefixes: [582, 583, 584, 585, 586, 587], areaCode: "013" },
  { name: "Helsingborg", zipPrefixes: [252, 253, 254, 256], areaCode: "042" },
  { name: "Jönköping", zipPrefixes: [553, 554, 555, 556], areaCode: "036" },
  { name: "Norrköping", zipPrefixes: [602, 603], areaCode: "011" },
  { name: "Lund", zipPrefixes: [222, 223, 224, 226, 227], areaCode: "046" },
  { name: "Umeå", zipPrefixes: [903, 904, 906, 907], areaCode: "090" },
  { name: "Gävle", zipPrefixes: [802, 803, 804, 805, 806], areaCode: "026" },
  { name: "Borås", zipPrefixes: [503, 504, 506, 507], areaCode: "033" },
  { name: "Södertälje", zipPrefixes: [151, 152], areaCode: "08" },
  { name: "Eskilstuna", zipPrefixes: [632, 633, 635], areaCode: "016" },
  { name: "Karlstad", zipPrefixes: [652, 653, 654, 656], areaCode: "054" },
  { name: "Täby", zipPrefixes: [183, 187], areaCode: "08" },
  { name: "Växjö", zipPrefixes: [352, 353], areaCode: "0470" },
  { name: "Halmstad", zipPrefixes: [302, 305], areaCode: "035" },
  { name: "Sundsvall", zipPrefixes: [852, 853, 854, 856, 857], areaCode: "060" },
  { name: "Luleå", zipPrefixes: [972, 973, 974, 975, 977], areaCode: "0920" },
  { name: "Trollhättan", zipPrefixes: [461, 462], areaCode: "0520" },
  { name: "Östersund", zipPrefixes: [831, 832], areaCode: "063" },
  { name: "Kalmar", zipPrefixes: [392, 393], areaCode: "0480" },
  { name: "Falun", zipPrefixes: [791], areaCode: "023" },
  { name: "Visby", zipPrefixes: [621], areaCode: "0498" },
  { name: "Kiruna", zipPrefixes: [981], areaCode: "0980" },
];

export const STREETS = [
  "Storgatan", "Drottninggatan", "Kungsgatan", "Vasagatan", "Sveavägen", "Industrivägen", "Skolgatan",
  "Järnvägsgatan", "Nygatan", "Björkvägen", "Ekvägen", "Tallvägen", "Lindvägen", "Parkgatan",
  "Hamngatan", "Östra Långgatan", "Västra vägen", "Torggatan", "Kyrkogatan", "Bruksgatan",
  "Fabriksgatan", "Åkervägen", "Ängsvägen", "Solrosvägen", "Hantverkargatan", "Verkstadsgatan",
] as const;

/** Free-mail domains Swedish private persons typically use. */
export const PRIVATE_MAIL_DOMAINS = ["gmail.com", "hotmail.com", "outlook.com", "telia.com", "icloud.com"] as const;

/** "Åsa Öberg" → "asa.oberg": mailbox- and domain-safe ASCII. */
export function asciiSlug(text: string, separator = "."): string {
  return text
    .toLowerCase()
    .replace(/[åä]/g, "a")
    .replace(/ö/g, "o")
    .replace(/é/g, "e")
    .replace(/&/g, "och")
    .replace(/[^a-z0-9]+/g, separator)
    .replace(new RegExp(`^\\${separator}+|\\${separator}+$`, "g"), "");
}
