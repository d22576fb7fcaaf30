/** Which actions an invoice in this state allows: the rules Fortnox enforces, checked before asking it. */
export function allowedInvoiceActions(s: { booked: boolean; cancelled: boolean; credit: boolean; creditInvoiceReference?: number | null }) {
  return {
    // A booked invoice is changed through a credit invoice; a cancelled one is final.
    bookkeep: !s.booked && !s.cancelled,
    cancel: !s.booked && !s.cancelled,
    // A credit invoice is not credited again, nor is an invoice already credited.
    credit: !s.cancelled && !s.credit && !s.creditInvoiceReference,
  };
}
