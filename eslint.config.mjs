import nextVitals from "eslint-config-next/core-web-vitals";
import tseslint from "typescript-eslint";

const portalRooms = ["app/**", "components/**", "lib/**", "scripts/**", "e2e/**", "*.ts"];

export default tseslint.config(
  { ignores: [".next/**", ".next-bench/**", "node_modules/**", ".data/**", "drizzle/**", "next-env.d.ts", "playwright-report/**", "test-results/**"] },
  ...nextVitals,
  {
    files: ["**/*.ts", "**/*.tsx"],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: { attributes: false } }],
    },
  },
  {
    // The portal never imports the sandbox: it must work against real Fortnox unchanged.
    files: portalRooms,
    rules: { "no-restricted-imports": ["error", { patterns: [{ group: ["**/sandbox/**", "@/sandbox/**"], message: "The portal must not import the Fortnox sandbox; talk to it over HTTP." }] }] },
  },
  {
    // The sandbox is a separate system that models Fortnox; it shares no code with the client it tests.
    files: ["sandbox/**"],
    rules: { "no-restricted-imports": ["error", { patterns: [{ group: ["@/*", "**/lib/**", "**/app/**", "**/components/**"], message: "The sandbox must not import portal code." }] }] },
  },
  {
    // process.env has exactly one reader (lib/env.ts); scripts and test harnesses configure child processes.
    files: ["app/**", "components/**", "lib/**"],
    ignores: ["lib/env.ts", "lib/testing/**", "**/*.test.ts"],
    rules: { "no-restricted-syntax": ["error", { selector: "MemberExpression[object.name='process'][property.name='env']", message: "Read configuration through lib/env.ts." }] },
  },
);
