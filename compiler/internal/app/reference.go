package app

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/modc-dev/modc/compiler/internal/app/widgets"
)

// widgetDocs is widgets/docs.json: a description of every member of the
// widget table (TestReferenceCoversTable keeps the two together).
type widgetDocs struct {
	Common map[string]string `json:"common"`
	Types  map[string]struct {
		Summary string            `json:"summary"`
		Example string            `json:"example"`
		Members map[string]string `json:"members"`
	} `json:"types"`
}

func readWidgetDocs() (*widgetDocs, error) {
	var d widgetDocs
	dec := json.NewDecoder(strings.NewReader(widgets.Source("docs.json")))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&d); err != nil {
		return nil, fmt.Errorf("compiler/internal/app/widgets/docs.json: %w", err)
	}
	return &d, nil
}

// Reference returns the widget reference, in markdown pages for the docs
// site, by file name: _index.md lists the widget types, <type>.md
// describes one (its properties, events, exposed values, setters and an
// example), all made from the widget table and widgets/docs.json.
func Reference() (map[string][]byte, error) {
	docs, err := readWidgetDocs()
	if err != nil {
		return nil, err
	}
	names := make([]string, 0, len(widgetTypes))
	for name := range widgetTypes {
		names = append(names, name)
	}
	sort.Strings(names)
	out := map[string][]byte{}
	var index bytes.Buffer
	index.WriteString(`---
title: Widgets
weight: 46
description: Every widget type an app may use, with its properties, events, the values bindings read and the setters handlers call.
---

<!-- Generated from compiler/internal/app/widgets/types.json and docs.json by go test ./compiler/internal/app -update; do not edit. -->

# Widgets

The widget types of [apps](../building-apps/), with Appsmith's names. Every widget has ` + "`name`" + `,
` + "`type`" + `, ` + "`isVisible`" + ` and a place on the grid (` + "`leftColumn`, `rightColumn`, `topRow`, `bottomRow`" + `,
see [Layout](../building-apps/#layout)).

| type | what it is |
| --- | --- |
`)
	for _, name := range names {
		fmt.Fprintf(&index, "| [`%s`](%s.md) | %s |\n", name, name, cell(docs.Types[name].Summary))
	}
	out["_index.md"] = index.Bytes()
	for i, name := range names {
		t := widgetTypes[name]
		d := docs.Types[name]
		desc := func(m string) string {
			if s, ok := d.Members[m]; ok {
				return s
			}
			return docs.Common[m]
		}
		var b bytes.Buffer
		fmt.Fprintf(&b, "---\ntitle: %s\nweight: %d\ndescription: %s\n---\n\n", name, i+1, yamlString(d.Summary))
		b.WriteString("<!-- Generated from compiler/internal/app/widgets/types.json and docs.json by go test ./compiler/internal/app -update; do not edit. -->\n\n")
		fmt.Fprintf(&b, "# %s\n\n%s\n\n```json\n%s\n```\n", name, d.Summary, d.Example)
		table := func(title, intro string, rows []string, extra func(string) string) {
			if len(rows) == 0 {
				return
			}
			fmt.Fprintf(&b, "\n## %s\n\n%s\n\n| name | meaning |\n| --- | --- |\n", title, intro)
			for _, r := range rows {
				text := desc(r)
				if extra != nil {
					text += extra(r)
				}
				fmt.Fprintf(&b, "| `%s` | %s |\n", r, cell(text))
			}
		}
		table("Properties", "Set in `app.json`, as constants or `{{ }}` bindings; bindings read them too.", t.dataProps(), nil)
		table("Events", "Each is one `{{ }}` binding of statements, run when the event happens.", t.events, nil)
		table("Values", "What the widget keeps as the user works with it; bindings read them.", sortedKeys(t.exposed), func(v string) string {
			return " From " + joinCode(t.exposed[v]) + "."
		})
		setters := sortedKeys(mergeSetters(t.setters))
		table("Setters", "Handlers call them to change the widget; each returns a promise.", setters, func(s string) string {
			return " Sets `" + mergeSetters(t.setters)[s] + "`."
		})
		if t.container {
			b.WriteString("\n## Widgets\n\nIts `widgets` are laid out inside it, as on a page (a grid of 64 columns of its own width).\n")
		}
		out[name+".md"] = b.Bytes()
	}
	return out, nil
}

// mergeSetters returns the common setters and those of a type.
func mergeSetters(own map[string]string) map[string]string {
	out := map[string]string{}
	for k, v := range commonSetters {
		out[k] = v
	}
	for k, v := range own {
		out[k] = v
	}
	return out
}

func joinCode(names []string) string {
	parts := make([]string, len(names))
	for i, n := range names {
		parts[i] = "`" + n + "`"
	}
	return strings.Join(parts, " and ")
}

// cell makes text fit in a markdown table cell.
func cell(s string) string {
	return strings.NewReplacer("|", `\|`, "\n", " ").Replace(s)
}

// yamlString quotes s for front matter.
func yamlString(s string) string {
	q, _ := json.Marshal(s)
	return string(q)
}
