package model

import "encoding/json"

// MemberValue is a variable of the Main object and its initial value as JSON
// (nil when the value has no JSON form, such as undefined).
type MemberValue struct {
	Name  string          `json:"name"`
	Value json.RawMessage `json:"value,omitempty"`
}

// ExampleResult is the outcome of one example.
type ExampleResult struct {
	Name   string            `json:"name"`
	Call   string            `json:"call"`
	Args   []json.RawMessage `json:"args,omitempty"`
	Passed bool              `json:"passed"`
	// Result is the call's (awaited) result as JSON; nil when the call
	// threw, or returned undefined or a value without a JSON form.
	Result json.RawMessage `json:"result,omitempty"`
	// Store is the store after the call, each value as JSON.
	Store map[string]json.RawMessage `json:"store,omitempty"`
	// Error is the message of the error the call threw, or why it failed.
	Error       string   `json:"error,omitempty"`
	Alerts      []string `json:"alerts,omitempty"`
	Logs        []string `json:"logs,omitempty"`
	Navigations []string `json:"navigations,omitempty"`
	// Calls are the platform calls made, each the JSON array [name, ...args].
	Calls []json.RawMessage `json:"calls,omitempty"`
}
