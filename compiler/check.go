package compiler

import (
	"github.com/modc-dev/modc/compiler/diag"
	"github.com/modc-dev/modc/compiler/internal/jsmod"
	"github.com/modc-dev/modc/compiler/internal/query"
	"github.com/modc-dev/modc/compiler/internal/workspace"
	"github.com/modc-dev/modc/compiler/suggest"
)

// analyzeModule runs the static checks of one module: its query bindings
// and, for a JS module, main.js and its settings.
func analyzeModule(m *workspace.Module, env jsmod.Env) (*jsmod.Main, diag.List) {
	main, msgs := analyzeMain(m, env)
	return main, append(msgs, checkModule(m, main, env.Libraries)...)
}

// withLint adds to a module's messages what esbuild says of its code
// (bundle.Lint), so that check shows the warnings build shows. What
// esbuild says where modc's checks already said something is left out
// ("Duplicate key" at a duplicate member), and so are its errors when the
// module has errors: they would repeat them (a direct eval, say).
func withLint(msgs, lint diag.List) diag.List {
	said := map[string]bool{}
	for _, msg := range msgs {
		said[msg.Location.String()] = true
	}
	errors := msgs.HasErrors()
	for _, msg := range lint {
		if !said[msg.Location.String()] && (!errors || msg.Severity != diag.Error) {
			msgs = append(msgs, msg)
		}
	}
	return msgs
}

// analyzeMain analyses a JS module's main.js; nil for a query module, or a
// main.js that does not parse.
// env gives the workspace's libraries and the strictness; the module's
// queries and widget inputs are added here.
func analyzeMain(m *workspace.Module, env jsmod.Env) (*jsmod.Main, diag.List) {
	if m.Kind != workspace.KindJS || m.Main == nil {
		return nil, nil
	}
	env.Queries = queryNames(m)
	env.Widgets = m.Widgets
	return jsmod.Analyze(m.Main, env)
}

// checkModule runs the checks of a module besides main.js's analysis: its
// query bindings, and its settings against main (when analysed).
func checkModule(m *workspace.Module, main *jsmod.Main, libraries []string) diag.List {
	var msgs diag.List
	inputs := inputNames(m)
	switch m.Kind {
	case workspace.KindQuery:
		if m.Request != nil {
			msgs.Add(query.Check(m.Manifest, m.Request, inputs, true, libraries)...)
		}
	case workspace.KindJS:
		for _, q := range m.Queries {
			if q.Request != nil {
				msgs.Add(query.Check(q.Source, q.Request, inputs, false, libraries)...)
			}
		}
		if main != nil {
			msgs.Add(checkSettings(m, main)...)
		}
	}
	return msgs
}

// checkSettings reports settings for functions the Main object does not have.
func checkSettings(m *workspace.Module, main *jsmod.Main) diag.List {
	var msgs diag.List
	var funcs []string
	for _, mem := range main.Members {
		if mem.Kind == jsmod.Function {
			funcs = append(funcs, mem.Name)
		}
	}
	for _, s := range m.Settings {
		mem := main.Member(s.Function)
		switch {
		case mem == nil:
			msg := diag.Errorf("settings-not-function", s.Loc, "settings for %q, which is not a function of %s", s.Function, m.ID())
			if c := suggest.Closest(s.Function, funcs); c != "" {
				msg = msg.WithHint("did you mean %q?", c)
			}
			msgs.Add(msg)
		case mem.Kind != jsmod.Function:
			msgs.Add(diag.Errorf("settings-not-function", s.Loc, "settings for %q, which is a variable, not a function", s.Function))
		}
	}
	return msgs
}

func inputNames(m *workspace.Module) []string {
	out := make([]string, len(m.Inputs))
	for i, in := range m.Inputs {
		out[i] = in.Name
	}
	return out
}

func queryNames(m *workspace.Module) []string {
	out := make([]string, len(m.Queries))
	for i, q := range m.Queries {
		out[i] = q.Name
	}
	return out
}
