export * from "./audit";
export * from "./connections";
export * from "./records";
export * from "./sync";
export * from "./tenants";
