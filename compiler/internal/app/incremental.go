package app

import (
	"io/fs"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/modc-dev/modc/compiler/diag"
	"github.com/modc-dev/modc/compiler/internal/jsmod"
	"github.com/modc-dev/modc/compiler/internal/workspace"
)

// Compiled is the compiled apps of a workspace, ready to be emitted against
// package bundles, again and again: app.js and the other files that do not
// depend on the bundles are made once, and bundle files are hashed once.
// A compiler.Session keeps one while Key stays the same.
type Compiled struct {
	opts  Options
	apps  []*compiled
	msgs  diag.List
	codes map[*compiled]*appCode
	sums  sumCache
}

// Compile compiles every app of ws, as Check does.
func Compile(ws *workspace.Workspace, mains map[string]*jsmod.Main, opts Options) *Compiled {
	apps, msgs := compileAll(ws, mains, opts)
	return &Compiled{opts: opts, apps: apps, msgs: msgs, codes: map[*compiled]*appCode{}}
}

// Messages are what compiling found (Check's messages).
func (c *Compiled) Messages() diag.List { return c.msgs }

// Stats counts what each app holds.
func (c *Compiled) Stats() []Stats {
	var stats []Stats
	for _, a := range c.apps {
		stats = append(stats, a.stats)
	}
	return stats
}

// Prepare makes what Emit makes of each app that does not depend on the
// bundles (app.js and its source map, app.css, index.html), so that it can
// be made while the dry runs end; Emit then adds the manifests. Emit
// without Prepare makes it itself.
func (c *Compiled) Prepare() {
	if c.msgs.HasErrors() {
		return
	}
	for _, a := range c.apps {
		code := c.codes[a]
		if code == nil {
			code = &appCode{}
			c.codes[a] = code
		}
		if code.files == nil {
			code.files, code.msgs = a.code(c.opts)
		}
	}
}

// Emit is Build with the compiled apps. written holds the sha256 (hex) of
// bundle files no longer in bundles, by output path: written to the output
// already (compiler.Options.Write).
func (c *Compiled) Emit(bundles map[string][]byte, written map[string]string) (*Output, diag.List) {
	msgs := append(diag.List(nil), c.msgs...)
	out := &Output{Files: map[string][]byte{}}
	if msgs.HasErrors() {
		return out, msgs
	}
	c.sums.next()
	for _, a := range c.apps {
		code := c.codes[a]
		if code == nil {
			code = &appCode{}
			c.codes[a] = code
		}
		files, ms := a.emitWith(bundles, written, c.opts, code, &c.sums)
		msgs.Add(ms...)
		if ms.HasErrors() {
			continue
		}
		for k, v := range files {
			out.Files[k] = v
		}
		out.Apps = append(out.Apps, a.stats)
	}
	msgs.Sort()
	return out, msgs
}

// Key is what compiling the apps of ws reads: the options, every app.json,
// and what apps see of each module (its name, kind, settings, inputs and
// queries, and the names, kinds and asyncness of its Main's members). Two
// workspaces with the same key compile to the same apps.
func Key(ws *workspace.Workspace, mains map[string]*jsmod.Main, opts Options) string {
	return (*KeyCache)(nil).Key(ws, mains, opts)
}

// KeyCache computes Key again and again, as a compiler.Session does after
// each edit: the part of a module is kept while its *workspace.Module and
// *jsmod.Main stay the same (a session keeps the pointers of the modules an
// edit did not touch). The zero value is ready; a nil *KeyCache caches
// nothing.
type KeyCache struct {
	prev, cur map[moduleKey]string
	// key is the last key, made of head and then parts.
	key   string
	head  string
	parts []string
}

type moduleKey struct {
	m    *workspace.Module
	main *jsmod.Main
}

// Key is Key, with the modules' parts cached.
func (c *KeyCache) Key(ws *workspace.Workspace, mains map[string]*jsmod.Main, opts Options) string {
	var b strings.Builder
	w := func(fields ...string) { writeFields(&b, fields...) }
	w("options", opts.Version, strconv.FormatBool(opts.Minify), strconv.FormatBool(opts.Mock), strings.Join(opts.Apps, ","), strconv.FormatBool(opts.Apps == nil))
	for _, k := range sortedKeys(opts.Versions) {
		w("version", k, opts.Versions[k])
	}
	for _, k := range sortedKeys(opts.Releases) {
		w(append([]string{"releases", k}, opts.Releases[k]...)...)
	}
	if entries, err := fs.ReadDir(ws.FS, "apps"); err == nil {
		for _, e := range entries {
			data, err := fs.ReadFile(ws.FS, "apps/"+e.Name()+"/app.json")
			w("app", e.Name(), strconv.FormatBool(e.IsDir()), string(data), strconv.FormatBool(err == nil))
			// The style sheets app.json's "css" may name.
			_ = fs.WalkDir(ws.FS, "apps/"+e.Name(), func(p string, d fs.DirEntry, err error) error {
				if err == nil && !d.IsDir() && path.Ext(p) == ".css" {
					data, err := fs.ReadFile(ws.FS, p)
					w("css", p, string(data), strconv.FormatBool(err == nil))
				}
				return nil
			})
		}
	}
	if c == nil {
		for _, p := range ws.Packages {
			w("package", p.Name)
			for _, m := range p.Modules {
				writeModule(&b, m, mains[m.ID()])
			}
		}
		return b.String()
	}
	// The parts, each a package's line or a module's part; the key is
	// written out only when they are not the last key's.
	head := b.String()
	c.prev, c.cur = c.cur, make(map[moduleKey]string, len(c.cur))
	parts := make([]string, 0, len(c.parts))
	for _, p := range ws.Packages {
		var pb strings.Builder
		writeFields(&pb, "package", p.Name)
		parts = append(parts, pb.String())
		for _, m := range p.Modules {
			main := mains[m.ID()]
			k := moduleKey{m, main}
			part, ok := c.prev[k]
			if !ok {
				var mb strings.Builder
				writeModule(&mb, m, main)
				part = mb.String()
			}
			c.cur[k] = part
			parts = append(parts, part)
		}
	}
	c.prev = nil
	if c.key != "" && head == c.head && slices.Equal(parts, c.parts) {
		c.parts = parts
		return c.key
	}
	b.Grow(len(c.key))
	for _, part := range parts {
		b.WriteString(part)
	}
	c.key, c.head, c.parts = b.String(), head, parts
	return c.key
}

// writeModule writes what apps see of a module (see Key).
func writeModule(b *strings.Builder, m *workspace.Module, main *jsmod.Main) {
	w := func(fields ...string) { writeFields(b, fields...) }
	w("module", m.ID(), m.Package, m.Name, m.Kind)
	for _, s := range m.Settings {
		w("setting", s.Function, strconv.FormatBool(s.RunOnPageLoad), strconv.FormatBool(s.Confirm))
	}
	for _, in := range m.Inputs {
		w("input", in.Name, string(in.Default))
	}
	for _, q := range m.Queries {
		w("query", q.Name)
	}
	if main == nil {
		w("no main")
		return
	}
	for _, mem := range main.Members {
		w("member", mem.Name, string(mem.Kind), strconv.FormatBool(mem.Async))
	}
}

// writeFields writes fields unambiguously, each prefixed by its length,
// and ends the line.
func writeFields(b *strings.Builder, fields ...string) {
	for _, f := range fields {
		b.WriteString(strconv.Itoa(len(f)))
		b.WriteByte(':')
		b.WriteString(f)
	}
	b.WriteByte('\n')
}
