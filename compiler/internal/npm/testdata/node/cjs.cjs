// Requires the installed package as CommonJS, and loads its classic script
// (the "./iife" export) in a fresh context, and prints what they give.
const vm = require("node:vm");
const fs = require("node:fs");
const name = process.argv[2];
const pkg = require(name);
const iife = fs.readFileSync(require.resolve(name + "/iife"), "utf8");
const context = vm.createContext({ console });
vm.runInContext(iife, context);
const global = require(name + "/package.json").modc.global;
const script = context[global].packages.auth;
const tokens = pkg.createInstance("manage_tokens", { mock: true });
tokens.getAccessToken().then((token) => {
  console.log(JSON.stringify({
    name: pkg.default.name,
    modules: pkg.modules,
    token,
    script: script.name,
    scriptModules: script.modules,
    esModule: pkg.__esModule === true,
  }));
});
