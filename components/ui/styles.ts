/*
 * The few primitives every page shares, as named classes defined once in app/globals.css (@layer
 * components, so a utility added beside one still wins): one short name per control keeps pages'
 * HTML and RSC payloads small.
 */
export const buttonPrimary = "btn-primary";
export const buttonSecondary = "btn-secondary";
export const buttonDanger = "btn-danger";
export const card = "card";
export const input = "f-input";
