import "server-only";

export { articlesResource, decodeArticle, decodeArticleListItem } from "./article";
export { bool, date, int, key, num, numericKey, text, type Decoder, type PageInfo, type RawRecord } from "./common";
export { customersResource, decodeCustomer, decodeCustomerListItem } from "./customer";
export { pageDecoder, singleDecoder, type FortnoxResource, type Page, type PageDecoder } from "./envelope";
export { decodeInvoice, decodeInvoiceListItem, invoicesResource } from "./invoice";
