import { defineConfig } from "vite";

// No @vitejs/plugin-react: Vite compiles JSX itself, with React's automatic
// runtime (no `import React` needed in .jsx files).
export default defineConfig({
  oxc: { jsx: { runtime: "automatic" } },
});
