// ESLint flat config. Formatting is Prettier's job (`npm run format`), so no stylistic rules here.
// The layer rules (ADR 013) keep app/domain pure and stop services reaching up into the UI.
import js from "@eslint/js";
import importX from "eslint-plugin-import-x";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

const routesAndComponents = [
  { group: ["~/routes", "~/routes/*", "**/routes/*"], message: "Routes sit on top: nothing below them imports a route." },
  {
    group: ["~/components", "~/components/*", "**/components/*"],
    message: "Components are the UI layer: domain and services never import them.",
  },
];

export default tseslint.config(
  {
    ignores: ["build/", "public/", "node_modules/", "tests/.tmp/", "test-results/", "playwright-report/", ".cache/"],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: "module",
      globals: { ...globals.node },
    },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    plugins: { "import-x": importX },
    rules: {
      "no-unused-vars": "off",
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none", ignoreRestSiblings: true },
      ],
      "@typescript-eslint/consistent-type-imports": "error",
      "import-x/first": "error",
      "import-x/no-duplicates": "error",
      // Packages first, then the project's own modules ("~/…", "../../db/…"), then this folder's.
      "import-x/order": [
        "error",
        {
          groups: [
            ["builtin", "external"],
            ["internal", "parent"],
            ["sibling", "index"],
          ],
          pathGroups: [{ pattern: "~/**", group: "internal" }],
          pathGroupsExcludedImportTypes: ["builtin"],
          "newlines-between": "ignore",
          distinctGroup: false,
        },
      ],
    },
  },
  {
    files: ["**/*.js", "**/*.mjs"],
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    files: ["app/**/*.{ts,tsx}"],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    plugins: { "react-hooks": reactHooks },
    rules: {
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "error",
    },
  },
  {
    // Pure logic: no database, no HTTP, no UI.
    files: ["app/domain/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            ...routesAndComponents,
            {
              group: ["~/services", "~/services/*", "**/services/*", "**/*.server", "**/db/*", "../../db", "@remix-run/*"],
              message: "app/domain is pure logic: it takes values in and gives values out (no services, db or HTTP).",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["app/services/**/*.{ts,tsx}"],
    rules: { "no-restricted-imports": ["error", { patterns: routesAndComponents }] },
  },
  {
    files: ["tests/**/*.{ts,tsx}", "scripts/**/*.{ts,mjs}"],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  {
    // Playwright reads a test's fixtures from its first parameter, which must be a pattern: `{}` when none.
    files: ["tests/e2e/**/*.ts"],
    rules: { "no-empty-pattern": ["error", { allowObjectPatternsAsParameters: true }] },
  },
);
