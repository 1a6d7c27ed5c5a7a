package bundle

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/modc-dev/modc/compiler/internal/jsdoc"
	"github.com/modc-dev/modc/compiler/internal/jsmod"
	"github.com/modc-dev/modc/compiler/internal/workspace"
)

// dtsPrelude declares the types every package's .d.ts shares.
const dtsPrelude = `/** What a query's last run answered. */
export interface ResponseMeta {
  statusCode: number | undefined;
  headers: Record<string, string>;
  isExecutionSuccess: boolean;
}

/** A query: run it, then read data. */
export interface Query<T = any> {
  /** Sends the request; resolves with the response data, rejects when it fails. */
  run(params?: Record<string, any>): Promise<T>;
  /** Forgets the last response: data and responseMeta as before any run. */
  clear(): Promise<void>;
  readonly data: T | undefined;
  readonly responseMeta: ResponseMeta;
  readonly isLoading: boolean;
}

/** The part of a fetch Response the runtime reads. */
export interface FetchResponse {
  readonly status: number;
  readonly headers: {
    get(name: string): string | null;
    forEach(callback: (value: string, key: string) => void): void;
  };
  text(): Promise<string>;
}

/** A fetch function: globalThis.fetch or a stand-in. */
export type FetchFunction = (
  url: string,
  init: { method: string; headers: Record<string, string>; body?: string },
) => Promise<FetchResponse>;

` + StorageLikeDTS + `
/**
 * What the platform functions module code calls do. Without a handler:
 * download saves a file, copyToClipboard writes the clipboard,
 * postWindowMessage posts to the parent window (to the page's own origin
 * unless given one), and showModal, closeModal and resetWidget, which need
 * an app's widgets, warn on the console.
 */
export interface PlatformActions {
  showModal?: (name: string) => unknown;
  closeModal?: (name: string) => unknown;
  resetWidget?: (name: string, resetChildren?: boolean) => unknown;
  download?: (data: unknown, fileName?: string, fileType?: string) => unknown;
  copyToClipboard?: (text: string, options?: Record<string, any>) => unknown;
  postWindowMessage?: (message: unknown, source?: string, targetOrigin?: string) => unknown;
}

/** Options of createInstance; I is the module's declared inputs. */
export interface InstanceOptions<I = Record<string, any>> {
  /** Sends queries (default globalThis.fetch). */
  fetch?: FetchFunction;
  /** Persists the store (default localStorage where it exists, else memory). */
  storage?: StorageLike;
  /** appsmith.user. */
  user?: Record<string, any>;
  /** Input values, read live; declared inputs default to module.json's values. */
  inputs?: Partial<I>;
  /** Shows showAlert messages (default console.info). */
  onAlert?: (message: string, style?: string) => void;
  /** Handles navigateTo (default: assign location). */
  onNavigate?: (target: string, params?: Record<string, any>, where?: string) => void;
  /** Handles showModal, download and the other platform functions. */
  actions?: PlatformActions;
  /** Called after any state of the instance or the store changed. */
  onChange?: () => void;
  /** Answer queries from their mock instead of the network. */
  mock?: boolean;
  /** The URL appsmith.URL describes (default location.href). */
  url?: string;
  /** appsmith.mode (default "PUBLISHED"). */
  mode?: string;
}
`

// helperNames are the prelude's type names, which module types must not take.
var helperNames = map[string]bool{
	"ResponseMeta": true, "Query": true, "FetchResponse": true, "FetchFunction": true,
	"StorageLike": true, "InstanceOptions": true, "PlatformActions": true, "ModuleName": true, "Package": true,
	"Modules": true, "ModuleInputs": true,
}

var tsIdent = regexp.MustCompile(`^[A-Za-z_$][A-Za-z0-9_$]*$`)

// tsReserved are words a parameter cannot be named in TypeScript declarations.
var tsReserved = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`break case catch class const continue debugger default delete do else enum
		export extends false finally for function if import in instanceof new null return super switch this
		throw true try typeof var void while with implements interface let package private protected public
		static yield arguments eval`) {
		tsReserved[w] = true
	}
}

// pascal turns a module name into a type name: manage_tokens → ManageTokens.
func pascal(name string) string {
	var b strings.Builder
	up := true
	for _, r := range name {
		if r == '_' {
			up = true
			continue
		}
		if up && r >= 'a' && r <= 'z' {
			r -= 'a' - 'A'
		}
		up = false
		b.WriteRune(r)
	}
	s := b.String()
	if s == "" || (s[0] >= '0' && s[0] <= '9') {
		s = "M" + s
	}
	return s
}

// typeNames gives each module a distinct type name.
func typeNames(mods []*workspace.Module) map[string]string {
	out := map[string]string{}
	used := map[string]bool{}
	for _, m := range mods {
		n := pascal(m.Name)
		if helperNames[n] || used[n] {
			n += "Module"
		}
		for i := 2; helperNames[n] || used[n]; i++ {
			n = pascal(m.Name) + "Module" + strconv.Itoa(i)
		}
		used[n] = true
		out[m.Name] = n
	}
	return out
}

// docComment renders a /** */ block, or nothing for no lines.
func docComment(indent string, lines []string) string {
	var kept []string
	for _, l := range lines {
		for _, part := range strings.Split(l, "\n") {
			kept = append(kept, strings.ReplaceAll(part, "*/", "*\\/"))
		}
	}
	for len(kept) > 0 && strings.TrimSpace(kept[len(kept)-1]) == "" {
		kept = kept[:len(kept)-1]
	}
	if len(kept) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString(indent + "/**\n")
	for _, l := range kept {
		b.WriteString(strings.TrimRight(indent+" * "+l, " ") + "\n")
	}
	b.WriteString(indent + " */\n")
	return b.String()
}

// propKey renders an interface member name.
func propKey(name string) string {
	if tsIdent.MatchString(name) {
		return name
	}
	return jsString(name)
}

// functionType returns a function member's call signature and the type of
// its resolved result (what fn.data holds).
func functionType(mem *jsmod.Member) (sig, data string) {
	doc := mem.Doc
	var params []string
	optional := false
	for i, p := range mem.Params {
		name := p.Name
		if !tsIdent.MatchString(name) || tsReserved[name] {
			name = "arg" + strconv.Itoa(i)
		}
		jp := doc.Param(p.Name)
		typ := "any"
		if jp != nil {
			typ = TSType(jp.Type)
		}
		if p.Rest {
			params = append(params, "..."+name+": "+restType(jp))
			continue
		}
		if p.Default != "" || (jp != nil && jp.Optional) {
			optional = true
		}
		if optional {
			name += "?"
		}
		params = append(params, name+": "+typ)
	}
	ret := "any"
	if doc != nil && doc.Returns != nil && doc.Returns.Type != "" {
		ret = TSType(doc.Returns.Type)
	}
	inner, isPromise := promiseOf(ret)
	if mem.Async && !isPromise {
		inner = ret
		ret = "Promise<" + ret + ">"
	}
	if !isPromise && !mem.Async {
		inner = ret
	}
	if mem.Generator {
		ret, inner = "any", "any"
	}
	return "(" + strings.Join(params, ", ") + ") => " + ret, inner
}

// restType types a rest parameter from its JSDoc: {...T} and {T[]} give T[].
func restType(jp *jsdoc.Param) string {
	if jp == nil || jp.Type == "" {
		return "any[]"
	}
	t := TSType(jp.Type)
	if strings.HasPrefix(strings.TrimSpace(jp.Type), "...") || strings.HasSuffix(t, "[]") {
		return t
	}
	if strings.ContainsAny(t, " |&") {
		return "(" + t + ")[]"
	}
	return t + "[]"
}

// promiseOf returns T for "Promise<T>".
func promiseOf(t string) (string, bool) {
	if strings.HasPrefix(t, "Promise<") && strings.HasSuffix(t, ">") {
		inner := t[len("Promise<") : len(t)-1]
		// Promise<A> | Promise<B> is not one Promise: check the brackets balance.
		depth := 0
		for _, r := range inner {
			switch r {
			case '<', '(', '{', '[':
				depth++
			case '>', ')', '}', ']':
				depth--
				if depth < 0 {
					return "", false
				}
			}
		}
		if depth == 0 {
			return inner, true
		}
	}
	return "", false
}

// varType types a variable from its @type, else any.
func varType(mem *jsmod.Member) string {
	if mem.Doc != nil && mem.Doc.Type != "" {
		return TSType(mem.Doc.Type)
	}
	return "any"
}

// memberDoc renders a member's JSDoc for the declaration.
func memberDoc(mem *jsmod.Member) []string {
	d := mem.Doc
	if d == nil {
		return nil
	}
	var lines []string
	if d.Summary != "" {
		lines = append(lines, d.Summary)
	}
	for _, p := range d.Params {
		if p.Description != "" {
			lines = append(lines, "@param "+p.Name+" "+p.Description)
		}
	}
	if d.Returns != nil && d.Returns.Description != "" {
		lines = append(lines, "@returns "+d.Returns.Description)
	}
	for _, ex := range d.Examples {
		lines = append(lines, "@example\n"+ex)
	}
	if d.Deprecated != nil {
		lines = append(lines, strings.TrimSpace("@deprecated "+*d.Deprecated))
	}
	return lines
}

// inputsType types a module's declared inputs from their defaults (an
// input without a default, or a null one, is any); no inputs accept none.
func inputsType(m *workspace.Module) string {
	if len(m.Inputs) == 0 {
		return "export type Inputs = Record<string, never>;"
	}
	var b strings.Builder
	b.WriteString("export interface Inputs {\n")
	for _, in := range m.Inputs {
		fmt.Fprintf(&b, "    %s: %s;\n", propKey(in.Name), indentType(jsonType(in.Default), "    "))
	}
	b.WriteString("  }")
	return b.String()
}

// dts generates the package's TypeScript declarations. Each module has a
// type (its instance) and a namespace of the same name with its Inputs
// and, for a query module, Data: the response typed from the mock.
// Modules and ModuleInputs map module names to them, for generic code.
func (b *builder) dts() string {
	p := b.pkg
	var out strings.Builder
	fmt.Fprintf(&out, "// Types of the modc package %s %s, generated from %s. Do not edit.\n\n", p.Name, b.version, p.Dir)
	out.WriteString(dtsPrelude)
	names := typeNames(p.Modules)
	var moduleNames []string
	for _, m := range p.Modules {
		moduleNames = append(moduleNames, jsString(m.Name))
		out.WriteString("\n")
		var lines []string
		if m.Description != "" {
			lines = append(lines, m.Description)
		}
		lines = append(lines, "Module "+m.ID()+" ("+m.Kind+").")
		out.WriteString(docComment("", lines))
		name := names[m.Name]
		if m.Kind == workspace.KindQuery {
			fmt.Fprintf(&out, "export type %s = Query<%s.Data>;\n", name, name)
			fmt.Fprintf(&out, "export declare namespace %s {\n", name)
			if m.Mock != nil {
				out.WriteString("  /** The response data, typed from the mock in module.json. */\n")
				fmt.Fprintf(&out, "  export type Data = %s;\n", indentType(jsonType(m.Mock.Data), "  "))
			} else {
				out.WriteString("  /** The response data (the module has no mock to type it from). */\n  export type Data = any;\n")
			}
		} else {
			fmt.Fprintf(&out, "export interface %s {\n", name)
			if main := b.mains[m.ID()]; main != nil {
				for _, mem := range main.Members {
					out.WriteString(docComment("  ", memberDoc(mem)))
					if mem.Kind == jsmod.Function {
						sig, data := functionType(mem)
						fmt.Fprintf(&out, "  %s: (%s) & { readonly data: %s };\n", propKey(mem.Name), sig, dataType(data))
					} else {
						fmt.Fprintf(&out, "  %s: %s;\n", propKey(mem.Name), varType(mem))
					}
				}
			}
			out.WriteString("}\n")
			fmt.Fprintf(&out, "export declare namespace %s {\n", name)
		}
		out.WriteString("  /** The inputs declared in module.json, typed from their defaults. */\n")
		fmt.Fprintf(&out, "  %s\n}\n", inputsType(m))
	}
	out.WriteString("\n/** The names of the package's modules. */\n")
	if len(moduleNames) == 0 {
		out.WriteString("export type ModuleName = never;\n")
	} else {
		fmt.Fprintf(&out, "export type ModuleName = %s;\n", strings.Join(moduleNames, " | "))
	}
	out.WriteString("\n/** The instance type of each module, by name: Modules[\"name\"]. */\nexport interface Modules {\n")
	for _, m := range p.Modules {
		fmt.Fprintf(&out, "  %s: %s;\n", jsString(m.Name), names[m.Name])
	}
	out.WriteString("}\n\n/** The declared inputs of each module, by name. */\nexport interface ModuleInputs {\n")
	for _, m := range p.Modules {
		fmt.Fprintf(&out, "  %s: %s.Inputs;\n", jsString(m.Name), names[m.Name])
	}
	out.WriteString("}\n")
	out.WriteString("\nexport declare const modules: ModuleName[];\n\n")
	for _, m := range p.Modules {
		what := "a Main object with its own state; each function keeps its last result as .data"
		if m.Kind == workspace.KindQuery {
			what = "a query object"
		}
		out.WriteString(docComment("", []string{"Creates an instance of " + m.ID() + ": " + what + "."}))
		fmt.Fprintf(&out, "export declare function createInstance(name: %s, options?: InstanceOptions<%s.Inputs>): %s;\n", jsString(m.Name), names[m.Name], names[m.Name])
	}
	if len(p.Modules) == 0 {
		out.WriteString("export declare function createInstance(name: never, options?: InstanceOptions): never;\n")
	} else {
		out.WriteString(docComment("", []string{"Creates an instance of the module name, typed from Modules: for generic code such as a useModule<K extends keyof Modules>(name: K) hook."}))
		out.WriteString("export declare function createInstance<K extends ModuleName>(name: K, options?: InstanceOptions<ModuleInputs[K]>): Modules[K];\n")
	}
	out.WriteString("\n/** The package object, also at window." + b.opts.Global + ".packages." + p.Name + " with the IIFE bundle. */\n")
	fmt.Fprintf(&out, "declare const pkg: {\n  name: %s;\n  version: %s;\n  modules: typeof modules;\n  createInstance: typeof createInstance;\n};\nexport default pkg;\n",
		jsString(p.Name), jsString(b.version))
	return out.String()
}

// indentType indents the lines of a multi-line type but its first.
func indentType(t, indent string) string {
	return strings.ReplaceAll(t, "\n", "\n"+indent)
}

func dataType(t string) string {
	if t == "any" || t == "unknown" {
		return t
	}
	if !strings.ContainsAny(t, " |&=") {
		return t + " | undefined"
	}
	return "(" + t + ") | undefined"
}

// StorageLikeDTS declares StorageLike, where a store persists, as every
// package's .d.ts and the runtime package's declare it.
const StorageLikeDTS = `/** Where the store persists: localStorage or any object with the Web Storage API. */
export interface StorageLike {
  readonly length: number;
  key(index: number): string | null;
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}
`
