export * from "./audit";
export * from "./connections";
export * from "./identity";
export * from "./rate-limit";
export * from "./records";
export * from "./sync";
export * from "./tenants";
export * from "./ops";
