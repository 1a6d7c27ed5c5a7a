package appsmith

import (
	"encoding/json"
	"fmt"
	"net/url"
	"sort"
	"strings"

	"github.com/modc-dev/modc/compiler/internal/binding"
	"github.com/modc-dev/modc/compiler/internal/jsmod"
	"github.com/modc-dev/modc/compiler/internal/jsonpos"
)

// rewriter rewrites the {{ }} bindings of a query: a page widget it reads
// becomes an input of the module (Input1.text → inputs.Input1.text).
type rewriter struct {
	page *Page
	// read records each read of a widget or JS object, with the property
	// read right after it.
	read func(widget, member string)
}

// template rewrites the bindings of one string.
func (rw *rewriter) template(s string) string {
	if !strings.Contains(s, "{{") {
		return s
	}
	segs := binding.Split(s)
	var b strings.Builder
	for _, seg := range segs {
		if !seg.Binding {
			b.WriteString(seg.Text)
			continue
		}
		b.WriteString("{{")
		b.WriteString(rw.expr(seg.Text))
		b.WriteString("}}")
	}
	return b.String()
}

// expr rewrites the widget and JS object reads of one binding's code; code that does
// not parse is left as it is (modc check reports it).
func (rw *rewriter) expr(code string) string {
	refs, err := jsmod.ExpressionRefs(code)
	if err != nil {
		return code
	}
	var at []int
	for _, r := range refs {
		// A widget, or a JS object of the page (a query body that calls
		// Utils.payload()): an input, which the app binds to the widget or
		// to the object's instance.
		if r.This || rw.page.Widget(r.Name) == nil && rw.page.object(r.Name) == nil || rw.page.Queries[r.Name] != nil {
			continue
		}
		rw.read(r.Name, r.Member)
		at = append(at, r.Offset)
	}
	for i := len(at) - 1; i >= 0; i-- {
		code = code[:at[i]] + "inputs." + code[at[i]:]
	}
	return code
}

// query is one page query mapped to a private query file.
type query struct {
	action      *Action
	request     obj
	mock        obj
	origin      obj
	description string
	placeholder bool
}

// plugins names the plugins of the usual datasources.
var plugins = map[string]string{
	"restapi-plugin": "REST API", "graphql-plugin": "GraphQL", "mysql-plugin": "MySQL",
	"postgres-plugin": "PostgreSQL", "mongo-plugin": "MongoDB", "mssql-plugin": "Microsoft SQL Server",
	"google-sheets-plugin": "Google Sheets", "amazons3-plugin": "Amazon S3", "smtp-plugin": "SMTP",
	"firestore-plugin": "Firestore", "snowflake-plugin": "Snowflake", "redshift-plugin": "Redshift",
	"oracle-plugin": "Oracle", "redis-plugin": "Redis", "elasticsearch-plugin": "Elasticsearch",
	"dynamo-plugin": "DynamoDB", "arangodb-plugin": "ArangoDB", "saas-plugin": "SaaS",
	"openai-plugin": "OpenAI", "anthropic-plugin": "Anthropic", "googleai-plugin": "Google AI",
	"appsmithai-plugin": "Appsmith AI", "databricks-plugin": "Databricks",
}

func pluginName(id string) string {
	if m, ok := strings.CutPrefix(id, "module:"); ok {
		return "query module " + m
	}
	if n, ok := plugins[id]; ok {
		return n
	}
	if id == "" {
		return "unknown plugin"
	}
	return id
}

// isHTTP reports whether the action is a REST or GraphQL request, which
// modc runs as it is.
func (a *Action) isHTTP() bool {
	return a.PluginID == "restapi-plugin" || a.PluginID == "graphql-plugin" ||
		(a.PluginType == "API" && a.PluginID == "")
}

// mapQuery maps a page query to a private query: REST and GraphQL as their
// request, anything else as a placeholder request that carries its body.
func mapQuery(a *Action, rw *rewriter) *query {
	q := &query{action: a}
	q.origin = obj{{"from", "appsmith"}, {"page", rw.page.Name}, {"name", a.Name}, {"plugin", a.PluginID}}
	if a.Datasource != "" {
		q.origin = append(q.origin, kv{"datasource", a.Datasource})
	}
	if a.Module != "" {
		q.origin = obj{{"from", "appsmith"}, {"page", rw.page.Name}, {"name", a.Name}, {"plugin", "module:" + a.Module}}
		mapModuleInstance(a, rw, q)
		q.mock = obj{{"status", 200}, {"data", obj{}}}
	} else if a.isHTTP() {
		mapHTTP(a, rw, q)
		q.mock = obj{{"status", 200}, {"data", obj{}}}
	} else {
		mapOther(a, rw, q)
		q.mock = obj{{"status", 200}, {"data", []any{}}}
	}
	if q.placeholder {
		q.origin = append(q.origin, kv{"placeholder", true})
	}
	return q
}

func mapHTTP(a *Action, rw *rewriter, q *query) {
	c := &a.Config
	base := a.DatasourceURL
	p := rw.template(c.Path)
	what := "REST query"
	if a.PluginID == "graphql-plugin" {
		what = "GraphQL query"
	}
	q.description = fmt.Sprintf("Imported from Appsmith: %s %s of page %s.", what, a.Name, rw.page.Name)
	if base == "" && !absoluteURL(p) {
		base = "https://" + hostSlug(a.Datasource) + ".invalid"
		q.placeholder = true
		q.description += fmt.Sprintf(" The export does not hold the URL of datasource %q: replace %s with it.", a.Datasource, base)
	}
	u := joinURL(rw.template(base), p)
	sep := "?"
	if strings.Contains(u, "?") {
		sep = "&"
	}
	for _, kv := range c.QueryParameters {
		if kv.Key == "" {
			continue
		}
		u += sep + url.QueryEscape(kv.Key) + "=" + escapeTemplate(rw.template(string(kv.Value)))
		sep = "&"
	}
	method := strings.ToUpper(c.HTTPMethod)
	switch method {
	case "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS":
	case "":
		method = "GET"
	default:
		q.description += fmt.Sprintf(" Appsmith sent it with method %s, which modc does not have; it is sent with POST.", method)
		method = "POST"
	}
	headers := obj{}
	for _, kv := range c.Headers {
		if kv.Key != "" {
			headers.set(kv.Key, rw.template(string(kv.Value)))
		}
	}
	contentType := apiContentType(c.FormData)
	var body any
	text := strings.TrimSpace(a.Body)
	switch {
	case a.PluginID == "graphql-plugin":
		gql := obj{{"query", rw.template(a.Body)}}
		if len(c.PluginSpecifiedTemplates) > 1 {
			var vars string
			if json.Unmarshal(c.PluginSpecifiedTemplates[1].Value, &vars) == nil && strings.TrimSpace(vars) != "" {
				gql = append(gql, kv{"variables", jsonBody(rw.template(vars))})
			}
		}
		body = gql
		contentType = "application/json"
	case contentType == "application/x-www-form-urlencoded" || contentType == "multipart/form-data":
		form := obj{}
		for _, kv := range c.BodyFormData {
			if kv.Key != "" {
				form.set(kv.Key, rw.template(string(kv.Value)))
			}
		}
		if len(form) > 0 {
			body = form
			q.description += fmt.Sprintf(" Appsmith sent its body as %s; modc sends it as JSON: check what the service takes.", contentType)
		}
	case text != "":
		body = jsonBody(rw.template(a.Body))
	}
	if body != nil && contentType != "" && contentType != "none" && !hasHeader(headers, "content-type") {
		headers.set("Content-Type", contentType)
	}
	q.request = obj{{"method", method}, {"url", u}}
	if len(headers) > 0 {
		q.request = append(q.request, kv{"headers", headers})
	}
	if body != nil {
		q.request = append(q.request, kv{"body", body})
	}
}

// mapModuleInstance maps an instance of an Appsmith query module: the
// module's request is in its package, not in the app's export, so the
// request is a placeholder that carries the instance's inputs.
func mapModuleInstance(a *Action, rw *rewriter, q *query) {
	q.placeholder = true
	u := "https://" + hostSlug(strings.ReplaceAll(a.Module, "/", "-")) + ".invalid/"
	q.description = fmt.Sprintf("Imported from Appsmith: %s on page %s is an instance of the query module %s, whose request is in its Appsmith package, not in the app's export: copy that request here (its inputs are in body), or keep using the mock.", a.Name, rw.page.Name, a.Module)
	inputs := obj{}
	for _, k := range sortedKeys(a.ModuleInputs) {
		inputs = append(inputs, kv{k, rw.template(a.ModuleInputs[k])})
	}
	q.request = obj{{"method", "POST"}, {"url", u}, {"headers", obj{{"Content-Type", "application/json"}}},
		{"body", obj{{"module", a.Module}, {"inputs", inputs}}}}
}

// mapOther maps a database, SaaS or other plugin's query: a placeholder
// POST to the datasource that carries what Appsmith would run.
func mapOther(a *Action, rw *rewriter, q *query) {
	q.placeholder = true
	u := a.DatasourceURL
	if !absoluteURL(u) {
		u = "https://" + hostSlug(a.Datasource) + ".invalid/query"
	}
	name := pluginName(a.PluginID)
	q.description = fmt.Sprintf("Imported from Appsmith: %s query %s of page %s", name, a.Name, rw.page.Name)
	if a.Datasource != "" {
		q.description += fmt.Sprintf(", on datasource %q", a.Datasource)
	}
	q.description += fmt.Sprintf(". modc runs HTTP requests only: this placeholder POSTs the query to %s; point url at a service that runs it, or keep using the mock.", u)
	body := obj{{"plugin", a.PluginID}}
	if a.Datasource != "" {
		body = append(body, kv{"datasource", a.Datasource})
	}
	if strings.TrimSpace(a.Body) != "" {
		body = append(body, kv{"query", rw.template(a.Body)})
	}
	if len(a.Config.FormData) > 0 {
		if n, err := jsonpos.Parse(a.Config.FormData); err == nil && n.Kind == jsonpos.Object && len(n.Fields) > 0 {
			if !(len(n.Fields) == 1 && n.Fields[0].Key == "apiContentType") {
				body = append(body, kv{"formData", ordered(n, rw.template)})
			}
		}
	}
	q.request = obj{{"method", "POST"}, {"url", u}, {"headers", obj{{"Content-Type", "application/json"}}}, {"body", body}}
}

// jsonBody turns a body text into the JSON value of a modc request: JSON
// as itself; JSON with bindings outside its strings (Appsmith's smart
// substitution, {"id": {{Table1.selectedRow.id}}}) as one binding that
// builds the same value; anything else as the text.
func jsonBody(text string) any {
	t := strings.TrimSpace(text)
	if t == "" {
		return nil
	}
	if json.Valid([]byte(t)) {
		if n, err := jsonpos.Parse([]byte(t)); err == nil {
			return ordered(n, nil)
		}
	}
	if (t[0] == '{' || t[0] == '[') && strings.Contains(t, "{{") {
		if expr, ok := jsonExpression(t); ok {
			return "{{ " + expr + " }}"
		}
	}
	return text
}

// jsonExpression writes JSON text with bindings as one JS expression: a
// binding outside a string is its value, one inside a string is joined to
// the string's text.
func jsonExpression(t string) (string, bool) {
	var b strings.Builder
	inString := false
	segs := binding.Split(t)
	for i, seg := range segs {
		if seg.Binding {
			switch {
			case !inString:
				b.WriteString("(" + seg.Text + ")")
			case strings.HasSuffix(b.String(), `"`) && i+1 < len(segs) && strings.HasPrefix(segs[i+1].Text, `"`):
				// "{{x}}": the value as text
				s := b.String()
				b.Reset()
				b.WriteString(s[:len(s)-1] + "String(" + seg.Text + ")")
				segs[i+1].Text = segs[i+1].Text[1:]
				inString = false
			default:
				b.WriteString(`" + (` + seg.Text + `) + "`)
			}
			continue
		}
		s := seg.Text
		for i := 0; i < len(s); i++ {
			switch {
			case inString && s[i] == '\\':
				i++
			case s[i] == '"':
				inString = !inString
			}
		}
		b.WriteString(s)
	}
	out := b.String()
	if inString {
		return "", false
	}
	if _, err := jsmod.ExpressionRefs(out); err != nil {
		return "", false
	}
	return out, true
}

func apiContentType(formData json.RawMessage) string {
	var f struct {
		APIContentType string `json:"apiContentType"`
	}
	_ = json.Unmarshal(formData, &f)
	return strings.ToLower(f.APIContentType)
}

func hasHeader(h obj, name string) bool {
	for _, e := range h {
		if strings.EqualFold(e.k, name) {
			return true
		}
	}
	return false
}

// absoluteURL reports whether s starts like a URL: a scheme, or a binding
// (Appsmith lets a path be {{appsmith.store.base}}/…).
func absoluteURL(s string) bool {
	return strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://") || strings.HasPrefix(s, "{{")
}

// joinURL joins a datasource URL and a path with one slash between.
func joinURL(base, p string) string {
	switch {
	case base == "":
		return p
	case p == "":
		return base
	case absoluteURL(p):
		return p
	case strings.HasSuffix(base, "/") && strings.HasPrefix(p, "/"):
		return base + p[1:]
	case !strings.HasSuffix(base, "/") && !strings.HasPrefix(p, "/") && !strings.HasPrefix(p, "?"):
		return base + "/" + p
	}
	return base + p
}

// escapeTemplate percent-encodes the text of a query parameter's value,
// leaving its bindings (modc encodes their values).
func escapeTemplate(s string) string {
	var b strings.Builder
	for _, seg := range binding.Split(s) {
		if seg.Binding {
			b.WriteString("{{" + seg.Text + "}}")
		} else {
			b.WriteString(url.QueryEscape(seg.Text))
		}
	}
	return b.String()
}

// hostSlug makes a datasource's name a host name label.
func hostSlug(name string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(name) {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		} else {
			dash = true
		}
	}
	if b.Len() == 0 {
		return "datasource"
	}
	s := b.String()
	if len(s) > 63 {
		s = strings.TrimRight(s[:63], "-")
	}
	return s
}

// queryFile is the JSON of a private query: the request and origin as
// mapped, and the mock kept from the file already there (the user's edits)
// or the mapped one. A query whose origin a user marked as no longer a
// placeholder keeps its request too.
func (q *query) file(old *jsonpos.Node) (any, bool) {
	request := any(q.request)
	origin := q.origin
	mock := any(q.mock)
	kept := false
	if old != nil && old.Kind == jsonpos.Object {
		if m := old.Get("mock"); m != nil {
			mock, kept = ordered(m, nil), true
		}
		if o := old.Get("origin"); q.placeholder && o != nil {
			if p := o.Get("placeholder"); p != nil && p.Kind == jsonpos.Bool && !p.Bool {
				if r := old.Get("request"); r != nil {
					request = ordered(r, nil)
					origin.set("placeholder", false)
				}
			}
		}
	}
	return obj{{"description", q.description}, {"origin", origin}, {"request", request}, {"mock", mock}}, kept
}

// sortedKeys returns m's keys in order.
func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
