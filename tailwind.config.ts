import type { Config } from "tailwindcss";

// Tailwind v4 reads this through `@config` in app/globals.css. Content detection is automatic;
// the theme extension carries Brygga's brand colours (a Nordic harbour blue) and system fonts
// (no web fonts: the product must work offline).
const config: Config = {
  content: ["./app/**/*.{ts,tsx}", "./components/**/*.{ts,tsx}"],
  theme: {
    extend: {
      colors: {
        brand: {
          50: "#eef6fb",
          100: "#d5e9f5",
          500: "#1f6f9f",
          600: "#175a83",
          700: "#124867",
          900: "#0b2a3d",
        },
      },
      fontFamily: {
        sans: ["system-ui", "-apple-system", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif"],
      },
    },
  },
};

export default config;
