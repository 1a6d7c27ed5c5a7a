package dryrun

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/dop251/goja"

	"github.com/modc-dev/modc/compiler/diag"
	"github.com/modc-dev/modc/compiler/internal/binding"
	"github.com/modc-dev/modc/compiler/internal/dryrun/intl"
	"github.com/modc-dev/modc/compiler/internal/dryrun/uregexp"
	"github.com/modc-dev/modc/compiler/internal/jslib"
	"github.com/modc-dev/modc/compiler/internal/jsmod"
	"github.com/modc-dev/modc/compiler/internal/workspace"
	"github.com/modc-dev/modc/compiler/suggest"
)

// Limits of the runtime API, besides Options.
const (
	// maxTimerCallbacks is how many timer callbacks one example may fire
	// while its promise is pending.
	maxTimerCallbacks = 10000
	// maxRecords is how many alerts, logs or navigations one evaluation keeps.
	maxRecords = 1000
)

// queryDef is a query as runtime.js takes it.
type queryDef struct {
	name, file string
	mock       *workspace.Mock
	request    string // the compiled request function's source; "" when not given
}

// module is one module ready to run: its compiled code and what the
// messages about it need.
type module struct {
	in      *Input
	opts    *Options
	id      string
	code    *code // nil for a query module
	queries []queryDef
	defs    string // inputs' defaults, as a JSON object
	msgs    diag.List
	// text is the code the module runs: main.js and its requests; found
	// says which of codeNames it has.
	text  string
	found nameSet
	// phase is the evaluation under way: -1 for the top level, else the
	// index of the example; watch, when set, hears of each one as it starts
	// and ends (a worker keeps its progress and times it).
	phase int
	watch evalWatch
	res   *Result // what the module's dry run has produced so far
	// lazy leaves the bodies of the module's functions out; lazyCalled
	// says one of them was called.
	lazy, lazyCalled bool
	// helper is the requests' helper function in the VM, once a request
	// was compiled (see compileRequest).
	helper goja.Value
}

// evalWatch hears of each evaluation of a module: Start as it starts, with
// the module's result and messages so far, and End when it has ended.
type evalWatch interface {
	Start(phase int, res *Result, msgs diag.List)
	End()
}

// runModule dry-runs one module in this process (a worker's); watch, when
// not nil, hears of each evaluation. A bug of the dry run itself (a panic)
// is reported as an error about the module rather than crashing the worker.
//
// A module without examples runs only its top level, which seldom calls
// the module's functions: it is first run with its function bodies left
// out (see lazyStub), which spares goja most of the compiling, and again
// whole only when the top level called one of them after all.
func runModule(in *Input, opts *Options, watch evalWatch) (res *Result, msgs diag.List) {
	if in.Module == nil {
		return &Result{}, nil
	}
	if len(in.Module.Examples) == 0 {
		res, msgs, called := runModuleOnce(in, opts, watch, true)
		if !called {
			return res, msgs
		}
	}
	res, msgs, _ = runModuleOnce(in, opts, watch, false)
	return res, msgs
}

// lazyName is the global that a function body left out calls (lazyStub):
// it notes the call and throws.
const lazyName = "$modcLazy"

// lazyStub is the statement that stands for a function body left out.
const lazyStub = lazyName + "();"

// runModuleOnce runs in once, without function bodies when lazy; called
// says that the code called a function whose body was left out (and the
// result is then to be discarded).
func runModuleOnce(in *Input, opts *Options, watch evalWatch, lazy bool) (res *Result, msgs diag.List, called bool) {
	m := &module{in: in, opts: opts, id: in.Module.ID(), phase: -1, watch: watch, lazy: lazy}
	res = &Result{Module: m.id}
	m.res = res
	defer func() {
		if r := recover(); r != nil {
			res.OK = false
			m.msgs.Add(diag.Errorf("internal-error", m.topLoc(), "dry run of %s: internal error: %v", m.id, r))
			msgs, called = m.msgs, m.lazyCalled
		}
	}()
	if !m.prepare() {
		return res, m.msgs, false
	}
	ctl := &control{}
	guard.enter(ctl)
	defer guard.leave(ctl)
	m.evaluate(ctl, res)
	return res, m.msgs, m.lazyCalled
}

// prepare compiles the module's code and its queries' requests.
func (m *module) prepare() bool {
	mod := m.in.Module
	var b bytes.Buffer
	b.WriteByte('{')
	for i, in := range mod.Inputs {
		if i > 0 {
			b.WriteByte(',')
		}
		key, _ := json.Marshal(in.Name)
		b.Write(key)
		b.WriteByte(':')
		if len(in.Default) == 0 {
			b.WriteString("null")
		} else {
			b.Write(in.Default)
		}
	}
	b.WriteByte('}')
	m.defs = b.String()

	var text strings.Builder
	requests := false
	request := func(key string) string {
		src := m.in.Requests[key]
		text.WriteString(src)
		requests = requests || src != ""
		return src
	}
	switch mod.Kind {
	case workspace.KindQuery:
		file := mod.Dir + "/module.json"
		m.queries = []queryDef{{name: mod.Name, file: file, mock: mod.Mock, request: request("")}}
	default:
		if m.in.Main == nil {
			return false // main.js did not analyse: that was reported already
		}
		if m.in.Main.Source == nil {
			if mod.Main == nil {
				return false
			}
			main := *m.in.Main
			main.Source = mod.Main
			in := *m.in
			in.Main = &main
			m.in = &in
		}
		names := make([]string, len(mod.Queries))
		for i, q := range mod.Queries {
			names[i] = q.Name
			m.queries = append(m.queries, queryDef{name: q.Name, file: q.Path, mock: q.Mock, request: request(q.Name)})
		}
		path := m.in.Main.Source.Path
		if path == "" {
			path = mod.Dir + "/main.js"
		}
		text.WriteString(m.in.Main.Source.Text)
		main := m.in.Main
		if m.lazy {
			main = main.WithoutBodies(lazyStub)
		}
		c, msg := compileMain(path, main, names)
		if msg != nil {
			msg.Text = fmt.Sprintf("dry run of %s: %s", m.id, msg.Text)
			m.msgs.Add(*msg)
			return false
		}
		m.code = c
	}
	if requests {
		// The requests' code includes the helper they call: the names it
		// reads are the module's too (guards, features).
		text.WriteString(binding.Helper)
	}
	m.text = text.String()
	m.found = codeNames.scan(m.text)
	return !m.msgs.HasErrors()
}

// driver is runtime.js's interface in one VM: top, and more, which returns
// what the examples need (loadExamples).
type driver struct {
	top, more, example, fire, finish goja.Callable
}

// loadExamples sets example, fire and finish, which runtime.js creates
// only when asked (most modules have no examples).
func (d *driver) loadExamples(vm *goja.Runtime) error {
	rest, err := d.more(goja.Undefined())
	if err != nil {
		return err
	}
	o := rest.ToObject(vm)
	d.example, _ = goja.AssertFunction(o.Get("example"))
	d.fire, _ = goja.AssertFunction(o.Get("fire"))
	d.finish, _ = goja.AssertFunction(o.Get("finish"))
	if d.example == nil || d.fire == nil || d.finish == nil {
		return errors.New("runtime.js: more() did not return example, fire and finish")
	}
	return nil
}

// outcome is what runtime.js's finish reports.
type outcome struct {
	result         *string // JSON text; nil for undefined or a value with no JSON form
	unserialisable string  // why the result has no JSON form, when it threw
	store          string  // JSON text of the store
	alerts, logs   []string
	navigations    []string
	calls          []string   // JSON texts of [name, ...args]
	err            *errorInfo // set when the call threw
}

// errorInfo describes a thrown value: its text ("Error: message"), its
// message, and its stack property when it has one.
type errorInfo struct {
	Text, Message, Stack string
}

func readOutcome(vm *goja.Runtime, v goja.Value, thrown bool) *outcome {
	o := v.ToObject(vm)
	out := &outcome{
		store:       o.Get("store").String(),
		alerts:      stringList(o.Get("alerts")),
		logs:        stringList(o.Get("logs")),
		navigations: stringList(o.Get("navigations")),
		calls:       stringList(o.Get("calls")),
	}
	if thrown {
		out.err = &errorInfo{Text: o.Get("text").String(), Message: o.Get("message").String(), Stack: o.Get("stack").String()}
		return out
	}
	if r := o.Get("result"); r != nil && !goja.IsUndefined(r) {
		s := r.String()
		out.result = &s
	}
	if u := o.Get("unserialisable"); u != nil && !goja.IsUndefined(u) {
		out.unserialisable = u.String()
	}
	return out
}

// eachItem calls f with each element of the array v, in order; it does
// nothing for anything else. (Export would copy the array, and box each
// element, first.)
func eachItem(v goja.Value, f func(item goja.Value)) {
	o, ok := v.(*goja.Object)
	if !ok || o.ClassName() != "Array" {
		return
	}
	for i := range length(o.Get("length")) {
		f(o.Get(strconv.FormatInt(i, 10)))
	}
}

// stringList returns the elements of an array, as strings; nil for
// anything else, or an empty array.
func stringList(v goja.Value) []string {
	var out []string
	eachItem(v, func(it goja.Value) { out = append(out, it.String()) })
	return out
}

// failure is why an evaluation did not produce an outcome.
type failure struct {
	limit     limitKind
	overflow  bool
	exception *goja.Exception // a throw outside the module's functions (e.g. at the top level)
	frames    []goja.StackFrame
	err       error
}

// evaluate runs the module in a fresh VM: the top level, then each example.
func (m *module) evaluate(ctl *control, res *Result) {
	vm := goja.New()
	vm.SetMaxCallStackSize(m.opts.MaxCallStack)
	ctl.mu.Lock()
	ctl.vm = vm
	ctl.mu.Unlock()
	defer func() {
		ctl.mu.Lock()
		ctl.vm = nil
		ctl.mu.Unlock()
	}()
	mod := m.in.Module

	// The top level: runtime.js, then main.js, then one instance.
	var d driver
	var top *goja.Object
	f := m.eval(ctl, func() error {
		var err error
		d, err = m.setup(vm)
		if err != nil {
			return err
		}
		factory := goja.Null()
		if m.code != nil {
			if factory, err = vm.RunProgram(m.code.prog); err != nil {
				return err
			}
		}
		names := make([]any, len(m.queries))
		for i, q := range m.queries {
			names[i] = q.name
		}
		v, err := d.top(goja.Undefined(), factory, vm.NewArray(names...), vm.ToValue(m.defs))
		if err == nil {
			top = v.ToObject(vm)
		}
		return err
	})
	if f != nil {
		m.msgs.Add(m.limitOrThrow(f, "", nil))
		return
	}
	if t := top.Get("notObject"); t != nil && !goja.IsUndefined(t) {
		main := m.in.Main
		msg := diag.Errorf("dry-run-not-object", main.Source.Span(main.ExportOffset, main.DefaultEnd), "dry run of %s: the default export evaluates to %s, not an object", m.id, article(t.String()))
		m.msgs.Add(msg.WithHint("a JS module is `export default { … }`: an object literal with its functions and variables"))
		return
	}
	fnNames := stringList(top.Get("functions"))
	eachItem(top.Get("members"), func(mv goja.Value) {
		pair, ok := mv.(*goja.Object)
		if !ok {
			return
		}
		v := MemberValue{Name: pair.Get("0").String()}
		if j, ok := pair.Get("1").(goja.String); ok {
			v.Value = json.RawMessage(j.String())
		}
		res.Members = append(res.Members, v)
	})
	m.initErrors(top.Get("initErrors"))

	res.OK = true
	functions := map[string]bool{}
	if len(mod.Examples) > 0 {
		for _, name := range fnNames {
			functions[name] = true
		}
		if err := d.loadExamples(vm); err != nil {
			m.msgs.Add(diag.Errorf("internal-error", m.topLoc(), "dry run of %s: internal error: %v", m.id, err))
			res.OK = false
			return
		}
	}
	stopped := ""
	for i, ex := range mod.Examples {
		m.phase = i
		if stopped != "" {
			res.Examples = append(res.Examples, ExampleResult{Name: ex.Name, Call: ex.Call, Args: ex.Args, Error: stopped})
			continue
		}
		er := ExampleResult{Name: ex.Name, Call: ex.Call, Args: ex.Args}
		if !functions[ex.Call] {
			what := "a function of the module"
			if mod.Kind == workspace.KindQuery {
				what = "a function of a query (call \"run\")"
			}
			msg := diag.Errorf("example-not-function", ex.CallLoc, "dry run of %s: example %q calls %q, which is not %s", m.id, ex.Name, ex.Call, what)
			if s := suggest.Closest(ex.Call, fnNames); s != "" {
				msg = msg.WithHint("did you mean %q?", s)
			} else if len(fnNames) > 0 {
				msg = msg.WithHint("the functions are: %s", strings.Join(fnNames, ", "))
			}
			m.msgs.Add(msg)
			er.Error = fmt.Sprintf("%s is not a function", ex.Call)
			res.Examples = append(res.Examples, er)
			res.OK = false
			continue
		}
		m.runExample(vm, ctl, d, ex, &er)
		if ctl.memoryHit() {
			stopped = "not run: an earlier example hit the memory limit"
		}
		if !er.Passed {
			res.OK = false
		}
		res.Examples = append(res.Examples, er)
	}
}

// eval runs f as one evaluation under the time budget; it returns nil
// when f succeeded.
func (m *module) eval(ctl *control, f func() error) *failure {
	if m.watch != nil {
		m.watch.Start(m.phase, m.res, m.msgs)
		defer m.watch.End()
	}
	if !ctl.begin() {
		return &failure{limit: limitMemory}
	}
	t := time.AfterFunc(m.opts.Timeout, ctl.interruptTime)
	err := f()
	t.Stop()
	k := ctl.end()
	if err == nil && k != limitMemory {
		return nil // a time interrupt that came as f returned came too late
	}
	fl := &failure{err: err}
	var ie *goja.InterruptedError
	var so *goja.StackOverflowError
	var ex *goja.Exception
	switch {
	case errors.As(err, &ie):
		fl.limit = k
		if l, ok := ie.Value().(limitKind); ok && k == 0 {
			fl.limit = l
		}
		fl.frames = ie.Stack()
	case errors.As(err, &so):
		fl.overflow = true
		fl.frames = so.Stack()
	case errors.As(err, &ex):
		fl.exception = ex
		fl.frames = ex.Stack()
	}
	if k == limitMemory {
		// The memory limit wins: whatever else happened came from it.
		fl.limit, fl.overflow, fl.exception = limitMemory, false, nil
	} else if k != 0 && fl.limit == 0 && !fl.overflow && fl.exception == nil {
		fl.limit = k
	}
	return fl
}

func (c *control) memoryHit() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.memory
}

// setup runs runtime.js in vm and returns its driver.
func (m *module) setup(vm *goja.Runtime) (driver, error) {
	var d driver
	prog, err := runtimeProgram()
	if err != nil {
		return d, fmt.Errorf("compiling runtime.js: %w", err)
	}
	found := m.found
	if len(m.in.Libraries) > 0 {
		// Library code reaches every built-in and every global, as code
		// with an escape hatch does.
		found = found.union(codeNames.hatches)
	}
	(&guards{vm: vm, lim: newLimits(m.opts.MemoryLimit)}).installFound(found, m.text)
	// Intl on first use, toLocale* and \p{…} in new RegExp(…, "u") when
	// the module's code or a library it reads names them.
	named := featureText(m.found, m.text)
	if len(m.in.Libraries) > 0 {
		named += libraryNames(m.in.Libraries)
	}
	intl.Install(vm, named)
	uregexp.Install(vm, named)
	if m.lazy {
		_ = vm.Set(lazyName, func(goja.FunctionCall) goja.Value {
			m.lazyCalled = true
			panic(vm.NewGoError(errors.New("a function left out of the dry run was called")))
		})
	}
	v, err := vm.RunProgram(prog)
	if err != nil {
		return d, err
	}
	setupFn, _ := goja.AssertFunction(v)
	jp, err := newJSONParser(vm)
	if err != nil {
		return d, err
	}
	host := vm.NewObject()
	_ = host.Set("parse", jp.call)
	_ = host.Set("maxRecords", maxRecords)
	uses := apiUses(vm, found, m.text)
	if uses != nil && m.code != nil && m.code.init {
		_ = uses.Set(jsmod.InitName, true)
	}
	if uses != nil && browserDialogs(m.found) {
		_ = uses.Set("dialogs", true)
	}
	if uses == nil {
		_ = host.Set("uses", goja.Null())
	} else {
		_ = host.Set("uses", uses)
	}
	if uses == nil || uses.Get("atob") != nil {
		_ = host.Set("atob", atob(vm))
	}
	if uses == nil || uses.Get("btoa") != nil {
		_ = host.Set("btoa", btoa(vm))
	}
	_ = host.Set("request", func(c goja.FunctionCall) goja.Value { return m.request(vm, int(c.Argument(0).ToInteger())) })
	_ = host.Set("query", func(c goja.FunctionCall) goja.Value {
		i := int(c.Argument(0).ToInteger())
		if i < 0 || i >= len(m.queries) {
			panic(vm.NewTypeError("no query %d", i))
		}
		return m.queryObject(vm, i, m.queries[i])
	})
	rt, err := setupFn(goja.Undefined(), host)
	if err != nil {
		return d, err
	}
	o := rt.ToObject(vm)
	d.top, _ = goja.AssertFunction(o.Get("top"))
	d.more, _ = goja.AssertFunction(o.Get("more"))
	for _, l := range m.in.Libraries {
		if err := defineLibrary(vm, l); err != nil {
			return d, err
		}
	}
	// The browser globals the module's code names (m.found, not found: a
	// library gets only the computing ones its own source names).
	installBrowser(vm, m.text, m.found, m.in.Libraries, newLimits(m.opts.MemoryLimit), o)
	return d, nil
}

// defineLibrary makes l a global of vm, loaded the first time code reads
// it (most dry runs never call the functions that use it), under the
// budget of the evaluation that reads it. Code may assign the global, as
// it may any other.
func defineLibrary(vm *goja.Runtime, l *jslib.Library) error {
	var val goja.Value
	loading := false
	get := func(goja.FunctionCall) goja.Value {
		if val == nil {
			if loading {
				// The library reads its own global while it loads (lodash
				// keeps the previous _ for noConflict): there is none yet.
				return goja.Undefined()
			}
			loading = true
			v, err := l.Load(vm)
			loading = false
			if err != nil {
				// A limit that stopped the load stops the code that read
				// the global too; the library's own exception is thrown as
				// it is.
				rethrow(vm, err)
			}
			val = v
		}
		return val
	}
	set := func(c goja.FunctionCall) goja.Value {
		val = c.Argument(0)
		return goja.Undefined()
	}
	return vm.GlobalObject().DefineAccessorProperty(l.Global, vm.ToValue(get), vm.ToValue(set), goja.FLAG_TRUE, goja.FLAG_FALSE)
}

// initErrors warns of the computed initializers that threw while the
// instance was built: each variable starts undefined, as in Appsmith.
func (m *module) initErrors(thrown goja.Value) {
	eachItem(thrown, func(t goja.Value) {
		pair, ok := t.(*goja.Object)
		if !ok || m.in.Main == nil {
			return
		}
		name, text := pair.Get("0").String(), pair.Get("1").String()
		for _, mem := range m.in.Main.Members {
			if mem.Name == name {
				msg := diag.Warningf("dry-run-initializer-threw", mem.Loc, "dry run of %s: the initial value of %q threw %s; it starts undefined, as in Appsmith", m.id, name, text)
				m.msgs.Add(msg.WithHint("guard it (api.data?.map(…) ?? []) or compute it in a function that runs after the query"))
			}
		}
	})
}

// apiNames are the names of the runtime API (globals and what the factory
// binds) that runtime.js creates only for code that names them: creating a
// function costs about a microsecond in every fresh VM, and a module uses
// few of them. Code can reach them without naming them only through an
// escape hatch, or through the factory's arguments (its env object).
var apiNames = []string{
	"console", "setTimeout", "setInterval", "clearTimeout", "clearInterval", "atob", "btoa",
	"appsmith", "inputs", "storeValue", "removeValue", "clearStore", "showAlert", "navigateTo",
	"showModal", "closeModal", "resetWidget", "download", "copyToClipboard", "postWindowMessage", "fetch",
	"arguments",
}

// apiUses returns runtime.js's host.uses for code that has the names found
// (codeNames.scan): an object whose properties are the apiNames the code
// names, set to true; nil (every name) when it has an escape hatch or
// names arguments.
func apiUses(vm *goja.Runtime, found nameSet, code string) *goja.Object {
	if found.meets(codeNames.hatches) || codeNames.has(found, "arguments", code) {
		return nil
	}
	uses := vm.NewObject()
	for _, n := range apiNames {
		if codeNames.has(found, n, code) {
			_ = uses.Set(n, true)
		}
	}
	return uses
}

// queryObject builds the definition runtime.js takes for q, the i-th query
// (host.query, the first time the query runs).
func (m *module) queryObject(vm *goja.Runtime, i int, q queryDef) *goja.Object {
	o := vm.NewObject()
	_ = o.Set("name", q.name)
	_ = o.Set("file", q.file)
	_ = o.Set("index", i)
	if q.mock == nil {
		_ = o.Set("mock", goja.Null())
	} else {
		mock := vm.NewObject()
		data := string(q.mock.Data)
		if data == "" {
			data = "null"
		}
		headers := vm.NewObject()
		for k, v := range q.mock.Headers {
			_ = headers.Set(k, v)
		}
		_ = mock.Set("status", q.mock.Status)
		_ = mock.Set("data", data)
		_ = mock.Set("headers", headers)
		_ = o.Set("mock", mock)
	}
	return o
}

// request compiles the request function of the i-th query, the first time
// the query runs in a VM: null when it has none.
func (m *module) request(vm *goja.Runtime, i int) goja.Value {
	if i < 0 || i >= len(m.queries) || m.queries[i].request == "" {
		return goja.Null()
	}
	q := m.queries[i]
	prog, err := compileRequest(q.file+"#request", q.request)
	if err != nil {
		panic(vm.NewGoError(fmt.Errorf("query %s: %w", q.name, err)))
	}
	if m.helper == nil {
		hp, err := helperProgram()
		if err != nil {
			panic(vm.NewGoError(fmt.Errorf("compiling the requests' helper: %w", err)))
		}
		if m.helper, err = vm.RunProgram(hp); err != nil {
			panic(err)
		}
	}
	wrapped, err := vm.RunProgram(prog)
	if err != nil {
		panic(err)
	}
	bind, ok := goja.AssertFunction(wrapped)
	if !ok {
		panic(vm.NewTypeError("the request of query %s did not compile to a function", q.name))
	}
	fn, err := bind(goja.Undefined(), m.helper)
	if err != nil {
		panic(err)
	}
	return fn
}

// runExample runs one example on a fresh instance and judges it.
func (m *module) runExample(vm *goja.Runtime, ctl *control, d driver, ex *workspace.Example, er *ExampleResult) {
	store := "{}"
	if len(ex.Store) > 0 {
		b, _ := json.Marshal(ex.Store)
		store = string(b)
	}
	inputs := m.defs
	if len(ex.Inputs) > 0 {
		var merged bytes.Buffer
		merged.WriteString(strings.TrimSuffix(m.defs, "}"))
		keys := make([]string, 0, len(ex.Inputs))
		for k := range ex.Inputs {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for i, k := range keys {
			if i > 0 || m.defs != "{}" {
				merged.WriteByte(',')
			}
			kj, _ := json.Marshal(k)
			merged.Write(kj)
			merged.WriteByte(':')
			merged.Write(ex.Inputs[k])
		}
		merged.WriteByte('}')
		inputs = merged.String() // a later duplicate key wins in JSON.parse
	}
	args := "[]"
	if len(ex.Args) > 0 {
		parts := make([]string, len(ex.Args))
		for i, a := range ex.Args {
			parts[i] = string(a)
		}
		args = "[" + strings.Join(parts, ",") + "]"
	}

	var out *outcome
	var thrown bool
	var frames []goja.StackFrame
	fl := m.eval(ctl, func() error {
		v, err := d.example(goja.Undefined(), vm.ToValue(store), vm.ToValue(inputs), vm.ToValue(ex.Call), vm.ToValue(args), vm.ToValue(fetchMocks(ex)))
		var value goja.Value
		switch {
		case err != nil:
			var exc *goja.Exception
			if !errors.As(err, &exc) || isUncatchable(err) {
				return err
			}
			value, thrown, frames = exc.Value(), true, exc.Stack()
		default:
			value = v
			if p, ok := exportAs(v, promiseType).(*goja.Promise); ok {
				if err := m.settle(d, p); err != nil {
					return err
				}
				value = p.Result()
				thrown = p.State() == goja.PromiseStateRejected
			}
		}
		o, err := d.finish(goja.Undefined(), value, vm.ToValue(thrown))
		if err != nil {
			return err
		}
		out = readOutcome(vm, o, thrown)
		return nil
	})
	if fl != nil {
		msg := m.limitOrThrow(fl, ex.Call, ex)
		m.msgs.Add(msg)
		er.Error = msg.Text
		if fl.limit != 0 {
			// What it left behind may be large: collect it now, not while
			// the next example's time runs.
			runtime.GC()
		}
		return
	}
	er.Alerts, er.Logs, er.Navigations = out.alerts, out.logs, out.navigations
	for _, c := range out.calls {
		er.Calls = append(er.Calls, json.RawMessage(c))
	}
	if err := json.Unmarshal([]byte(out.store), &er.Store); err != nil || len(er.Store) == 0 {
		er.Store = nil
	}
	if !thrown && out.result != nil {
		er.Result = json.RawMessage(*out.result)
	}
	m.judge(ex, er, out, thrown, frames)
}

// Go types of goja values that the dry run looks for (exportAs).
var (
	promiseType     = reflect.TypeFor[*goja.Promise]()
	arrayBufferType = reflect.TypeFor[goja.ArrayBuffer]()
	bytesType       = reflect.TypeFor[[]byte]()
	stringType      = reflect.TypeFor[string]()
)

// exportAs returns v.Export() when it is of type t, else nil. It asks the
// type first: Export copies a plain object or array whole, calling its
// getters (code that could record an alert, say, or allocate without the
// guards), only for the copy to be thrown away.
func exportAs(v goja.Value, t reflect.Type) any {
	if v == nil || v.ExportType() != t {
		return nil
	}
	return v.Export()
}

// fetchMocks returns the JSON text of ex's fetch mocks for runtime.js:
// {url: {status, data, headers}}.
func fetchMocks(ex *workspace.Example) string {
	if len(ex.Fetch) == 0 {
		return "{}"
	}
	out := make(map[string]*workspace.Mock, len(ex.Fetch))
	for url, m := range ex.Fetch {
		out[url] = m
	}
	data, err := json.Marshal(out)
	if err != nil {
		return "{}" // a mock's data is JSON already
	}
	return string(data)
}

func isUncatchable(err error) bool {
	var ie *goja.InterruptedError
	var so *goja.StackOverflowError
	return errors.As(err, &ie) || errors.As(err, &so)
}

// errStuck is returned by settle for a promise that can never settle.
type errStuck string

func (e errStuck) Error() string { return string(e) }

// settle fires virtual timers until p settles.
func (m *module) settle(d driver, p *goja.Promise) error {
	for fired := 0; p.State() == goja.PromiseStatePending; fired++ {
		if fired == maxTimerCallbacks {
			return errStuck(fmt.Sprintf("was still pending after %d timer callbacks (a setInterval that is never cleared?)", maxTimerCallbacks))
		}
		more, err := d.fire(goja.Undefined())
		if err != nil {
			var exc *goja.Exception
			if errors.As(err, &exc) && !isUncatchable(err) {
				return &timerError{exc}
			}
			return err
		}
		if !more.ToBoolean() {
			return errStuck("returned a promise that never settles: nothing is left that could settle it (no query, timer or callback pending)")
		}
	}
	return nil
}

// timerError is an exception thrown by a timer callback.
type timerError struct{ exc *goja.Exception }

func (e *timerError) Error() string { return e.exc.Error() }

// call renders the function an example calls, for messages.
func call(name string) string {
	if name == "" {
		return "main.js"
	}
	return name + "()"
}

// limitOrThrow turns a failed evaluation into a message. fn and ex are
// empty for the top level.
func (m *module) limitOrThrow(f *failure, fn string, ex *workspace.Example) diag.Message {
	what := "evaluating main.js"
	if ex != nil {
		what = call(fn)
	}
	var text string
	id := "dry-run-threw"
	switch {
	case f.limit == limitTime:
		id = "dry-run-timeout"
		text = fmt.Sprintf("%s did not finish within %s (an infinite loop?)", what, m.opts.Timeout)
	case f.limit == limitMemory:
		id = "dry-run-memory"
		text = fmt.Sprintf("%s used more than %s of memory (allocating without end?)", what, bytesText(m.opts.MemoryLimit))
	case f.overflow:
		id = "dry-run-stack-overflow"
		text = fmt.Sprintf("%s exceeded the call stack limit of %d frames (infinite recursion?)", what, m.opts.MaxCallStack)
	case f.exception != nil:
		text = fmt.Sprintf("%s threw %s", what, exceptionText(f.exception))
	default:
		var te *timerError
		var st errStuck
		switch {
		case errors.As(f.err, &te):
			f.frames = te.exc.Stack()
			text = fmt.Sprintf("%s: a timer callback threw %s", what, exceptionText(te.exc))
		case errors.As(f.err, &st):
			id = "dry-run-stuck"
			text = fmt.Sprintf("%s %s", what, string(st))
		default:
			id = "dry-run-failed"
			text = fmt.Sprintf("%s failed: %v", what, f.err)
		}
	}
	if ex != nil {
		text = fmt.Sprintf("example %q: %s", ex.Name, text)
	}
	msg := diag.Errorf(id, m.fallbackLoc(fn, ex), "dry run of %s: %s", m.id, text)
	if m.code != nil {
		if loc, ok := m.code.frameLoc(f.frames); ok {
			msg.Location = loc
			if ex != nil {
				msg = msg.WithNote(ex.Loc, "while running this example")
			}
		}
	}
	return msg
}

// exceptionText renders a thrown value: "Error: message" for errors.
func exceptionText(e *goja.Exception) string {
	if v := e.Value(); v != nil {
		return v.String()
	}
	return firstLine(e.Error())
}

// fallbackLoc is where a message goes when no main.js position is known:
// the example, else the function's definition, else the default export.
func (m *module) fallbackLoc(fn string, ex *workspace.Example) diag.Location {
	if ex != nil {
		return ex.Loc
	}
	if m.in.Main != nil {
		if mem := m.in.Main.Member(fn); mem != nil {
			return mem.Loc
		}
	}
	return m.topLoc()
}

func (m *module) topLoc() diag.Location {
	if main := m.in.Main; main != nil && main.Source != nil {
		return main.Source.Span(main.ExportOffset, main.DefaultEnd)
	}
	return diag.Location{File: m.in.Module.Dir + "/module.json"}
}

func article(typ string) string {
	switch typ {
	case "undefined", "null":
		return typ
	case "object":
		return "an object"
	}
	return "a " + typ
}

func bytesText(n uint64) string {
	switch {
	case n >= 1<<30 && n%(1<<30) == 0:
		return fmt.Sprintf("%d GiB", n>>30)
	case n >= 1<<20:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// featureNames are the names intl.Install and uregexp.Install look for
// in a module's code (codeNames finds them with the rest).
var featureNames = append([]string{"Intl", "RegExp", `p{`, `P{`}, intl.MethodNames...)

// featureText is what intl.Install and uregexp.Install need to see of code
// whose codeNames are found: the featureNames it has, a line each. (Each
// looking for its names in the whole code again cost more than the rest of
// an Intl-free module's setup: strings.Contains of "toLocaleString" stops
// at every t.)
func featureText(found nameSet, code string) string {
	var b strings.Builder
	for _, n := range featureNames {
		if codeNames.has(found, n, code) {
			b.WriteString(n)
			b.WriteByte('\n')
		}
	}
	return b.String()
}

// libraryNames are the names intl.Install and uregexp.Install look for
// that the libraries' sources contain, found once per library.
func libraryNames(libs []*jslib.Library) string {
	var b strings.Builder
	for _, l := range libs {
		v, ok := libNames.Load(l)
		if !ok {
			src := l.Source()
			var found []string
			names := append([]string{"Intl", "RegExp", `p{`, `P{`}, intl.MethodNames...)
			for _, n := range names {
				if strings.Contains(src, n) {
					found = append(found, n)
				}
			}
			v, _ = libNames.LoadOrStore(l, strings.Join(found, " "))
		}
		b.WriteString("\n")
		b.WriteString(v.(string))
	}
	return b.String()
}

// libNames holds libraryNames' findings, by library.
var libNames sync.Map
